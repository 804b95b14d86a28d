"""Row-level tenancy: which authorities a user works for, and scoping of tenant querysets.

Every tenant-owned model has an `authority` foreign key. Staff code never loads a tenant object
by id alone: it goes through `scoped_to_staff()` so a foreign id is simply not found (404).
See docs/tenancy.md.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from .models.membership import Membership, Role

#: Roles whose membership extends to the descendants of the authority.
INHERITED_ROLES = {Role.ADMIN}
_MAX_DEPTH = 5


def staff_authority_ids(user, roles: Iterable[str] | None = None) -> set[int]:
    """Ids of the authorities where `user` holds one of `roles` (direct or inherited)."""
    from .models.authority import Authority

    if not user.is_authenticated or not user.is_active:
        return set()
    cache_key = ("_staff_authority_ids", frozenset(roles) if roles else None)
    cache = user.__dict__.setdefault("_portal_tenancy_cache", {})
    if cache_key in cache:
        return cache[cache_key]

    memberships = list(
        Membership.objects.filter(user=user, authority__is_active=True).values_list(
            "authority_id", "role")
    )
    direct = {authority_id for authority_id, role in memberships if roles is None or role in roles}
    inherited_roots = {authority_id for authority_id, role in memberships
                       if role in INHERITED_ROLES}
    ids = set(direct)
    frontier = inherited_roots
    for _ in range(_MAX_DEPTH):
        if not frontier:
            break
        children = set(
            Authority.objects.filter(parent_id__in=frontier, is_active=True).values_list(
                "pk", flat=True
            )
        )
        frontier = children - ids
        ids |= children
    cache[cache_key] = ids
    return ids


def scoped_to_staff(queryset: QuerySet, user, roles: Iterable[str] | None = None) -> QuerySet:
    """Restrict a queryset of a tenant-owned model (or of Authority) to the user's authorities."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    ids = staff_authority_ids(user, roles)
    if queryset.model._meta.label == "portal.Authority":
        return queryset.filter(pk__in=ids)
    return queryset.filter(**{f"{tenant_field(queryset.model)}__in": ids})


def tenant_field(model) -> str:
    """The lookup path from a tenant-owned model to its Authority (default: `authority`)."""
    return getattr(model, "TENANT_FIELD", "authority")


def role_in(user, authority) -> str | None:
    """The user's direct role in the authority, or admin if inherited; None for none."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    direct = (
        Membership.objects.filter(user=user, authority=authority).values_list("role", flat=True).first()
    )
    if direct:
        return direct
    if authority.pk in staff_authority_ids(user, INHERITED_ROLES):
        return Role.ADMIN
    return None
