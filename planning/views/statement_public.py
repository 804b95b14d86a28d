"""Citizens submit statements in an open public phase; the receipt follows at once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts_citizen.selectors import organisations_of
from accounts_citizen.services.contributions import link_contribution
from accounts_citizen.services.profile import identity_initial
from gis.models import Feature
from portal import privacy_notices
from portal.embedding.routes import receipt_granted
from portal.personal_data import personal_data
from portal.request_limits import accepts_attachments
from portal.throttling import CLIENT, throttle

from .. import selectors
from ..maps.objects import feature_choices as object_choices
from ..models import Plan, Statement
from ..services.participation_settings import with_statement_settings
from ..services.statements import (
    Identity,
    Submission,
    create_statement,
    current_privacy_notice,
    settings_for,
)
from ..statements.forms import StatementForm
from ..statements.receipts import render_receipt

SESSION_KEY = "submitted_statements"
MAX_LISTED_FEATURES = 500


def _plan(authority_slug, plan_uid, *, for_page: bool = True) -> Plan:
    try:
        return selectors.plan_for_public(authority_slug=authority_slug, uid=plan_uid,
                                         for_page=for_page)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc


def open_public_phase(plan: Plan, now=None):
    if plan.procedure is None:
        return None
    # Each with its statement settings: settings_for(phase) below makes no query.
    for phase in with_statement_settings(plan.procedure.phases.open_at(now)).order_by("start_date"):
        definition = phase.kind_definition
        if definition and definition.accepts_statements and definition.audience != "agencies":
            return phase
    return None


def _feature_choices(plan: Plan, only: int | None = None):
    rows = (
        Feature.objects.filter(layer__plan_link__plan=plan, layer__is_public=True)
        .order_by("layer__plan_link__order", "source_index")
        .values_list("pk", "label", "feature_class", "style_key", "layer__name", "layer__style")
    )
    if only is not None:
        return object_choices(rows.filter(pk=only))
    return object_choices(rows[:MAX_LISTED_FEATURES])


def _posted_feature_choices(plan: Plan, data):
    """The choice a POST needs: none or only the chosen plan object, not the list of 500 the
    page shows (building it was a third of a submission's time). Anything else – a value that
    is no object of this plan – gets the full list, so the form refuses it as before."""
    value = data.get("plan_feature", "")
    if value == "":
        return []
    if value.isascii() and value.isdigit():  # not "²", which isdigit() but int() refuses
        chosen = _feature_choices(plan, only=int(value))
        if chosen:
            return chosen
    return _feature_choices(plan)


def _document_choices(plan: Plan, data=None):
    """(pk, title) of the plan's public documents: on the page, and for a POST that names a
    document or a section of one (a POST without either needs no choices)."""
    if data is not None and data.get("document", "") == "" and not data.get(
            "document_section", "").strip():
        return []
    documents = (plan.documents.all() if data is None
                 else selectors.public_documents_of_plans().filter(plan=plan))
    return [(d.pk, d.title) for d in documents]


def _submission(data) -> Submission:
    anonymous = data.get("anonymous", False)
    identity = Identity(
        is_anonymous=bool(anonymous), name=data.get("name", ""),
        organisation=data.get("organisation", ""), street=data.get("street", ""),
        postcode=data.get("postcode", ""), city=data.get("city", ""), email=data.get("email", ""),
    )
    return Submission(
        text=data["text"], topics=data.get("topics", []), location=data.get("location"),
        location_text=data.get("location_text", ""), plan_feature_id=data.get("plan_feature"),
        document_id=data.get("document"), document_section=data.get("document_section", ""),
        identity=identity,
    )


@never_cache
@accepts_attachments
@throttle(("statement-client", CLIENT))
def statement_form(request, authority_slug, plan_uid):
    # A POST that succeeds redirects: it reads the plan without what only the page shows.
    posted = request.method == "POST"
    plan = _plan(authority_slug, plan_uid, for_page=not posted)
    phase = open_public_phase(plan)
    if phase is None:
        return render(request, "planning/statements/closed.html",
                      {"plan": _plan(authority_slug, plan_uid) if posted else plan}, status=403)
    settings = settings_for(phase)
    # The procedure's own notice (dataprotection) replaces the authority's general one.
    procedure_notice = privacy_notices.current(plan.procedure)
    notice = None if procedure_notice else current_privacy_notice(plan.authority)
    organisations = organisations_of(request.user)

    def statement_form_for(features, documents):
        return StatementForm(request.POST or None, request.FILES or None, plan=plan,
                             settings=settings, features=features, documents=documents,
                             has_privacy_notice=notice is not None or procedure_notice is not None,
                             organisations=organisations)

    if posted:
        form = statement_form_for(_posted_feature_choices(plan, request.POST),
                                  _document_choices(plan, request.POST))
        refused = None
        if form.is_valid() and procedure_notice is not None and request.POST.get(
                "privacy_notice_version") != str(procedure_notice.number):
            refused = ValidationError(_(
                "The data-protection notice was changed while you were writing. Please read "
                "the current version (%(number)s) and confirm it again.")
                % {"number": procedure_notice.number})
        elif form.is_valid():
            try:
                # The settings and the notice were read in this request: the service does
                # not read them again (docs/performance.md, "Statement submission").
                statement, _created = create_statement(
                    plan=plan, phase=phase, submission=_submission(form.cleaned_data),
                    attachments=form.cleaned_data.get("attachments") or [],
                    privacy_notice=notice, idempotency_key=form.cleaned_data["idempotency_key"],
                    statement_settings=settings, current_notice=notice,
                )
            except ValidationError as exc:
                refused = exc
            else:
                privacy_notices.accepted(statement, procedure_notice)
                # Signed in: listed under "My contributions" (accounts_citizen).
                link_contribution(user=request.user, kind="statement", object_uid=statement.uid,
                                  organisation=form.chosen_organisation())
                submitted = request.session.get(SESSION_KEY, [])
                if str(statement.uid) not in submitted:
                    request.session[SESSION_KEY] = [*submitted, str(statement.uid)][-50:]
                return redirect("planning:statement-receipt", authority_slug=authority_slug,
                                plan_uid=plan.uid, statement_uid=statement.uid)
        # The page again, with every plan object to choose from and the same errors.
        plan = _plan(authority_slug, plan_uid)
        form = statement_form_for(_feature_choices(plan), _document_choices(plan))
        form.is_valid()
        if refused is not None:
            form.add_error(None, refused)
    else:
        form = statement_form_for(_feature_choices(plan), _document_choices(plan))
        preselected = request.GET.get("objekt")
        if preselected and preselected.isdigit():
            form.initial["plan_feature"] = int(preselected)
        # A signed-in citizen's profile prefills name, address and e-mail (docs/accounts.md).
        form.initial.update(identity_initial(request.user))
    status = 400 if form.is_bound else 200
    notice_language = "en" if (request.LANGUAGE_CODE or "").startswith("en") else "de"
    return render(
        request, "planning/statements/form.html",
        {"plan": plan, "phase": phase, "form": form, "notice": notice, "settings": settings,
         "procedure_notice": procedure_notice,
         "procedure_notice_text": procedure_notice.text_for(notice_language)
         if procedure_notice else "", "procedure_notice_language": notice_language,
         "map_config": {"area": _area(plan), "draw": True}},
        status=status,
    )


def _area(plan: Plan):
    from .public import _area_geojson

    return _area_geojson(plan)


def _own_statement(request, authority_slug, plan_uid, statement_uid) -> Statement:
    # Inside an embedded frame (no session cookie) a signed grant opens the receipt.
    if (str(statement_uid) not in request.session.get(SESSION_KEY, [])
            and not receipt_granted(request, statement_uid)):
        raise Http404
    return get_object_or_404(
        Statement.objects.select_related("plan", "phase", "authority"),
        uid=statement_uid, plan__uid=plan_uid, authority__slug=authority_slug,
    )


@never_cache
@personal_data
def statement_receipt(request, authority_slug, plan_uid, statement_uid):
    statement = _own_statement(request, authority_slug, plan_uid, statement_uid)
    if request.method == "POST":
        messages.info(request, _("Thank you."))
    return render(request, "planning/statements/receipt.html", {
        "statement": statement, "plan": statement.plan,
        "pdf_url": reverse("planning:statement-receipt-pdf",
                           args=[authority_slug, plan_uid, statement_uid]),
        "now": timezone.now(),
    })


@never_cache
@personal_data
def statement_receipt_pdf(request, authority_slug, plan_uid, statement_uid):
    statement = _own_statement(request, authority_slug, plan_uid, statement_uid)
    response = HttpResponse(render_receipt(statement), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="Eingangsbestaetigung-{statement.reference}.pdf"')
    return response
