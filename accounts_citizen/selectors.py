"""Reads for the citizen's pages."""

from .contributions import registry
from .contributions.registry import ContributionRow
from .models import CitizenProfile, Contribution, Organisation
from .roles import is_staff_account


def contributions_of(user) -> list[ContributionRow]:
    """Every contribution linked to `user`, newest first, across all registered modules."""
    return _rows(Contribution.objects.filter(user=user))


def contributions_of_organisation(organisation) -> list[ContributionRow]:
    """Every contribution its members made on behalf of `organisation`, newest first."""
    return _rows(Contribution.objects.filter(organisation=organisation))


def _rows(links) -> list[ContributionRow]:
    uids_by_kind: dict[str, list] = {}
    for kind, uid in links.values_list("kind", "object_uid"):
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


def organisations_of(user) -> list[Organisation]:
    """The organisations a signed-in citizen may contribute on behalf of (none for visitors
    and staff accounts)."""
    if not getattr(user, "is_authenticated", False) or is_staff_account(user):
        return []
    return list(Organisation.objects.filter(members__user=user).order_by("name"))
