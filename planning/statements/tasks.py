"""Receipt e-mails, sent after the statement is stored (never in the request).

If the mail server refuses, the statement stays accepted and the e-mail is retried with a
growing delay; each receipt is sent at most once (receipt_sent_at, set by a conditional UPDATE).
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from portal.worker.connections import close_connections

from ..models import Statement

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
#: How long a claim whose answer the database did not give (it went away) is resolved.
CLAIM_RESOLVE_SECONDS = 60


def _while_the_database_is_away(operation, what: str):
    """Run `operation` (a retryable database step), again every second while the database is
    away, for up to CLAIM_RESOLVE_SECONDS; then its error is raised."""
    deadline = time.monotonic() + CLAIM_RESOLVE_SECONDS
    while True:
        try:
            return operation()
        except DatabaseError as exc:
            if time.monotonic() > deadline:
                raise
            logger.warning("Database unavailable (%s: %s) while %s; retrying in 1 s",
                           type(exc).__name__, exc, what)
            close_connections()
            time.sleep(1)


def _claim(statement_pk: int) -> bool:
    """Claim the receipt: receipt_sent_at from NULL to this claim's instant.

    When the database goes away during the UPDATE, the claim may have been committed without
    this worker hearing the answer; the task would then run again, find the receipt marked sent
    and never send it (seen in the outage test). So the claim is retried with the same instant
    until the database answers, and a claim that did commit is recognised by its instant
    (unique to the microsecond) instead of being taken for another worker's.
    """
    claim = timezone.now()
    mine = Statement.objects.filter(pk=statement_pk)

    def attempt() -> bool:
        if mine.filter(receipt_sent_at__isnull=True).update(receipt_sent_at=claim):
            return True
        return mine.filter(receipt_sent_at=claim).exists()

    return _while_the_database_is_away(
        attempt, f"claiming the receipt of statement {statement_pk}")


def _release(statement_pk: int) -> None:
    """Give the claim back after a failed send (retried while the database is away)."""
    _while_the_database_is_away(
        lambda: Statement.objects.filter(pk=statement_pk).update(receipt_sent_at=None),
        f"releasing the receipt of statement {statement_pk}")


@task(queue_name="default")
def send_receipt(statement_id: int, attempt: int = 1) -> str:
    statement = Statement.objects.select_related("plan", "phase", "authority").filter(
        pk=statement_id, receipt_sent_at__isnull=True).first()
    if statement is None or not statement.email or statement.receipt_mail_withheld:
        return "nothing to send"
    # fpdf2 is imported by the worker that sends a receipt, not at every start-up.
    from .receipts import render_receipt

    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("Receipt of your statement %(reference)s") % {
            "reference": statement.reference}
        body = render_to_string("planning/emails/statement_receipt.txt", {"statement": statement})
        message = EmailMessage(subject=subject, body=body, to=[statement.email],
                               from_email=settings.DEFAULT_FROM_EMAIL)
        message.attach(f"Eingangsbestaetigung-{statement.reference}.pdf",
                       render_receipt(statement), "application/pdf")
    # Claim first so that two workers never both send; release the claim if sending fails.
    if not _claim(statement.pk):
        return "already sent"
    try:
        message.send()
    except Exception:  # SMTP down etc.: the statement is safe, retry the mail later
        _release(statement.pk)
        logger.warning("Receipt mail for statement %s failed (attempt %s)", statement.pk, attempt,
                       exc_info=True)
        if attempt < MAX_ATTEMPTS:
            send_receipt.using(run_after=timezone.now() + timedelta(minutes=2 ** attempt)).enqueue(
                statement_id, attempt + 1)
        return "retry"
    return "sent"
