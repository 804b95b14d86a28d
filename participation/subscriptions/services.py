"""Subscribe (double opt-in), confirm and unsubscribe.

- Subscribing always stores a new pending subscription and queues the confirmation e-mail in
  the same transaction (portal/worker/outbox.py); the answer is the same whether the address
  is known or not (no enumeration). Requests are rate-limited per client and per address in
  the view (portal/throttling.py).
- A pending subscription that is not confirmed within CONFIRMATION_DAYS is deleted by the
  notice command; its link no longer works after that time either.
- Unsubscribing deletes the subscription and its delivery log (personal data).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from portal.worker.outbox import enqueue_with_transaction

from . import tokens
from .models import Subscription

CONFIRMATION_DAYS = 7


def subscribe(*, email: str, area, area_label: str, topics: list[str], frequency: str,
              language: str, site_url: str, authority=None) -> Subscription:
    from .mail import send_confirmation

    with transaction.atomic():
        subscription = Subscription(
            email=email.strip().lower(), area=area, area_label=area_label[:300],
            authority=authority, topics=list(topics), frequency=frequency,
            language=language[:10], site_url=site_url.rstrip("/")[:200])
        subscription.confirm_token_hash = tokens.token_hash(
            tokens.token(tokens.CONFIRM, subscription.public_id))
        subscription.unsubscribe_token_hash = tokens.token_hash(
            tokens.token(tokens.UNSUBSCRIBE, subscription.public_id))
        subscription.save()
        enqueue_with_transaction(send_confirmation, subscription.pk)
    return subscription


def pending_by_confirm_token(token: str) -> Subscription | None:
    """The subscription of a confirm link still valid (or already confirmed), else None."""
    subscription = Subscription.objects.filter(
        confirm_token_hash=tokens.token_hash(token)).first()
    if subscription is None:
        return None
    if subscription.confirmed_at is None and subscription.created_at < expiry_limit():
        return None
    return subscription


def confirm(subscription: Subscription) -> bool:
    """Confirm once (a conditional UPDATE); False when it was confirmed already."""
    updated = Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now())
    subscription.refresh_from_db(fields=["confirmed_at"])
    return bool(updated)


def by_unsubscribe_token(token: str) -> Subscription | None:
    return Subscription.objects.filter(unsubscribe_token_hash=tokens.token_hash(token)).first()


def unsubscribe(token: str) -> bool:
    deleted, _rows = Subscription.objects.filter(
        unsubscribe_token_hash=tokens.token_hash(token)).delete()
    return bool(deleted)


def expiry_limit():
    return timezone.now() - timedelta(days=CONFIRMATION_DAYS)


def delete_expired_pending() -> int:
    deleted, _rows = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=expiry_limit()).delete()
    return deleted
