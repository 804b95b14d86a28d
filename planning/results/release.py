"""Releasing the results of a plan's procedure: once, completely, and idempotently.

`release_results` refuses while a statement is undecided or a phase still takes statements
(no partial release: §3(2) BauGB asks for the result on every statement received on time, and a
release that is later "completed" would tell some people before others were weighed).

Calling it twice (double click, two requests, two workers, the management command) gives one
ResultRelease and one ResultNotification per recipient:

1. the ResultRelease row is created with get_or_create on its unique plan column; a second
   caller waits for the first one's transaction and then finds the row;
2. in the same transaction the release row is written to (a no-op UPDATE): on PostgreSQL a row
   lock, on SQLite the database write lock, so whoever plans the notifications of this plan
   does it alone and sees what the other one committed;
3. notifications are inserted only for recipients without one (the unique constraint
   statement+cosignature+channel backs this up on PostgreSQL; SQLite cannot create that
   constraint (NULLS NOT DISTINCT), so step 2 is what protects it there);
4. the e-mail task is enqueued after commit and claims each notification with a conditional
   UPDATE before sending (planning.results.delivery).

Releasing again after late statements were decided notifies just the newcomers.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import CoSignature, NotificationChannel, Plan, ResultNotification, ResultRelease
from .readiness import Readiness, check_readiness, plan_results
from .recipients import recipients_for


class ResultsNotReady(Exception):
    def __init__(self, readiness: Readiness):
        super().__init__("results not ready")
        self.readiness = readiness


@dataclass
class ReleaseOutcome:
    release: ResultRelease
    created: bool
    new_notifications: dict[str, int] = field(default_factory=dict)
    unreachable: int = 0

    def as_dict(self) -> dict:
        return {
            "plan": str(self.release.plan.uid),
            "released_at": self.release.released_at.isoformat(),
            "created": self.created,
            "publish": self.release.publish,
            "new_notifications": self.new_notifications,
            "unreachable": self.unreachable,
        }


def _check_base_url(base_url: str) -> None:
    if base_url and not base_url.startswith(("https://", "http://")):
        raise ValueError("base_url must be an absolute http(s) URL")


def _plan_notifications(plan: Plan, statements) -> tuple[dict[str, int], int]:
    existing = set(ResultNotification.objects.filter(statement__plan=plan).values_list(
        "statement_id", "cosignature_id", "channel"))
    cosignatures = CoSignature.objects.confirmed().filter(statement__plan=plan).order_by("pk")
    planned = recipients_for(statements, cosignatures)
    # One notification per statement and submitter, whatever the channel: a statement told by
    # e-mail is not told again by letter because its address changed.
    told = {(s, c) for s, c, _channel in existing}
    new = [r for r in planned.recipients if (r.statement_id, r.cosignature_id) not in told]
    ResultNotification.objects.bulk_create(
        [ResultNotification(statement_id=r.statement_id, cosignature_id=r.cosignature_id,
                            channel=r.channel, recipient=r.recipient) for r in new],
        batch_size=500, ignore_conflicts=True)
    counts = {channel: sum(1 for r in new if r.channel == channel)
              for channel in NotificationChannel.values}
    return counts, len(planned.unreachable)


def release_results(*, plan: Plan, user=None, publish: bool = True, base_url: str = "",
                    now=None) -> ReleaseOutcome:
    """Release the results and plan the notifications; raises ResultsNotReady."""
    _check_base_url(base_url)
    now = now or timezone.now()
    results = plan_results(plan)
    readiness = check_readiness(plan=plan, now=now, results=results)
    if not readiness.ready:
        raise ResultsNotReady(readiness)
    released_by = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        release, created = ResultRelease.objects.get_or_create(
            plan=plan, defaults={"released_at": now, "released_by": released_by,
                                 "publish": publish})
        ResultRelease.objects.filter(pk=release.pk).update(publish=F("publish"))  # the lock
        counts, unreachable = _plan_notifications(plan, [r.statement for r in results])
        if ResultNotification.objects.filter(
                statement__plan=plan, channel=NotificationChannel.EMAIL,
                sent_at__isnull=True).exists():
            transaction.on_commit(lambda: _enqueue(plan.pk, base_url))
    release.plan = plan
    return ReleaseOutcome(release=release, created=created, new_notifications=counts,
                          unreachable=unreachable)


def _enqueue(plan_id: int, base_url: str) -> None:
    from .tasks import send_result_emails

    send_result_emails.enqueue(plan_id, base_url)


def set_publication(*, release: ResultRelease, publish: bool) -> ResultRelease:
    ResultRelease.objects.filter(pk=release.pk).update(publish=publish)
    release.publish = publish
    return release


def mark_letters_posted(*, plan: Plan, up_to_id: int | None = None, now=None) -> int:
    """Record that the printed letters went into the post (sent_at, set once).

    `up_to_id` is the newest letter the staff member printed (letters planned by a later
    release stay pending)."""
    letters = ResultNotification.objects.filter(statement__plan=plan,
                                                channel=NotificationChannel.LETTER,
                                                sent_at__isnull=True)
    if up_to_id is not None:
        letters = letters.filter(pk__lte=up_to_id)
    return letters.update(sent_at=now or timezone.now())
