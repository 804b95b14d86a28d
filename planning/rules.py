"""Declarative permissions on plans (django-rules), tested as a role matrix.

The object is a Plan, or the Authority a plan would be created for.

| permission              | admin | planner | moderator | viewer | no role |
|-------------------------|-------|---------|-----------|--------|---------|
| planning.view_plan      | yes   | yes     | yes       | yes    | no      |
| planning.add_plan       | yes   | yes     | no        | no     | no      |
| planning.change_plan    | yes   | yes     | no        | no     | no      |
| planning.publish_plan   | yes   | yes     | no        | no     | no      |

`change_plan` covers the facts, the Geltungsbereich, documents, layers and phases. An admin of
an authority is admin of its descendants too (portal.tenancy); superusers may do everything.
Roles are looked up as portal.tenancy.role_in decides them (a direct role first, else an
inherited admin role), in two queries per request for all authorities at once.
"""

import rules

from portal.models import Authority
from portal.models.membership import Membership, Role
from portal.tenancy import INHERITED_ROLES, staff_authority_ids

EDITOR_ROLES = frozenset({Role.ADMIN, Role.PLANNER})
READER_ROLES = frozenset({Role.ADMIN, Role.PLANNER, Role.MODERATOR, Role.VIEWER})
_CACHE_KEY = "_planning_roles"


def authority_roles(user) -> dict[int, str]:
    """The user's role per authority id (active authorities), cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    cached = user.__dict__.get(_CACHE_KEY)
    if cached is not None:
        return cached
    roles = dict(
        Membership.objects.filter(user=user, authority__is_active=True).values_list(
            "authority_id", "role"
        )
    )
    for authority_id in staff_authority_ids(user, INHERITED_ROLES):
        roles.setdefault(authority_id, Role.ADMIN)
    user.__dict__[_CACHE_KEY] = roles
    return roles


def role_for(user, obj) -> str | None:
    """The user's role in the authority of `obj` (a Plan or an Authority), or None."""
    if obj is None or user is None or not user.is_authenticated or not user.is_active:
        return None
    authority_id = obj.pk if isinstance(obj, Authority) else getattr(obj, "authority_id", None)
    if authority_id is None:
        return None
    if user.is_superuser:
        return Role.ADMIN
    return authority_roles(user).get(authority_id)


def editable_authority_ids(user) -> set[int]:
    return {pk for pk, role in authority_roles(user).items() if role in EDITOR_ROLES}


@rules.predicate
def has_plan_role(user, obj) -> bool:
    return role_for(user, obj) in READER_ROLES


@rules.predicate
def is_plan_editor(user, obj) -> bool:
    return role_for(user, obj) in EDITOR_ROLES


rules.add_perm("planning.view_plan", has_plan_role)
rules.add_perm("planning.add_plan", is_plan_editor)
rules.add_perm("planning.change_plan", is_plan_editor)
rules.add_perm("planning.publish_plan", is_plan_editor)


def may_create_plans_somewhere(user) -> bool:
    """Whether any authority lets the user create plans (the XPlanGML import needs that)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(editable_authority_ids(user))
