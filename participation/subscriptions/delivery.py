"""Find the events of the last days and deliver them to the subscriptions whose area they touch.

`send_notices()` is what `manage.py send_subscription_notices` runs (every few minutes by cron
or a systemd timer; docs/subscriptions.md). It is idempotent:

- Each (subscription, event) is one Delivery row under a unique constraint. A run inserts the
  row first and sends only if the insert succeeded, so a second run – also at the same time –
  finds the row and sends nothing. A send that fails deletes its row again: the next run
  retries it.
- Events are looked for in the last LOOKBACK_DAYS (a missed run is caught up), and a
  subscription gets only events that happened after it was confirmed.
- Subscriptions with the daily digest collect their rows; `send_notices(digests=True)` (run once
  a day) claims the waiting rows of each subscription with one UPDATE and sends them as one
  e-mail.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from . import services, topics
from .mail import notice_message
from .models import Delivery, Frequency, Subscription

logger = logging.getLogger(__name__)

LOOKBACK_DAYS = 3


@dataclass
class Report:
    events: int = 0
    sent: int = 0
    queued: int = 0
    digests: int = 0
    already: int = 0
    failed: int = 0
    expired_deleted: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _events_in(language: str, since, until) -> dict[str, topics.Event]:
    with translation.override(language):
        return {event.key: event for event in topics.events_between(since, until)}


def send_notices(*, now=None, digests: bool = False, lookback_days: int = LOOKBACK_DAYS) -> Report:
    now = now or timezone.now()
    since = now - timedelta(days=lookback_days)
    report = Report(expired_deleted=services.delete_expired_pending())
    events = topics.events_between(since, now)  # which events, and where; texts per language
    report.events = len(events)
    texts: dict[str, dict[str, topics.Event]] = {}
    for event in events:
        if event.geometry is None:
            continue
        candidates = Subscription.objects.confirmed().filter(
            confirmed_at__lte=event.happened_at, area__intersects=event.geometry)
        for subscription in candidates:
            if event.topic not in subscription.topics:
                continue
            if subscription.language not in texts:
                texts[subscription.language] = _events_in(subscription.language, since, now)
            localised = texts[subscription.language].get(event.key, event)
            _deliver(subscription, localised, now, report)
    if digests:
        _send_digests(now, report)
    return report


def _deliver(subscription: Subscription, event: topics.Event, now, report: Report) -> None:
    immediate = subscription.frequency == Frequency.IMMEDIATE
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                subscription=subscription, event_key=event.key, topic=event.topic,
                title=event.title[:400], summary=event.summary, url=event.url[:400],
                happened_at=event.happened_at, batch=uuid.uuid4() if immediate else None)
    except IntegrityError:
        report.already += 1
        return
    if not immediate:
        report.queued += 1
        return
    try:
        notice_message(subscription, [delivery]).send()
    except Exception:  # SMTP down: the next run tries again
        logger.exception("Subscription notice %s could not be sent", event.key)
        delivery.delete()
        report.failed += 1
        return
    Delivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
    report.sent += 1


def _send_digests(now, report: Report) -> None:
    waiting = (Delivery.objects.filter(sent_at__isnull=True, batch__isnull=True,
                                       subscription__frequency=Frequency.DAILY,
                                       subscription__confirmed_at__isnull=False)
               .values_list("subscription_id", flat=True).distinct())
    for subscription_id in list(waiting):
        batch = uuid.uuid4()
        claimed = Delivery.objects.filter(subscription_id=subscription_id, sent_at__isnull=True,
                                          batch__isnull=True).update(batch=batch)
        if not claimed:
            continue  # another run took them
        rows = list(Delivery.objects.filter(batch=batch))
        subscription = Subscription.objects.get(pk=subscription_id)
        try:
            notice_message(subscription, rows).send()
        except Exception:
            logger.exception("Subscription digest could not be sent")
            Delivery.objects.filter(batch=batch).update(batch=None)
            report.failed += 1
            continue
        Delivery.objects.filter(batch=batch).update(sent_at=timezone.now())
        Subscription.objects.filter(pk=subscription_id).update(last_digest_at=now)
        report.digests += 1
