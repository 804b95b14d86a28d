"""Looking up plans for staff: scoped to the user's authorities, permissions from rules."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from portal.models import Authority
from portal.tenancy import scoped_to_staff

from ...models import Plan
from ...rules import editable_authority_ids


def staff_plans(user) -> QuerySet[Plan]:
    """The plans of the user's authorities (all roles)."""
    return scoped_to_staff(Plan.objects.all(), user)


def plan_for_staff(user, plan_uid) -> Plan:
    """A plan of the user's authorities, or 404 (also for another authority's plan)."""
    return get_object_or_404(staff_plans(user).select_related("authority", "procedure"),
                             uid=plan_uid)


def require(user, perm: str, obj) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def plan_for_editing(user, plan_uid, perm: str = "planning.change_plan") -> Plan:
    """A plan the user may change: 404 if foreign, 403 for a read-only role."""
    plan = plan_for_staff(user, plan_uid)
    require(user, perm, plan)
    return plan


def editable_authorities(user) -> QuerySet[Authority]:
    """Active authorities where the user may create plans (planning.add_plan)."""
    authorities = Authority.objects.for_staff(user).filter(is_active=True).order_by("name")
    if user.is_superuser:
        return authorities
    return authorities.filter(pk__in=editable_authority_ids(user))
