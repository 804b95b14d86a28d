"""Declarative permissions of the portal (django-rules), tested as a role matrix."""

import rules

from .models.membership import Role
from .tenancy import role_in


@rules.predicate
def is_authority_admin(user, authority) -> bool:
    return authority is not None and role_in(user, authority) == Role.ADMIN


@rules.predicate
def is_authority_staff(user, authority) -> bool:
    return authority is not None and role_in(user, authority) is not None


rules.add_perm("portal.view_staff_area", is_authority_staff)
rules.add_perm("portal.manage_authority", is_authority_admin)
