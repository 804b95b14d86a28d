"""The statements before and after one statement of its plan, in the workbench's order.

The workbench lists a plan's statements by receipt (received_at, then id); the statement page
offers the previous and the next one in that same order, so a planner can weigh one after the
other without going back to the list.
"""

from dataclasses import dataclass

from django.db.models import Q

from ..models import Statement


@dataclass(frozen=True)
class Neighbours:
    previous: Statement | None
    next: Statement | None


def neighbours(statement: Statement) -> Neighbours:
    """Two indexed queries, whatever the number of statements."""
    same_plan = Statement.objects.filter(plan_id=statement.plan_id).only("uid", "reference")
    at = statement.received_at
    earlier = Q(received_at__lt=at) | Q(received_at=at, pk__lt=statement.pk)
    later = Q(received_at__gt=at) | Q(received_at=at, pk__gt=statement.pk)
    return Neighbours(
        previous=same_plan.filter(earlier).order_by("-received_at", "-pk").first(),
        next=same_plan.filter(later).order_by("received_at", "pk").first(),
    )
