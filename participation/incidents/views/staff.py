"""The staff inbox: reports of the user's authorities only (a foreign report is a 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.personal_data import personal_data

from .. import selectors
from ..forms import InboxFilterForm, StatusForm
from ..location import lat_lon
from ..models import IncidentCategory
from ..services.status import change_status

PAGE_SIZE = 50


def _authorities_or_404(user):
    authorities = selectors.staff_authorities(user)
    if not authorities:
        raise Http404
    return authorities


@never_cache
@login_required
@personal_data
def inbox(request):
    authorities = _authorities_or_404(request.user)
    categories = IncidentCategory.objects.filter(authority__in=authorities).select_related(
        "authority")
    form = InboxFilterForm(request.GET or None, categories=categories)
    reports = selectors.reports_for_staff(request.user).filter(authority__in=authorities)
    if form.is_valid():
        if form.cleaned_data["status"]:
            reports = reports.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["category"]:
            reports = reports.filter(category=form.cleaned_data["category"])
    page = Paginator(reports.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("seite"))
    return render(request, "incidents/staff/inbox.html",
                  {"form": form, "page": page, "authorities": authorities})


@never_cache
@login_required
@personal_data
def detail(request, report_uid):
    authorities = _authorities_or_404(request.user)
    report = (selectors.reports_for_staff(request.user).filter(authority__in=authorities)
              .prefetch_related("photos", "history__changed_by").filter(uid=report_uid).first())
    if report is None:
        raise Http404
    form = StatusForm(request.POST or None, initial={"status": report.status})
    if request.method == "POST" and form.is_valid():
        try:
            change_status(report=report, status=form.cleaned_data["status"],
                          public_answer=form.cleaned_data["public_answer"], user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The status was changed."))
            return redirect("incidents_staff:detail", report_uid=report.uid)
    latitude, longitude = lat_lon(report.location)
    questions = {q.code: q.label for q in report.category.questions.all()}
    answers = [(questions.get(code, code), value) for code, value in report.answers.items()]
    return render(request, "incidents/staff/detail.html", {
        "report": report, "form": form, "latitude": latitude, "longitude": longitude,
        "answers": answers}, status=400 if form.is_bound and form.errors else 200)
