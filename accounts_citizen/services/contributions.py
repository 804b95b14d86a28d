"""Linking a contribution to the signed-in citizen who made it."""

from uuid import UUID

from ..contributions import registry
from ..models import Contribution
from ..roles import is_staff_account


def link_contribution(*, user, kind: str, object_uid: UUID,
                      organisation=None) -> Contribution | None:
    """Record that `user` made the contribution (on behalf of `organisation`, of which the
    caller checked they are a member); nothing for visitors and staff accounts (staff enter
    statements on behalf of others). Idempotent: a retried submission that returned the same
    contribution links it once."""
    if user is None or not user.is_authenticated or is_staff_account(user):
        return None
    provider = registry.provider(kind)
    rows = list(provider.rows([object_uid])) if provider is not None else []
    status = rows[0].status_key if rows else ""
    link, _created = Contribution.objects.get_or_create(
        kind=kind, object_uid=object_uid,
        defaults={"user": user, "notified_status": status, "organisation": organisation})
    return link
