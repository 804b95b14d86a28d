"""Sending the pending result e-mails of a plan (run by planning.results.tasks).

Each notification is claimed with a conditional UPDATE (sent_at from NULL to now) right before
its message is handed to the mail server, so two workers running at the same time never both
send it. If the server refuses, the claim is released (sent_at back to NULL) and the task
retries later. A worker that dies between claim and hand-over leaves the row marked as sent:
the design prefers "at most once" to a second e-mail (docs/results.md).
"""

import logging
from collections import Counter
from dataclasses import dataclass

from django.core.mail import get_connection
from django.db.models import Count
from django.utils import timezone

from ..models import NotificationChannel, ResultNotification, ResultRelease, Statement
from ..weighing.results import statement_results
from .mail import public_result_url, result_message
from .recipients import addresses_of

logger = logging.getLogger(__name__)
CHUNK = 200


@dataclass
class DeliveryOutcome:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # claimed by someone else meanwhile
    invalid: int = 0  # no valid address left (never sent, stays pending)

    def as_dict(self) -> dict:
        return {"sent": self.sent, "failed": self.failed, "skipped": self.skipped,
                "invalid": self.invalid}


def pending_email_ids(plan_id: int) -> list[int]:
    return list(
        ResultNotification.objects.filter(statement__plan_id=plan_id,
                                          channel=NotificationChannel.EMAIL,
                                          sent_at__isnull=True)
        .order_by("pk").values_list("pk", flat=True))


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _group_sizes(results) -> Counter:
    group_ids = {r.statement.group_id for r in results if r.statement.group_id}
    rows = (Statement.objects.filter(group_id__in=group_ids).values("group_id")
            .annotate(n=Count("pk")).values_list("group_id", "n"))
    return Counter(dict(rows))


def _claim(notification_id: int) -> bool:
    return bool(ResultNotification.objects.filter(pk=notification_id, sent_at__isnull=True)
                .update(sent_at=timezone.now()))


def _unclaim(notification_id: int) -> None:
    ResultNotification.objects.filter(pk=notification_id).update(sent_at=None)


def deliver_pending_emails(*, plan_id: int, base_url: str = "") -> DeliveryOutcome:
    outcome = DeliveryOutcome()
    release = ResultRelease.objects.select_related("plan__authority").filter(
        plan_id=plan_id).first()
    if release is None:
        return outcome
    plan = release.plan
    public_url = (public_result_url(plan, base_url)
                  if release.publish and plan.is_published else "")
    pending = pending_email_ids(plan_id)
    if not pending:
        return outcome
    connection = get_connection()
    try:
        for chunk in _chunks(pending, CHUNK):
            notifications = list(ResultNotification.objects.filter(
                pk__in=chunk, sent_at__isnull=True).order_by("pk"))
            results = statement_results(Statement.objects.filter(
                pk__in={n.statement_id for n in notifications}))
            by_statement = {r.statement.pk: r for r in results}
            sizes = _group_sizes(results)
            for notification in notifications:
                result = by_statement[notification.statement_id]
                if not addresses_of(notification.recipient):
                    outcome.invalid += 1
                    continue
                message = result_message(notification=notification, result=result,
                                         group_size=sizes.get(result.statement.group_id, 0),
                                         public_url=public_url, connection=connection)
                if not _claim(notification.pk):
                    outcome.skipped += 1
                    continue
                try:
                    delivered = message.send()
                except Exception as exc:  # the mail server refused: release the claim, retry
                    delivered = 0
                    # No exc_info: SMTP errors quote the addresses (personal data, G5).
                    logger.warning("Result mail %s failed: %s", notification.pk,
                                   type(exc).__name__)
                    connection.close()  # start afresh with the next message
                if delivered:
                    outcome.sent += 1
                else:
                    _unclaim(notification.pk)
                    outcome.failed += 1
    finally:
        connection.close()
    return outcome
