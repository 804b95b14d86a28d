from .address import Address
from .audit import AuditAction, AuditEntry
from .authority import Authority, AuthorityKind
from .invitation import StaffInvitation
from .membership import Membership, Role
from .procedure import Phase, PhaseState, Procedure
from .task_worker import TaskWorker

__all__ = ["Address", "AuditAction", "AuditEntry", "Authority", "AuthorityKind", "Membership", "Phase", "PhaseState", "Procedure",
           "Role", "StaffInvitation", "TaskWorker"]
