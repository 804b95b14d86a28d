"""URL arguments for every parametrised route: a tenant's objects, or ids that exist nowhere.

`ARGUMENTS` maps a parameter name to how its value is found. Where one name means different
objects on different routes (``pk``, ``uid``, ``job_uid``, ``object_id``, ...), the first
matching route prefix or name decides. A route whose parameter has no entry here makes
`test_every_parametrised_route_has_arguments` fail: add the entry when adding the route.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from planning.models import Plan
from planning.services.cosigning import confirmation_token
from portal.models import Role
from portal.services.staff_members import invitation_token

from .url_map import Route
from .world import Tenant

#: Values that name nothing; the answer to them is what a foreign id must look like.
NOWHERE_UUID = uuid.UUID("00000000-0000-4000-8000-000000000000")
NOWHERE_INT = 987_654
NOWHERE_TOKEN = "Q" * 43


def _subscription_token(tenant: Tenant, purpose: str) -> str:
    """A link of a subscription to the tenant's area (made on first use; not tenant-owned)."""
    from participation.subscriptions import tokens
    from participation.subscriptions.models import Subscription

    email = f"abo@{tenant.authority.slug}.example.org"
    subscription = Subscription.objects.filter(email=email).first()
    if subscription is None:
        subscription = Subscription(email=email, area=tenant.authority.jurisdiction,
                                    area_label=tenant.authority.name, topics=["procedures"],
                                    site_url="http://testserver")
        subscription.confirm_token_hash = tokens.token_hash(
            tokens.token(tokens.CONFIRM, subscription.public_id))
        subscription.unsubscribe_token_hash = tokens.token_hash(
            tokens.token(tokens.UNSUBSCRIBE, subscription.public_id))
        subscription.save()
    return tokens.token(purpose, subscription.public_id)


def _registration_key(tenant: Tenant) -> str:
    from participation.events.tokens import registration_key

    return registration_key(tenant.event_registration)


def _object_id(route: Route, tenant: Tenant):
    """The object an admin route addresses, by the model in its path."""
    if route.route.startswith("admin/portal/authority/"):
        return tenant.authority.pk
    if route.route.startswith("admin/portal/membership/"):
        return tenant.membership.pk
    if route.route.startswith("admin/auth/user/"):
        return tenant.staff[Role.ADMIN].pk
    if route.route.startswith("admin/auth/group/"):
        return tenant.group_of_users.pk
    if route.route.startswith("admin/django_tasks_database/"):
        return NOWHERE_UUID  # tasks are not tenant-owned: only "no 500" is checked
    if route.route.startswith("admin/incidents/incidentcategory/"):
        return tenant.incident_category.pk
    if route.route.startswith("admin/incidents/responsetemplate/"):
        return tenant.response_template.pk
    if route.route.startswith("admin/axes/"):
        return NOWHERE_INT  # login records are not tenant-owned: only "no 500" is checked
    if route.route.startswith(("admin/account/", "admin/socialaccount/", "admin/mfa/")):
        return NOWHERE_INT  # accounts and authenticators (allauth) are not tenant-owned: "no 500"
    if route.name in ("admin:view_on_site", "admin-shortcut"):
        return Plan.objects.get(authority=tenant.authority, is_published=False).pk
    raise KeyError(route.label)


#: (route name or route prefix, parameter) -> value from a tenant. Checked in order.
def _dialogue_unsubscribe_token(tenant) -> str:
    from participation.dialogues.mail import unsubscribe_token

    return unsubscribe_token(tenant.dialogue_comment)


SPECIFIC = [
    ("planning_agencies:edit", "pk", lambda t: t.agency.pk),
    ("planning_workbench:text-block-delete", "pk", lambda t: t.text_block.pk),
    ("portal:staff-authority", "pk", lambda t: t.authority.pk),
    ("api:staff-authority-detail", "pk", lambda t: t.authority.pk),
    ("weighing_export:", "job_uid", lambda t: t.export_job.uid),
    ("xplan:", "job_uid", lambda t: t.xplan_job.uid),
    ("planning_agencies:", "phase_pk", lambda t: t.agency_phase.pk),
    ("planning_agencies:", "statement_uid", lambda t: t.agency_statement.uid),
    ("planning_agencies:", "attachment_uid", lambda t: t.agency_attachment.uid),
    ("api:staff-statement-detail", "uid", lambda t: t.statement.uid),
    ("api:plan", "uid", lambda t: t.plan.uid),
    ("api:survey-results", "uid", lambda t: t.survey.uid),
    ("password_reset_confirm", "token", lambda t: "set-password"),
    ("layer-", "uid", lambda t: t.layer.uid),
    ("planning:cosign-confirm", "token", lambda t: confirmation_token(t.pending_cosignature)),
    ("portal:staff-invitation", "token", lambda t: invitation_token(t.staff_invitation)),
    ("subscriptions:confirm", "token", lambda t: _subscription_token(t, "confirm")),
    ("subscriptions:unsubscribe", "token", lambda t: _subscription_token(t, "unsubscribe")),
    ("dialogues:unsubscribe", "token", lambda t: _dialogue_unsubscribe_token(t)),
    # Citizens' organisations (/konto/organisationen/) belong to no tenant: staff get 404.
    ("accounts_citizen:organisation", "pk", lambda t: NOWHERE_INT),
    # State partners (/staff/laender/) are no tenant's; an authority's admin gets 404 there.
    ("partners:", "pk", lambda t: NOWHERE_INT),
    ("livevoting_staff:", "question_pk", lambda t: t.live_question.pk),
    ("trails_warden:report", "reference", lambda t: t.trail_report.reference),
    # OGC API: a plan of the world is in preparation, so a feature of "plans-in-procedure".
    ("ogcapi:", "feature_id", lambda t: t.plan.uid),
]

#: Parameter -> value from a tenant, where the name alone says what it is.
GENERAL = {
    "plan_uid": lambda t: t.plan.uid,
    "document_uid": lambda t: t.document.uid,
    "layer_uid": lambda t: t.layer.uid,
    "phase_pk": lambda t: t.public_phase.pk,
    "statement_uid": lambda t: t.statement.uid,
    "attachment_uid": lambda t: t.attachment.uid,
    "invitation_uid": lambda t: t.invitation.uid,
    "section_pk": lambda t: t.section.pk,
    "group_pk": lambda t: t.group.pk,
    "authority_slug": lambda t: t.authority.slug,
    "slug": lambda t: t.authority.slug,
    "token": lambda t: t.token,
    "uidb64": lambda t: urlsafe_base64_encode(force_bytes(t.staff[Role.ADMIN].pk)),
    "id": lambda t: t.staff[Role.ADMIN].pk,
    "content_type_id": lambda t: ContentType.objects.get_for_model(Plan).pk,
    "authority_pk": lambda t: t.authority.pk,
    "request_uid": lambda t: t.subject_request.uid,
    "report_uid": lambda t: t.incident_report.uid,
    "reference": lambda t: t.incident_report.reference,
    "photo_uid": lambda t: t.incident_photo.uid,
    "service_code": lambda t: t.incident_category.service_code,
    "service_request_id": lambda t: t.incident_report.reference,
    "survey_uid": lambda t: t.survey.uid,
    "question_pk": lambda t: t.survey_question.pk,
    "resume_key": lambda t: t.survey_draft.resume_key,
    "dialogue_uid": lambda t: t.dialogue.uid,
    "comment_uid": lambda t: t.dialogue_comment.uid,
    "event_uid": lambda t: t.event.uid,
    "registration_key": lambda t: _registration_key(t),
    "number": lambda t: t.event_ticket.number,
    "ticket_id": lambda t: t.event_ticket.pk,
    "block_id": lambda t: t.dialogue_block.pk,
    "public_id": lambda t: t.signpost.public_id,
    "trail_pk": lambda t: t.trail.pk,
    "session_uid": lambda t: t.live_session.uid,
    "code": lambda t: t.live_session.code,
    # An embedded page (/einbetten/<slug>/<rest>): the tenant's plan page.
    "rest": lambda t: f"plaene/{t.plan.uid}/",
    "warden_pk": lambda t: t.warden.pk,
    "procedure_pk": lambda t: t.plan.procedure_id,
    "membership_pk": lambda t: t.planner_membership.pk,
    "staff_invitation_pk": lambda t: t.staff_invitation.pk,
}

#: Parameters that are not ids of a tenant's object: the same value for everyone.
NEUTRAL = {"z": 0, "x": 0, "y": 0, "fmt": "gml", "app_label": "portal", "url": "nichts/",
           "operation_id": "plans_list", "collection_id": "plans-in-procedure", "doc_format": "json",
           # Citizens' accounts (/konto/, allauth): links from e-mails and the provider's name,
           # no tenant's objects.
           "key": "ungueltig", "uidb36": "0", "provider_id": "servicekonto",
           # Privacy notices (docs/dataprotection.md): a module's code and a version number.
           "module": "incidents", "number": 1}

#: Per parameter, a value that names nothing (same kind as the real one).
NOWHERE = {"pk": NOWHERE_INT, "phase_pk": NOWHERE_INT, "section_pk": NOWHERE_INT,
           "group_pk": NOWHERE_INT, "content_type_id": NOWHERE_INT, "id": NOWHERE_INT,
           "authority_pk": NOWHERE_INT,
           "authority_slug": "gibt-es-nicht", "slug": "gibt-es-nicht", "token": NOWHERE_TOKEN,
           "uidb64": urlsafe_base64_encode(force_bytes(NOWHERE_INT)),
           "reference": "EM-1999-99999", "service_code": "gibt-es-nicht",
           "service_request_id": "EM-1999-99999", "question_pk": NOWHERE_INT,
           "resume_key": NOWHERE_TOKEN, "public_id": "WW-nirgends-9999",
           "trail_pk": NOWHERE_INT, "registration_key": "ungueltig:ungueltig",
           "number": NOWHERE_INT, "ticket_id": NOWHERE_INT, "code": "ZZZZZZ",
           "rest": f"plaene/{NOWHERE_UUID}/",
           "warden_pk": NOWHERE_INT, "procedure_pk": NOWHERE_INT,
           "block_id": NOWHERE_INT, "membership_pk": NOWHERE_INT,
           "staff_invitation_pk": NOWHERE_INT}


def _matches(route: Route, key: str) -> bool:
    """A route name equal to `key` or starting with it ("xplan:" is every xplan route)."""
    return route.name.startswith(key)


def tenant_value(route: Route, param: str, tenant: Tenant):
    if param in NEUTRAL:
        return NEUTRAL[param]
    if param == "object_id":
        return _object_id(route, tenant)
    for key, name, getter in SPECIFIC:
        if name == param and _matches(route, key):
            return getter(tenant)
    if param in GENERAL:
        return GENERAL[param](tenant)
    raise KeyError(f"no argument for <{param}> of {route.label}")


def nowhere_value(route: Route, param: str):
    if param in NEUTRAL:
        return NEUTRAL[param]
    if param == "object_id" and not route.route.startswith("admin/django_tasks_database/"):
        return NOWHERE_INT
    return NOWHERE.get(param, NOWHERE_UUID)


#: Parameters that are the caller's own credential (a personal link), never a foreign id.
CREDENTIALS = {"token"}


#: Admin pages of objects no tenant owns (groups, task results): nothing foreign to ask for.
GLOBAL_ROUTES = ("admin/auth/group/", "admin/django_tasks_database/", "admin/axes/",
                 "admin/account/", "admin/socialaccount/", "admin/mfa/")


def id_params(route: Route) -> list[str]:
    """The parameters that name a tenant's object (not neutral, not a credential)."""
    if route.route.startswith(GLOBAL_ROUTES):
        return []
    return [param for param in route.params
            if param not in NEUTRAL and not (param in CREDENTIALS and _is_agency_link(route))]


def _is_agency_link(route: Route) -> bool:
    """A personal link: the agency's, the co-signer's confirmation link of its e-mail, the
    confirm and unsubscribe links of a subscription's e-mails, or a staff invitation."""
    return (route.name.startswith(("planning_agencies:", "subscriptions:"))
            or route.name in ("planning:cosign-confirm", "portal:staff-invitation"))


def foreign_arguments(route: Route, foreign: Tenant, own: Tenant | None = None) -> dict:
    """Every id from `foreign`; a personal link from `own` (the caller's credential)."""
    values = {param: tenant_value(route, param, foreign) for param in route.params}
    if own is not None:
        values.update({param: tenant_value(route, param, own) for param in route.params
                       if param not in id_params(route)})
    return values


def mixed_arguments(route: Route, own: Tenant, foreign: Tenant) -> tuple[dict, list[str]]:
    """The first id from the own tenant (a container it may see), the other ids foreign; with
    the names of the foreign parameters."""
    first, *rest = id_params(route)
    values = foreign_arguments(route, foreign, own)
    values[first] = tenant_value(route, first, own)
    return values, rest


def nowhere_arguments(route: Route, values: dict | None = None,
                      params: list[str] | None = None) -> dict:
    """`values` with `params` (default: every parameter) replaced by ids that exist nowhere:
    the answer a foreign id must not be told apart from."""
    result = dict(values or {})
    for param in route.params if params is None else params:
        result[param] = nowhere_value(route, param)
    return result

