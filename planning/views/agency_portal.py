"""The page of an invited agency, reached by its personal link /toeb/<token>/ (no account).

The link is opened once: `agency_link` checks it, keeps it in the session and redirects to the
token-free /toeb/zugang/<invitation uid>/ (planning.agencies.link_session), where all pages,
forms and downloads live. The token is resolved by planning.agencies.tokens: an unknown,
withdrawn, replaced or foreign link answers 404, a link whose phase has closed 410 – each with
a page that explains what happened and reveals nothing else. Statements, receipts and
documents are looked up within the invitation's own agency, phase and plan, so a link never
reaches another phase's data.
Responses are private and not cached; the referrer (a token-free address since the exchange)
goes only to this site ("same-origin": "no-referrer" would make browsers send "Origin: null" with the forms,
which the CSRF check rightly refuses).
"""

import json
import logging
from functools import wraps

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from gis.srid import WGS84
from portal.request_limits import accepts_attachments
from portal.throttling import CLIENT, throttle

from ..agencies.link_session import check_session_link, remember
from ..agencies.submission import StatementRefused, submit_agency_statement
from ..agencies.tokens import EXPIRED, UNKNOWN, check_link
from ..forms.agencies import AgencyStatementForm, NoConcernsForm
from ..models import Plan, Statement
from ..services.participation_settings import settings_for_phase
from ..statements.receipts import render_receipt

logger = logging.getLogger(__name__)


def private_page(view):
    """Headers of a token page; refusals are logged without the path (it holds the token)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = render(request, "planning/agencies/portal_refused.html",
                              {"expired": False}, status=404)
        if response.status_code >= 400:
            # Django would log "Not Found: /toeb/<token>/…" – a valid secret in the log (G5).
            response._has_been_logged = True
            logger.info("Agency link refused with %s (%s)", response.status_code, view.__name__)
        response["Cache-Control"] = "private, no-store"
        response.setdefault("Referrer-Policy", "same-origin")
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _refused(request, check):
    """404 for an unknown link, 410 with the end of the period for an expired one."""
    context = {"expired": check.status == EXPIRED}
    if check.status == EXPIRED:
        phase = check.invitation.phase
        context |= {"phase": phase, "authority": phase.procedure.authority,
                    "last_moment": timezone.localtime(phase.last_moment)}
    return render(request, "planning/agencies/portal_refused.html", context,
                  status=410 if check.status == EXPIRED else 404)


def _topics(invitation) -> list[str]:
    settings_ = settings_for_phase(invitation.phase)
    return list(settings_.topics or invitation.agency.topics)


def _own_statements(invitation):
    return Statement.objects.filter(phase=invitation.phase, agency=invitation.agency,
                                    plan=invitation.phase.procedure.plan)


def _page(request, invitation, *, statement_form=None, no_concerns_form=None):
    phase = invitation.phase
    plan = phase.procedure.plan
    now = timezone.now()
    state = phase.state(now)
    return render(request, "planning/agencies/portal_page.html", {
        "invitation": invitation, "agency": invitation.agency,
        "phase": phase, "plan": plan, "authority": phase.procedure.authority,
        "state": state, "last_moment": timezone.localtime(phase.last_moment),
        "documents": [d for d in plan.documents.all() if d.is_public and d.file],
        "statements": list(_own_statements(invitation).order_by("received_at", "pk")),
        "statement_form": statement_form or AgencyStatementForm(topics=_topics(invitation)),
        "no_concerns_form": no_concerns_form or NoConcernsForm(prefix="nc"),
        "failed_forms": [f for f in (statement_form, no_concerns_form) if f is not None
                         and f.errors],
    })


def _receipt_url(invitation, statement) -> str:
    return reverse("planning_agencies:portal-receipt",
                   kwargs={"invitation_uid": invitation.uid, "statement_uid": statement.uid})


def _render_receipt(request, invitation, statement, *, status=200, link_valid=True):
    return render(request, "planning/agencies/portal_receipt.html", {
        "invitation": invitation, "statement": statement,
        "plan": invitation.phase.procedure.plan, "phase": invitation.phase,
        "authority": invitation.phase.procedure.authority, "link_valid": link_valid,
        "attachments": list(statement.attachments.all()),
    }, status=status)


def _submit(request, invitation_uid, *, no_concerns: bool):
    check = check_session_link(request, invitation_uid)
    if check.status == UNKNOWN:
        return _refused(request, check)
    invitation = check.invitation
    if no_concerns:
        form = NoConcernsForm(request.POST, prefix="nc")
    else:
        form = AgencyStatementForm(request.POST, request.FILES, topics=_topics(invitation))
    if not form.is_valid():
        if check.status == EXPIRED:
            return _refused(request, check)
        return _page(request, invitation,
                     **{"no_concerns_form" if no_concerns else "statement_form": form})
    data = form.cleaned_data
    key = data.get("idempotency_key")
    # After the end, only a retry of a statement accepted in time gets its receipt (B14).
    if check.status == EXPIRED and not (
            key and _own_statements(invitation).filter(idempotency_key=key).exists()):
        return _refused(request, check)
    try:
        statement, _created = submit_agency_statement(
            invitation=invitation, no_concerns=no_concerns, idempotency_key=key,
            text=data.get("remark" if no_concerns else "text", ""),
            topics=data.get("topics") or [], location_text=data.get("location_text", ""),
            attachments=data.get("attachments") or [],
        )
    except StatementRefused as exc:
        if check.status == EXPIRED:
            return _refused(request, check)
        for message in exc.messages:
            form.add_error(None, message)
        return _page(request, invitation,
                     **{"no_concerns_form" if no_concerns else "statement_form": form})
    if check.status == EXPIRED:
        return _render_receipt(request, invitation, statement, link_valid=False)
    return redirect(_receipt_url(invitation, statement))


@private_page
def agency_link(request, token):
    """The personal link: exchanged for a session entry, then a token-free address (303, so
    a form still posted here from an old page arrives as a plain visit of the page)."""
    check = check_link(token)
    if check.status == UNKNOWN:
        return _refused(request, check)
    remember(request, check)
    response = redirect(reverse("planning_agencies:portal",
                                kwargs={"invitation_uid": check.invitation.uid}))
    response.status_code = 303
    return response


@private_page
@accepts_attachments
@throttle(("agency-statement-client", CLIENT))
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def agency_page(request, invitation_uid):
    if request.method == "POST":
        return _submit(request, invitation_uid, no_concerns=False)
    check = check_session_link(request, invitation_uid)
    if not check.is_valid:
        return _refused(request, check)
    return _page(request, check.invitation)


@private_page
@throttle(("agency-statement-client", CLIENT))
@csrf_protect
@require_POST
def no_concerns(request, invitation_uid):
    return _submit(request, invitation_uid, no_concerns=True)


def _valid_invitation(request, invitation_uid):
    check = check_session_link(request, invitation_uid)
    return check, (check.invitation if check.is_valid else None)


@private_page
def receipt(request, invitation_uid, statement_uid):
    check, invitation = _valid_invitation(request, invitation_uid)
    if invitation is None:
        return _refused(request, check)
    statement = get_object_or_404(_own_statements(invitation), uid=statement_uid)
    return _render_receipt(request, invitation, statement)


@private_page
def receipt_pdf(request, invitation_uid, statement_uid):
    check, invitation = _valid_invitation(request, invitation_uid)
    if invitation is None:
        return _refused(request, check)
    statement = get_object_or_404(_own_statements(invitation), uid=statement_uid)
    response = HttpResponse(render_receipt(statement), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="Eingangsbestaetigung-{statement.reference}.pdf"')
    return response


@private_page
def document_download(request, invitation_uid, document_uid):
    check, invitation = _valid_invitation(request, invitation_uid)
    if invitation is None:
        return _refused(request, check)
    plan = invitation.phase.procedure.plan
    document = get_object_or_404(plan.documents.all(), uid=document_uid, is_public=True)
    if not document.file:
        raise Http404
    inline = document.content_type in {"application/pdf", "image/png", "image/jpeg"}
    response = FileResponse(
        document.file.open("rb"), as_attachment=not inline,
        filename=document.file_name or f"{document.title}.bin",
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@private_page
def area_geojson(request, invitation_uid):
    check, invitation = _valid_invitation(request, invitation_uid)
    if invitation is None:
        return _refused(request, check)
    plan = invitation.phase.procedure.plan
    geometry = (Plan.objects.filter(pk=plan.pk, area__isnull=False)
                .annotate(g=AsGeoJSON(Transform("area", WGS84), precision=7))
                .values_list("g", flat=True).first())
    if geometry is None:
        raise Http404
    feature = {"type": "Feature", "geometry": json.loads(geometry),
               "properties": {"name": plan.name, "number": plan.number}}
    response = HttpResponse(json.dumps(feature), content_type="application/geo+json")
    response["Content-Disposition"] = 'attachment; filename="geltungsbereich.geojson"'
    return response
