"""Everything stored about one person, its export (Art. 15/20 GDPR) and its erasure (Art. 17).

A person is found by e-mail (case-insensitive, exact) or by name (case-insensitive, exact)
among the statements and co-signatures of the given authorities, and by the e-mail address of
a citizen's account among the statements linked to that account. Erasure anonymises: the
statement text and its weighing stay, because the authority must weigh and document every
statement (Art. 17(3)(b) and (e) GDPR with §§ 1(7), 3, 4 BauGB); attachments are deleted
unless the procedure is still running (then they are still to be weighed: shown as an
exception).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from planning.models import CoSignature, Statement, StatementAttachment

from . import anonymise


def _person(prefix: str, *, name: str, email: str) -> Q:
    query = Q(pk__in=[])
    if email.strip():
        query |= Q(**{f"{prefix}email__iexact": email.strip()})
    if name.strip():
        query |= Q(**{f"{prefix}name__iexact": name.strip()})
    return query


def _linked_to_account(email: str) -> Q:
    """Statements a citizen's account with this e-mail address submitted (accounts_citizen
    links them by uid), whatever address the statement itself carries."""
    if not email.strip() or not apps.is_installed("accounts_citizen"):
        return Q(pk__in=[])
    from accounts_citizen.models import Contribution

    return Q(uid__in=Contribution.objects.filter(
        kind="statement", user__email__iexact=email.strip()).values("object_uid"))


def matching_statements(authorities, *, name: str, email: str):
    return (Statement.objects.filter(authority__in=authorities)
            .filter(_person("", name=name, email=email) | _linked_to_account(email))
            .select_related("authority", "plan", "phase__procedure")
            .order_by("authority__name", "received_at", "pk"))


def matching_cosignatures(authorities, *, name: str, email: str):
    return (CoSignature.objects.filter(statement__authority__in=authorities)
            .filter(_person("", name=name, email=email))
            .select_related("statement__plan").order_by("created_at", "pk"))


def procedure_running(statement, now=None) -> bool:
    now = now or timezone.now()
    return statement.phase.procedure.phases.filter(ends_before__gt=now).exists()


@dataclass
class Found:
    statements: list
    cosignatures: list
    exceptions: dict = field(default_factory=dict)  # statement pk -> [reasons kept]
    incident_reports: list = field(default_factory=list)
    incident_supports: list = field(default_factory=list)
    subscriptions: list = field(default_factory=list)


def _subscriptions(authorities, email: str) -> list:
    """Geo-subscriptions (participation.subscriptions) to the authorities' areas; one without
    an authority (statewide) belongs to no authority's admins."""
    if not email.strip() or not apps.is_installed("participation.subscriptions"):
        return []
    from participation.subscriptions.models import Subscription

    return list(Subscription.objects.filter(authority__in=authorities,
                                            email__iexact=email.strip()).order_by("pk"))


def _incidents():
    """The incident module's part (dataprotection/incidents.py), or None without it."""
    if not apps.is_installed("participation.incidents"):
        return None
    from . import incidents

    return incidents


def find(authorities, *, name: str, email: str) -> Found:
    statements = list(matching_statements(authorities, name=name, email=email))
    found = Found(statements, list(matching_cosignatures(authorities, name=name, email=email)))
    for statement in statements:
        reasons = [_("The text of the statement and its weighing are kept, anonymised: the "
                     "authority must weigh and document every statement (Art. 17(3)(b) and "
                     "(e) GDPR, § 1(7) BauGB).")]
        if procedure_running(statement):
            reasons.append(_("The procedure is still running: attachments are kept until "
                             "the statement has been weighed."))
        found.exceptions[statement.pk] = reasons
    incidents = _incidents()
    if incidents is not None:
        found.incident_reports = list(incidents.matching_reports(authorities, name=name,
                                                                 email=email))
        found.incident_supports = list(incidents.matching_supports(authorities, email=email))
    found.subscriptions = _subscriptions(authorities, email)
    return found


def _when(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def export(authorities, *, name: str, email: str) -> dict:
    """The person's data as a JSON-serialisable document (Art. 15 and 20 GDPR)."""
    found = find(authorities, name=name, email=email)
    statements = []
    for statement in found.statements:
        consideration = getattr(statement, "consideration", None)
        statements.append({
            "authority": statement.authority.name,
            "reference": statement.reference,
            "plan": str(statement.plan),
            "phase": statement.phase.display_title,
            "received_at": _when(statement.received_at),
            "channel": statement.get_channel_display(),
            "name": statement.name, "organisation": statement.organisation,
            "street": statement.street, "postcode": statement.postcode,
            "city": statement.city, "email": statement.email,
            "topics": statement.topics, "place": statement.location_text,
            "text": statement.text,
            "attachments": [a.file_name for a in statement.attachments.all()],
            "decision": consideration.get_decision_display() if consideration else None,
            "reasoning": consideration.reasoning if consideration else None,
        })
    cosignatures = [{
        "statement": c.statement.reference, "plan": str(c.statement.plan), "name": c.name,
        "email": c.email, "postcode": c.postcode, "created_at": _when(c.created_at),
        "confirmed_at": _when(c.confirmed_at),
    } for c in found.cosignatures]
    incident_reports = [{
        "reference": r.reference, "received_at": _when(r.created_at), "place": r.address,
        "description": r.description, "status": r.get_status_display(),
        "name": r.reporter_name, "email": r.reporter_email, "phone": r.reporter_phone,
    } for r in found.incident_reports]
    incident_supports = [{"report": s.report.reference, "email": s.email,
                          "created_at": _when(s.created_at)} for s in found.incident_supports]
    subscriptions = [{"area": sub.area_label, "email": sub.email, "topics": sub.topics,
                      "frequency": sub.get_frequency_display(),
                      "created_at": _when(sub.created_at),
                      "confirmed_at": _when(sub.confirmed_at)} for sub in found.subscriptions]
    return {"statements": statements, "cosignatures": cosignatures,
            "incident_reports": incident_reports, "incident_supports": incident_supports,
            "subscriptions": subscriptions}


def erase(authorities, *, name: str, email: str) -> dict:
    """Anonymise what `find` finds; returns counts per kind."""
    found = find(authorities, name=name, email=email)
    ended = [s.pk for s in found.statements if len(found.exceptions[s.pk]) == 1]
    with transaction.atomic():
        counts = {
            "statements": anonymise.anonymise_statements(
                Statement.objects.filter(pk__in=[s.pk for s in found.statements])),
            "attachments": anonymise.delete_attachments(
                StatementAttachment.objects.filter(statement_id__in=ended)),
            "cosignatures": anonymise.anonymise_cosignatures(
                CoSignature.objects.filter(pk__in=[c.pk for c in found.cosignatures])),
        }
        incidents = _incidents()
        if incidents is not None:
            IncidentReport, ReportSupport, _status = incidents.incident_models()
            counts["incident_reports"] = incidents.anonymise_reports(
                IncidentReport.objects.filter(pk__in=[r.pk for r in found.incident_reports]))
            counts["incident_supports"] = incidents.anonymise_supports(
                ReportSupport.objects.filter(pk__in=[s.pk for s in found.incident_supports]))
        if found.subscriptions:  # a subscription rests on consent: erased means deleted
            model = type(found.subscriptions[0])
            counts["subscriptions"] = model.objects.filter(
                pk__in=[sub.pk for sub in found.subscriptions]).delete()[1].get(
                    model._meta.label, 0)
    return counts
