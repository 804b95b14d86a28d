from .authority import Authority, AuthorityKind
from .membership import Membership, Role

__all__ = ["Authority", "AuthorityKind", "Membership", "Role"]
