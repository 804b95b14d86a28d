"""Whether a plan's results may be released: every statement decided, no phase still open."""

from dataclasses import dataclass, field

from django.utils import timezone

from portal.models import Phase

from ..models import Plan, Statement
from ..weighing.results import StatementResult, statement_results


@dataclass
class Readiness:
    total: int
    undecided: list[Statement] = field(default_factory=list)
    open_phases: list[Phase] = field(default_factory=list)

    @property
    def undecided_count(self) -> int:
        return len(self.undecided)

    @property
    def ready(self) -> bool:
        return not self.undecided and not self.open_phases


def plan_results(plan: Plan) -> list[StatementResult]:
    """The read model for every statement of the plan, in receipt order."""
    queryset = Statement.objects.filter(plan=plan).select_related(
        "agency", "plan_feature__layer", "document").order_by("received_at", "pk")
    return statement_results(queryset)


def open_statement_phases(plan: Plan, now=None) -> list[Phase]:
    if plan.procedure_id is None:
        return []
    phases = Phase.objects.filter(procedure_id=plan.procedure_id).open_at(now or timezone.now())
    return [p for p in phases if p.kind_definition is None or p.kind_definition.accepts_statements]


def check_readiness(*, plan: Plan, now=None, results: list[StatementResult] | None = None
                    ) -> Readiness:
    """Undecided statements (a statement in a group counts as decided when its group is; a split
    statement when every section is) and phases that still take statements."""
    results = plan_results(plan) if results is None else results
    return Readiness(
        total=len(results),
        undecided=[r.statement for r in results if not r.decided],
        open_phases=open_statement_phases(plan, now),
    )
