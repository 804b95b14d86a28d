from .address import Address
from .authority import Authority, AuthorityKind
from .membership import Membership, Role
from .procedure import Phase, PhaseState, Procedure
from .task_worker import TaskWorker

__all__ = ["Address", "Authority", "AuthorityKind", "Membership", "Phase", "PhaseState", "Procedure",
           "Role", "TaskWorker"]
