"""Receipt e-mails, sent after the statement is stored (never in the request).

If the mail server refuses, the statement stays accepted and the e-mail is retried with a
growing delay; each receipt is sent at most once (receipt_sent_at, set by a conditional UPDATE).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from ..models import Statement
from .receipts import render_receipt

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


@task(queue_name="default")
def send_receipt(statement_id: int, attempt: int = 1) -> str:
    statement = Statement.objects.select_related("plan", "phase", "authority").filter(
        pk=statement_id, receipt_sent_at__isnull=True).first()
    if statement is None or not statement.email or statement.receipt_mail_withheld:
        return "nothing to send"
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("Receipt of your statement %(reference)s") % {
            "reference": statement.reference}
        body = render_to_string("planning/emails/statement_receipt.txt", {"statement": statement})
        message = EmailMessage(subject=subject, body=body, to=[statement.email],
                               from_email=settings.DEFAULT_FROM_EMAIL)
        message.attach(f"Eingangsbestaetigung-{statement.reference}.pdf",
                       render_receipt(statement), "application/pdf")
    # Claim first so that two workers never both send; release the claim if sending fails.
    claimed = Statement.objects.filter(pk=statement.pk, receipt_sent_at__isnull=True).update(
        receipt_sent_at=timezone.now())
    if not claimed:
        return "already sent"
    try:
        message.send()
    except Exception:  # SMTP down etc.: the statement is safe, retry the mail later
        Statement.objects.filter(pk=statement.pk).update(receipt_sent_at=None)
        logger.warning("Receipt mail for statement %s failed (attempt %s)", statement.pk, attempt,
                       exc_info=True)
        if attempt < MAX_ATTEMPTS:
            send_receipt.using(run_after=timezone.now() + timedelta(minutes=2 ** attempt)).enqueue(
                statement_id, attempt + 1)
        return "retry"
    return "sent"
