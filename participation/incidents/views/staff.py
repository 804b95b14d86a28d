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
from ..apps import MODULE_CODE
from ..forms import ForwardForm, InboxFilterForm, MergeForm, StatusForm
from ..location import lat_lon
from ..models import IncidentCategory, ResponseTemplate
from ..routing import authorities_at
from ..services.handling import forward_report, merge_report
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
    action = request.POST.get("action", "status") if request.method == "POST" else None
    bound = {name: (request.POST if action == name else None)
             for name in ("status", "forward", "merge")}
    form = StatusForm(bound["status"], initial={"status": report.status},
                      templates=ResponseTemplate.objects.filter(authority=report.authority))
    forward_form = ForwardForm(bound["forward"], categories=_forward_categories(report))
    merge_form = MergeForm(bound["merge"])
    done = None
    try:
        if action == "status" and form.is_valid():
            change_status(report=report, status=form.cleaned_data["status"],
                          public_answer=form.answer(), user=request.user)
            done = _("The status was changed.")
        elif action == "forward" and forward_form.is_valid():
            forward_report(report=report, category=forward_form.cleaned_data["category"],
                           note=forward_form.cleaned_data["note"], user=request.user)
            messages.success(request, _("The report was forwarded."))
            return redirect("incidents_staff:inbox")
        elif action == "merge" and merge_form.is_valid():
            into = (selectors.reports_for_staff(request.user)
                    .filter(authority=report.authority,
                            reference=merge_form.cleaned_data["reference"].strip()).first())
            if into is None:
                merge_form.add_error("reference", _("No report with this reference number."))
            else:
                merge_report(duplicate=report, into=into, note=merge_form.cleaned_data["note"],
                             user=request.user)
                done = _("The report was closed as a duplicate.")
    except ValidationError as exc:
        {"forward": forward_form, "merge": merge_form}.get(action, form).add_error(None, exc)
    if done:
        messages.success(request, done)
        return redirect("incidents_staff:detail", report_uid=report.uid)
    failed = any(f.is_bound and f.errors for f in (form, forward_form, merge_form))
    latitude, longitude = lat_lon(report.location)
    questions = {q.code: q.label for q in report.category.questions.all()}
    answers = [(questions.get(code, code), value) for code, value in report.answers.items()]
    return render(request, "incidents/staff/detail.html", {
        "report": report, "form": form, "forward_form": forward_form, "merge_form": merge_form,
        "latitude": latitude, "longitude": longitude, "answers": answers},
        status=400 if failed else 200)


def _forward_categories(report):
    """Active categories of the other authorities that take reports at the report's place."""
    others = [a.pk for a in authorities_at(report.location)
              if a.pk != report.authority_id and a.has_module(MODULE_CODE)]
    return (IncidentCategory.objects.filter(authority_id__in=others, is_active=True)
            .select_related("authority").order_by("authority__name", "order", "name"))
