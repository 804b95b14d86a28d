"""The staff inbox: reports of the user's authorities only (a foreign report is a 404)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.personal_data import personal_data
from portal.tenancy import staff_authority_ids

from .. import selectors
from ..apps import MODULE_CODE
from ..forms import ApiKeyForm, AssignForm, ForwardForm, InboxFilterForm, MergeForm, StatusForm
from ..location import lat_lon
from ..models import IncidentCategory, Open311Key, ResponseTemplate
from ..routing import authorities_at
from ..services.api_keys import issue_key
from ..services.handling import assign_report, forward_report, merge_report
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
        if form.cleaned_data["older_than"] is not None:
            reports = reports.filter(created_at__lt=timezone.now() - timedelta(
                days=form.cleaned_data["older_than"]))
        if form.cleaned_data["mine"]:
            reports = reports.filter(assigned_to=request.user)
        if form.cleaned_data["overdue"]:
            reports = [r for r in reports.order_by("-created_at", "-pk") if r.is_overdue]
    if not isinstance(reports, list):
        reports = reports.select_related("assigned_to").order_by("-created_at", "-pk")
    page = Paginator(reports, PAGE_SIZE).get_page(
        request.GET.get("seite"))
    return render(request, "incidents/staff/inbox.html",
                  {"form": form, "page": page, "authorities": authorities,
                   "query": _without_page(request.GET),
                   "may_manage_keys": bool(_admin_authorities(request.user))})


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
             for name in ("status", "forward", "merge", "assign")}
    form = StatusForm(bound["status"], initial={"status": report.status},
                      templates=ResponseTemplate.objects.filter(authority=report.authority))
    forward_form = ForwardForm(bound["forward"], categories=_forward_categories(report))
    merge_form = MergeForm(bound["merge"])
    assign_form = AssignForm(bound["assign"], users=_staff_of(report.authority),
                             initial={"assigned_to": report.assigned_to_id})
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
        elif action == "assign" and assign_form.is_valid():
            assign_report(report=report, user=assign_form.cleaned_data["assigned_to"],
                          by=request.user)
            done = _("The assignment was saved.")
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
    failed = any(f.is_bound and f.errors
                 for f in (form, forward_form, merge_form, assign_form))
    latitude, longitude = lat_lon(report.location)
    questions = {q.code: q.label for q in report.category.questions.all()}
    answers = [(questions.get(code, code), value) for code, value in report.answers.items()]
    return render(request, "incidents/staff/detail.html", {
        "report": report, "form": form, "forward_form": forward_form, "merge_form": merge_form,
        "assign_form": assign_form,
        "latitude": latitude, "longitude": longitude, "answers": answers},
        status=400 if failed else 200)


def _without_page(params) -> str:
    copy = params.copy()
    copy.pop("seite", None)
    return copy.urlencode()


def _staff_of(authority):
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(
        is_active=True, memberships__authority=authority).distinct().order_by(
        "last_name", "first_name", "username"))


def _forward_categories(report):
    """Active categories of the other authorities that take reports at the report's place."""
    others = [a.pk for a in authorities_at(report.location)
              if a.pk != report.authority_id and a.has_module(MODULE_CODE)]
    return (IncidentCategory.objects.filter(authority_id__in=others, is_active=True)
            .select_related("authority").order_by("authority__name", "order", "name"))


def _admin_authorities(user):
    from portal.models import Role

    return [a for a in selectors.staff_authorities(user)
            if user.is_superuser or a.pk in staff_authority_ids(user, {Role.ADMIN})]


@never_cache
@login_required
@personal_data
def api_keys(request):
    """Open311 keys of the authorities the user administers: list, issue (shown once), revoke."""
    authorities = _admin_authorities(request.user)
    if not authorities:
        raise Http404
    form = ApiKeyForm(request.POST or None, authorities=authorities)
    plain = None
    if request.method == "POST":
        revoke = request.POST.get("revoke", "")
        if revoke:
            key = Open311Key.objects.filter(pk=int(revoke) if revoke.isdigit() and len(revoke) < 19
                                            else 0, authority__in=authorities).first()
            if key is None:
                raise Http404
            Open311Key.objects.filter(pk=key.pk).update(is_active=False)
            messages.success(request, _("The key was revoked."))
            return redirect("incidents_staff:api-keys")
        if form.is_valid():
            _record, plain = issue_key(authority=form.cleaned_data["authority"],
                                       client_name=form.cleaned_data["client_name"])
            form = ApiKeyForm(authorities=authorities)
    keys = Open311Key.objects.filter(authority__in=authorities).select_related("authority")
    return render(request, "incidents/staff/api_keys.html",
                  {"form": form, "keys": keys, "plain": plain},
                  status=400 if form.is_bound and form.errors else 200)
