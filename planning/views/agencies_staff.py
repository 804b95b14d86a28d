"""Staff pages for public agencies (/staff/agencies/): the register and the §4 phases.

Every object is looked up through portal.tenancy.scoped_to_staff, so an agency, phase,
invitation or statement of another authority is simply not found (404). All roles read;
changes need planning.manage_agencies (admin, planner; planning/agencies/permissions.py) and
go through the services in planning.agencies.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from portal.tenancy import scoped_to_staff

from ..agencies import permissions
from ..agencies.csv_import import ImportRefused, import_agencies
from ..agencies.invitations import renew_link, send_invitations
from ..agencies.overview import agency_statements, phase_overview
from ..agencies.phases import agency_phase_for_staff, agency_phases_for_staff
from ..agencies.proposal import add_agency, addable_agencies, propose_agencies, remove_proposals
from ..agencies.register import create_agency, update_agency
from ..forms.agencies import AddAgencyForm, AgencyForm, AgencyImportForm
from ..models import Agency, AgencyInvitation, InvitationState
from .staff.access import editable_authorities
from .staff.feedback import add_service_error
from .staff.geometry import jurisdiction_geojson


def _agencies(user):
    return scoped_to_staff(Agency.objects.select_related("authority"), user)


def _require_manage(user, authority) -> None:
    if not user.has_perm(permissions.MANAGE, authority):
        raise PermissionDenied


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _phase_url(phase) -> str:
    return reverse("planning_agencies:phase", kwargs={"phase_pk": phase.pk})


def _area_geojson(agency: Agency) -> str:
    if agency.pk is None or agency.responsibility_area is None:
        return ""
    return agency.responsibility_area.transform(4326, clone=True).geojson


@login_required
def agency_list(request):
    user = request.user
    agencies = _agencies(user).order_by("authority__name", "name")
    now = timezone.now()
    phases = agency_phases_for_staff(user).annotate(
        invited=Count("invitations", filter=~Q(invitations__state=InvitationState.PROPOSED)),
        answered=Count("invitations", filter=Q(invitations__state=InvitationState.ANSWERED)),
    ).order_by("-start_date", "pk")
    return render(request, "planning/agencies/staff_list.html", {
        "agency_rows": [{"agency": a, "can_edit": user.has_perm(permissions.MANAGE, a)}
                        for a in agencies],
        "phase_rows": [{"phase": p, "plan": p.procedure.plan, "state": p.state(now)}
                       for p in phases],
        "can_add": editable_authorities(user).exists(),
    })


def _render_agency_form(request, form, agency):
    return render(request, "planning/agencies/staff_agency_form.html", {
        "form": form, "agency": agency, "failed_forms": [form] if form.errors else [],
    })


@login_required
def agency_create(request):
    authorities = editable_authorities(request.user)
    if not authorities.exists():
        raise PermissionDenied
    is_post = request.method == "POST"
    initial = {"authority": authorities.first().pk} if authorities.count() == 1 else {}
    form = AgencyForm(request.POST if is_post else None, request.FILES if is_post else None,
                      authorities=authorities, initial=initial)
    if is_post and form.is_valid():
        try:
            agency = create_agency(authority=form.cleaned_data["authority"],
                                   **form.service_fields())
        except ValidationError as exc:
            add_service_error(form, exc, field_map={"responsibility_area": "area"})
        else:
            messages.success(request, _("The agency “%(name)s” was added to the register.")
                             % {"name": agency.name})
            return redirect("planning_agencies:list")
    if is_post:
        form.keep_file_area()
    chosen = form.cleaned_data.get("authority") if is_post else None
    form.fields["area"].widget.jurisdiction = jurisdiction_geojson(chosen or authorities.first())
    return _render_agency_form(request, form, None)


@login_required
def agency_edit(request, pk):
    agency = get_object_or_404(_agencies(request.user), pk=pk)
    _require_manage(request.user, agency.authority)
    is_post = request.method == "POST"
    initial = {"name": agency.name, "emails": agency.emails, "topics": agency.topics,
               "area": _area_geojson(agency), "is_active": agency.is_active}
    form = AgencyForm(request.POST if is_post else None, request.FILES if is_post else None,
                      agency=agency, initial=initial)
    if is_post and form.is_valid():
        try:
            update_agency(agency=agency, **form.service_fields())
        except ValidationError as exc:
            agency.refresh_from_db()
            add_service_error(form, exc, field_map={"responsibility_area": "area"})
        else:
            messages.success(request, _("The agency “%(name)s” was saved.") % {"name": agency.name})
            return redirect("planning_agencies:list")
    if is_post:
        form.keep_file_area()
    form.fields["area"].widget.jurisdiction = jurisdiction_geojson(agency.authority)
    return _render_agency_form(request, form, agency)


@login_required
def agency_import(request):
    authorities = editable_authorities(request.user)
    if not authorities.exists():
        raise PermissionDenied
    is_post = request.method == "POST"
    form = AgencyImportForm(request.POST if is_post else None, request.FILES if is_post else None,
                            authorities=authorities)
    report = None
    if is_post and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_agencies(authority=form.cleaned_data["authority"],
                                     data=upload.read(1024 * 1024 + 1))
        except ImportRefused as exc:
            report = exc.report
            form.add_error("file", _("Nothing was imported: correct the rows listed below."))
        except ValidationError as exc:
            add_service_error(form, exc, default_field="file")
        else:
            messages.success(request, ngettext(
                "%(count)d agency was imported.", "%(count)d agencies were imported.",
                len(report.created)) % {"count": len(report.created)})
            if not report.skipped:
                return redirect("planning_agencies:list")
    return render(request, "planning/agencies/staff_import.html", {
        "form": form, "report": report, "failed_forms": [form] if form.errors else [],
    })


@login_required
def phase_agencies(request, phase_pk):
    phase = agency_phase_for_staff(request.user, phase_pk)
    plan = phase.procedure.plan
    authority = phase.procedure.authority
    now = timezone.now()
    can_manage = request.user.has_perm(permissions.MANAGE, authority)
    state = phase.state(now)
    return render(request, "planning/agencies/staff_phase.html", {
        "phase": phase, "plan": plan, "authority": authority, "state": state,
        "overview": phase_overview(phase),
        "can_manage": can_manage and state != "closed",
        "add_form": AddAgencyForm(agencies=addable_agencies(phase), prefix="add"),
        "has_addable": addable_agencies(phase).exists(),
    })


def _phase_for_change(request, phase_pk):
    phase = agency_phase_for_staff(request.user, phase_pk)
    _require_manage(request.user, phase.procedure.authority)
    return phase


def _report(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
@require_POST
def phase_propose(request, phase_pk):
    phase = _phase_for_change(request, phase_pk)
    try:
        result = propose_agencies(phase=phase)
    except ValidationError as exc:
        _report(request, exc)
        return redirect(_phase_url(phase))
    if not result.plan_has_area:
        messages.warning(request, _("The plan has no Geltungsbereich, so no agency can be "
                                    "found by its area. Add agencies by hand."))
    elif result.added:
        messages.success(request, ngettext(
            "%(count)d agency was proposed.", "%(count)d agencies were proposed.",
            len(result.added)) % {"count": len(result.added)})
    else:
        messages.success(request, _("No further agency's area intersects the Geltungsbereich."))
    return redirect(_phase_url(phase))


@login_required
@require_POST
def phase_add(request, phase_pk):
    phase = _phase_for_change(request, phase_pk)
    form = AddAgencyForm(request.POST, agencies=addable_agencies(phase), prefix="add")
    if not form.is_valid():
        messages.error(request, _("Choose an agency of the register that is not listed yet."))
        return redirect(_phase_url(phase))
    try:
        add_agency(phase=phase, agency=form.cleaned_data["agency"])
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("“%(name)s” was added to the proposals.")
                         % {"name": form.cleaned_data["agency"].name})
    return redirect(_phase_url(phase))


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()]


@login_required
@require_POST
def phase_proposals(request, phase_pk):
    """Remove one proposal, or send invitations to the ticked ones."""
    phase = _phase_for_change(request, phase_pk)
    try:
        if "remove" in request.POST:
            removed = remove_proposals(phase=phase, invitation_ids=_ids([request.POST["remove"]]))
            if removed:
                messages.success(request, _("The proposal was removed."))
        else:
            count = send_invitations(phase=phase, invitation_ids=_ids(request.POST.getlist("invite")),
                                     base_url=_base_url(request))
            messages.success(request, ngettext(
                "%(count)d invitation is being sent.", "%(count)d invitations are being sent.",
                count) % {"count": count})
    except ValidationError as exc:
        _report(request, exc)
    return redirect(_phase_url(phase))


@login_required
@require_POST
def invitation_new_link(request, phase_pk, invitation_uid):
    phase = _phase_for_change(request, phase_pk)
    invitation = get_object_or_404(AgencyInvitation.objects.select_related("agency", "phase"),
                                   phase=phase, uid=invitation_uid)
    try:
        renew_link(invitation=invitation, base_url=_base_url(request))
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("A new link is being sent to “%(name)s”; the previous link "
                                    "no longer works.") % {"name": invitation.agency.name})
    return redirect(_phase_url(phase))


def _statement_for_staff(request, phase_pk, statement_uid):
    phase = agency_phase_for_staff(request.user, phase_pk)
    statement = get_object_or_404(
        agency_statements(phase).select_related("agency", "plan", "phase"), uid=statement_uid)
    return phase, statement


@login_required
def statement_detail(request, phase_pk, statement_uid):
    phase, statement = _statement_for_staff(request, phase_pk, statement_uid)
    response = render(request, "planning/agencies/staff_statement.html", {
        "phase": phase, "plan": phase.procedure.plan, "statement": statement,
        "attachments": list(statement.attachments.all()),
    })
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def attachment_download(request, phase_pk, statement_uid, attachment_uid):
    _phase, statement = _statement_for_staff(request, phase_pk, statement_uid)
    attachment = get_object_or_404(statement.attachments.all(), uid=attachment_uid)
    if not attachment.file:
        raise Http404
    response = FileResponse(attachment.file.open("rb"), as_attachment=True,
                            filename=attachment.file_name,
                            content_type=attachment.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
