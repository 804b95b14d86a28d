"""E-mails to reporters: the confirmation with the reference number, and each status change.

Sent after the commit; a failing mail server never undoes a report (it is logged)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def _send(subject: str, template: str, context: dict, to: str) -> None:
    body = render_to_string(template, context)
    try:
        EmailMessage(subject=subject, body=body, to=[to],
                     from_email=settings.DEFAULT_FROM_EMAIL).send()
    except Exception:  # SMTP down: the report is safe
        logger.warning("Incident mail to a reporter failed", exc_info=True)


def send_confirmation(report_id: int) -> None:
    from .models import IncidentReport

    report = IncidentReport.objects.select_related("authority", "category").filter(
        pk=report_id).first()
    if report is None or not report.reporter_email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("Your report %(reference)s") % {
            "reference": report.reference}
        _send(subject, "incidents/emails/confirmation.txt", {"report": report},
              report.reporter_email)


def send_status_update(change_id: int) -> None:
    from .models import StatusChange

    change = StatusChange.objects.select_related("report__authority", "report__category").filter(
        pk=change_id).first()
    if change is None:
        return
    report = change.report
    # The reporter and everyone who supported the report with an address, each once.
    addresses = [report.reporter_email] if report.reporter_email else []
    for email in report.supports.exclude(email="").values_list("email", flat=True):
        if email.lower() not in {a.lower() for a in addresses}:
            addresses.append(email)
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("Your report %(reference)s: %(status)s") % {
            "reference": report.reference, "status": change.get_status_display()}
        for address in addresses:
            _send(subject, "incidents/emails/status.txt", {"report": report, "change": change},
                  address)
