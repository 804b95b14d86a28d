"""Staff handling beyond the status: forwarding to another authority and merging duplicates.

Callers load the report through selectors.reports_for_staff (a foreign report is never found).

- forward_report: the report moves to the authority of `category`, which must be responsible
  at the report's place (routing.check_category_at) and another authority; it gets the next
  reference number there, keeps the old one in `previous_reference`, and the history records
  who forwarded it where, with the internal note. Reporter and supporters are told by e-mail.
- merge_report: a report of the same authority is closed as a duplicate of another open or
  in-progress one; its reporter's address and its supporters become supporters of the kept
  report, so nobody loses the status e-mails.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import mail
from ..errors import ReportRefused
from ..models import IncidentReport, ReportSupport, Status, StatusChange
from ..references import next_reference
from ..routing import check_category_at
from .reports import _check_category

MAX_NOTE = 2000


def _note(text: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_NOTE:
        raise ReportRefused(_("The note is too long (at most %(max)d characters).")
                            % {"max": MAX_NOTE})
    return text


def _tell(change: StatusChange, report: IncidentReport) -> None:
    if report.reporter_email or report.supports.exclude(email="").exists():
        transaction.on_commit(lambda: mail.send_status_update(change.pk))


def forward_report(*, report: IncidentReport, category, note: str = "", user=None) -> StatusChange:
    note = _note(note)
    if category.authority_id == report.authority_id:
        raise ReportRefused(_("Choose a category of another authority."))
    _check_category(category)
    check_category_at(category, report.location)
    with transaction.atomic():
        locked = IncidentReport.objects.select_for_update().get(pk=report.pk)
        source = locked.authority
        locked.previous_reference = f"{source.slug}/{locked.reference}"[:80]
        locked.authority = category.authority
        locked.category = category
        locked.reference = next_reference(category.authority, timezone.localtime().year)
        locked.idempotency_key = None  # keys are per authority
        locked.save()
        change = StatusChange.objects.create(
            report=locked, status=locked.status, changed_by=user, note=note,
            public_answer=_("Forwarded by %(source)s to %(target)s, the authority responsible; "
                            "new reference number %(reference)s.")
            % {"source": source.name, "target": category.authority.name,
               "reference": locked.reference})
    report.refresh_from_db()
    _tell(change, report)
    return change


def merge_report(*, duplicate: IncidentReport, into: IncidentReport, note: str = "",
                 user=None) -> StatusChange:
    note = _note(note)
    if duplicate.pk == into.pk or duplicate.authority_id != into.authority_id:
        raise ReportRefused(_("Choose another report of the same authority."))
    if into.status == Status.CLOSED or into.duplicate_of_id:
        raise ReportRefused(_("A report can only be merged into an open report."))
    if duplicate.status == Status.CLOSED:
        raise ReportRefused(_("This report is already closed."))
    with transaction.atomic():
        locked = IncidentReport.objects.select_for_update().get(pk=duplicate.pk)
        addresses = set(locked.supports.exclude(email="").values_list("email", flat=True))
        if locked.reporter_email:
            addresses.add(locked.reporter_email.lower())
        known = set(into.supports.values_list("email", flat=True))
        known.add((into.reporter_email or "").lower())
        ReportSupport.objects.bulk_create(
            [ReportSupport(report=into, email=a) for a in sorted(addresses - known)])
        anonymous = locked.supports.filter(email="").count() + (0 if locked.reporter_email else 1)
        ReportSupport.objects.bulk_create([ReportSupport(report=into) for _ in range(anonymous)])
        locked.status = Status.CLOSED
        locked.duplicate_of = into
        locked.public_answer = _("Duplicate of %(reference)s; it is handled there.") % {
            "reference": into.reference}
        locked.save(update_fields=["status", "duplicate_of", "public_answer", "updated_at"])
        change = StatusChange.objects.create(report=locked, status=Status.CLOSED,
                                             public_answer=locked.public_answer, note=note,
                                             changed_by=user)
    duplicate.refresh_from_db()
    _tell(change, duplicate)
    return change


def assign_report(*, report: IncidentReport, user, by=None) -> None:
    """Assign the report to a staff member of its authority (or to nobody)."""
    from portal.models import Membership

    if user is not None and not Membership.objects.filter(user=user,
                                                          authority=report.authority).exists():
        raise ReportRefused(_("Only staff of the authority can be assigned."))
    IncidentReport.objects.filter(pk=report.pk).update(assigned_to=user,
                                                        updated_at=timezone.now())
    report.refresh_from_db()
