"""Reads for the citizen's pages."""

from .contributions import registry
from .contributions.registry import ContributionRow
from .models import CitizenProfile, Contribution


def contributions_of(user) -> list[ContributionRow]:
    """Every contribution linked to `user`, newest first, across all registered modules."""
    uids_by_kind: dict[str, list] = {}
    for kind, uid in Contribution.objects.filter(user=user).values_list("kind", "object_uid"):
        uids_by_kind.setdefault(kind, []).append(uid)
    rows: list[ContributionRow] = []
    for provider in registry.providers():
        uids = uids_by_kind.get(provider.key)
        if uids:
            rows.extend(provider.rows(uids))
    return sorted(rows, key=lambda row: row.submitted_at, reverse=True)


def owns_contribution(user, *, kind: str, object_uid) -> bool:
    return Contribution.objects.filter(user=user, kind=kind, object_uid=object_uid).exists()


def citizens_following(authority):
    """Users who want an e-mail about new procedures of `authority` (for the module that
    announces procedures)."""
    return CitizenProfile.objects.filter(notify_new_procedures=authority,
                                         user__is_active=True).select_related("user")


def wants_status_mail(user) -> bool:
    profile = CitizenProfile.objects.filter(user=user).first()
    return profile is None or profile.notify_status_changes
