"""The registry of personal-data types that retention rules govern.

A type knows its default retention (months), which rows of an authority are due at a moment
(`due(authority, cutoff)`: a queryset of rows that still hold personal data) and how to
anonymise or delete them (`apply(queryset) -> int`). Modules register their own types; the
retention run (retention.py) and the staff page list them in `order`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from planning.models import CoSignature, Statement, StatementAttachment, SubmitterKind
from portal.models import Procedure

from . import anonymise
from .models import AccessLogEntry


@dataclass(frozen=True)
class DataType:
    code: str
    label: str | Promise
    default_months: int
    starts: str | Promise  # what the months count from, as the staff reads it
    action: str | Promise
    due: Callable[[object, datetime], object]
    apply: Callable[[object], int]
    order: int = 100


_types: dict[str, DataType] = {}


def register(data_type: DataType) -> None:
    _types[data_type.code] = data_type


def data_type(code: str) -> DataType | None:
    return _types.get(code)


def data_types() -> list[DataType]:
    return sorted(_types.values(), key=lambda t: t.order)


def ended_procedures(authority, cutoff: datetime):
    """Procedures of `authority` whose last phase ended at or before `cutoff`."""
    return (Procedure.objects.filter(authority=authority)
            .annotate(last_end=Max("phases__ends_before"))
            .filter(last_end__lte=cutoff).values("pk"))


def _statements(authority, cutoff, kind):
    return Statement.objects.filter(authority=authority, submitter_kind=kind,
                                    phase__procedure__in=ended_procedures(authority, cutoff))


def _submitters_due(authority, cutoff):
    return anonymise.holding_submitter_data(_statements(authority, cutoff, SubmitterKind.PUBLIC))


def _agency_contacts_due(authority, cutoff):
    return anonymise.holding_submitter_data(_statements(authority, cutoff, SubmitterKind.AGENCY))


def _attachments_due(authority, cutoff):
    return StatementAttachment.objects.filter(
        statement__in=_statements(authority, cutoff, SubmitterKind.PUBLIC))


def _cosigners_due(authority, cutoff):
    return anonymise.holding_cosigner_data(CoSignature.objects.filter(
        statement__authority=authority,
        statement__phase__procedure__in=ended_procedures(authority, cutoff)))


def _access_log_due(authority, cutoff):
    return AccessLogEntry.objects.filter(authority=authority, at__lte=cutoff)


def _delete(queryset) -> int:
    return queryset.model.objects.filter(pk__in=list(queryset.values_list("pk", flat=True))) \
        .delete()[0]


AFTER_PROCEDURE = _("after the last phase of the procedure ended")

register(DataType(
    "statement_submitters", _("Submitters of statements (name, address, e-mail)"), 24,
    AFTER_PROCEDURE, _("anonymised; the statement and its weighing stay"),
    _submitters_due, anonymise.anonymise_statements, order=10))
register(DataType(
    "statement_attachments", _("Attachments of statements by the public"), 24,
    AFTER_PROCEDURE, _("deleted; the statement text and its weighing stay"),
    _attachments_due, anonymise.delete_attachments, order=20))
register(DataType(
    "cosigners", _("Co-signers (name, postcode, e-mail)"), 6,
    AFTER_PROCEDURE, _("anonymised; the number of co-signers stays"),
    _cosigners_due, anonymise.anonymise_cosignatures, order=30))
register(DataType(
    "agency_contacts", _("Contact persons of public agencies in their statements"), 24,
    AFTER_PROCEDURE, _("anonymised; the agency and its statement stay"),
    _agency_contacts_due, anonymise.anonymise_statements, order=40))
register(DataType(
    "access_log", _("Access log"), 12, _("after the access"), _("deleted"),
    _access_log_due, _delete, order=50))
