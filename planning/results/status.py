"""What the staff result page shows: readiness before, delivery state after the release."""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q

from ..models import NotificationChannel, Plan, ResultNotification, ResultRelease, Statement
from .readiness import Readiness, check_readiness, plan_results
from .recipients import submitter_recipient

UNDECIDED_SHOWN = 200


@dataclass
class ChannelState:
    total: int = 0
    done: int = 0
    newest_id: int | None = None

    @property
    def pending(self) -> int:
        return self.total - self.done


@dataclass
class ReleaseStatus:
    plan: Plan
    readiness: Readiness
    release: ResultRelease | None
    email: ChannelState = field(default_factory=ChannelState)
    letter: ChannelState = field(default_factory=ChannelState)
    unreachable: list[Statement] = field(default_factory=list)
    not_yet_notified: int = 0

    @property
    def undecided_shown(self) -> list[Statement]:
        return self.readiness.undecided[:UNDECIDED_SHOWN]


def _channel_states(plan: Plan) -> dict[str, ChannelState]:
    rows = (ResultNotification.objects.filter(statement__plan=plan).values("channel")
            .annotate(total=Count("pk"), done=Count("pk", filter=Q(sent_at__isnull=False)),
                      newest=Max("pk")))
    return {row["channel"]: ChannelState(row["total"], row["done"], row["newest"])
            for row in rows}


def release_status(plan: Plan, now=None) -> ReleaseStatus:
    results = plan_results(plan)
    readiness = check_readiness(plan=plan, now=now, results=results)
    release = ResultRelease.objects.filter(plan=plan).select_related("released_by").first()
    status = ReleaseStatus(plan=plan, readiness=readiness, release=release)
    states = _channel_states(plan)
    status.email = states.get(NotificationChannel.EMAIL, ChannelState())
    status.letter = states.get(NotificationChannel.LETTER, ChannelState())
    told = set(ResultNotification.objects.filter(statement__plan=plan, cosignature__isnull=True)
               .values_list("statement_id", flat=True))
    for result in results:
        statement = result.statement
        if submitter_recipient(statement) is None:
            status.unreachable.append(statement)
        elif release is not None and statement.pk not in told:
            status.not_yet_notified += 1
    return status
