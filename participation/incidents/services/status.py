"""Staff change a report's status and answer publicly.

Every change is a history entry; the reporter gets an e-mail after the commit when they gave
an address. The report must belong to an authority the caller may handle (the views load it
through selectors.reports_for_staff, so a foreign report is never found).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import mail
from ..errors import ReportRefused
from ..models import IncidentReport, Status, StatusChange

MAX_ANSWER = 5000


def change_status(*, report: IncidentReport, status: str, public_answer: str = "",
                  user=None) -> StatusChange:
    if status not in Status.values:
        raise ReportRefused(_("Unknown status."))
    answer = (public_answer or "").strip()
    if len(answer) > MAX_ANSWER:
        raise ReportRefused(_("The answer is too long (at most %(max)d characters).")
                            % {"max": MAX_ANSWER})
    if status == report.status and not answer:
        raise ReportRefused(_("Choose another status or write an answer."))
    with transaction.atomic():
        locked = IncidentReport.objects.select_for_update().get(pk=report.pk)
        locked.status = status
        if answer:
            locked.public_answer = answer
        locked.save(update_fields=["status", "public_answer", "updated_at"])
        change = StatusChange.objects.create(report=locked, status=status, public_answer=answer,
                                             changed_by=user)
    report.refresh_from_db()
    if report.reporter_email or report.supports.exclude(email="").exists():
        transaction.on_commit(lambda: mail.send_status_update(change.pk))
    return change
