"""What was decided on each statement: one read model for the workbench, the exports, the
result e-mails and letters, and the public result page."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from ..models import Consideration, Decision, Statement, StatementSection


@dataclass
class Part:
    """One weighed part: the whole statement, one section, or the group it belongs to."""

    label: str
    text: str
    decision: str
    decision_label: str
    reasoning: str
    plan_change: str


@dataclass
class StatementResult:
    statement: Statement
    parts: list[Part] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        return bool(self.parts) and all(p.decision for p in self.parts)

    @property
    def decision(self) -> str:
        """The statement's overall decision; mixed sections count as partly considered."""
        decisions = {p.decision for p in self.parts if p.decision}
        if not decisions:
            return ""
        if len(decisions) == 1:
            return decisions.pop()
        if decisions <= {Decision.CONSIDERED, Decision.NOTED}:
            return Decision.CONSIDERED
        return Decision.PARTLY

    @property
    def decision_label(self) -> str:
        return Decision(self.decision).label if self.decision else ""


def _part(label, text, consideration: Consideration | None) -> Part:
    if consideration is None:
        return Part(label, text, "", "", "", "")
    return Part(label, text, consideration.decision, consideration.get_decision_display(),
                consideration.reasoning, consideration.plan_change)


def statements_for_results(queryset: QuerySet[Statement]) -> QuerySet[Statement]:
    return queryset.select_related(
        "plan", "phase", "group", "consideration", "group__consideration", "authority",
    ).prefetch_related(
        Prefetch("sections", queryset=StatementSection.objects.select_related("consideration")),
    )


def statement_results(queryset: QuerySet[Statement]) -> list[StatementResult]:
    results = []
    for statement in statements_for_results(queryset):
        result = StatementResult(statement)
        sections = list(statement.sections.all())
        if statement.group_id:
            group = statement.group
            result.parts.append(_part(group.title, statement.text,
                                      getattr(group, "consideration", None)))
        elif sections:
            for section in sections:
                result.parts.append(_part(f"{statement.reference}-{section.order}", section.text,
                                          getattr(section, "consideration", None)))
        else:
            result.parts.append(_part(statement.reference, statement.text,
                                      getattr(statement, "consideration", None)))
        results.append(result)
    return results
