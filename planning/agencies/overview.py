"""Reads for the staff page of a phase: proposals, invitations and the statements per agency."""

from collections import defaultdict
from dataclasses import dataclass, field

from portal.models import Phase

from ..models import AgencyInvitation, InvitationState, Statement, SubmitterKind


@dataclass
class InvitationRow:
    invitation: AgencyInvitation
    statements: list[Statement] = field(default_factory=list)

    @property
    def link_sent(self) -> bool:
        return bool(self.invitation.token_hash)


@dataclass
class PhaseOverview:
    proposed: list[InvitationRow]
    answered: list[InvitationRow]
    not_answered: list[InvitationRow]
    #: All statements of agencies in this phase.
    statement_count: int

    @property
    def invited(self) -> list[InvitationRow]:
        return self.answered + self.not_answered

    @property
    def reminded(self) -> list[InvitationRow]:
        return [row for row in self.invited if row.invitation.reminded_at]


def agency_statements(phase: Phase):
    return (Statement.objects.filter(phase=phase, submitter_kind=SubmitterKind.AGENCY)
            .order_by("received_at", "pk"))


def phase_overview(phase: Phase) -> PhaseOverview:
    statements = defaultdict(list)
    count = 0
    for statement in agency_statements(phase).only(
            "uid", "reference", "agency_id", "no_concerns", "received_at", "is_late"):
        statements[statement.agency_id].append(statement)
        count += 1
    invitations = (AgencyInvitation.objects.filter(phase=phase).select_related("agency")
                   .order_by("agency__name", "pk"))
    rows = [InvitationRow(inv, statements.get(inv.agency_id, [])) for inv in invitations]
    return PhaseOverview(
        proposed=[r for r in rows if r.invitation.state == InvitationState.PROPOSED],
        answered=[r for r in rows if r.invitation.state == InvitationState.ANSWERED],
        not_answered=[r for r in rows if r.invitation.state == InvitationState.INVITED],
        statement_count=count,
    )
