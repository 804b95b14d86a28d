"""Self-service deletion of a citizen's account.

Guarantees (docs/accounts.md):
- Only citizens' accounts: staff accounts are refused (their authority manages them).
- All or nothing, in one transaction: every registered module removes the person's data from
  the contributions linked to the account (statements are kept, anonymised: they belong to
  the procedure's record), then the account goes with its profile, notification settings,
  e-mail addresses, links to external sign-in providers and contribution links. Where the
  account was an organisation's only administrator, its longest-standing member takes over.
"""

from django.db import transaction

from ..contributions import registry
from ..models import Contribution
from ..roles import is_staff_account
from .organisations import hand_over


class DeletionRefused(Exception):
    pass


def delete_citizen_account(*, user) -> None:
    if is_staff_account(user):
        raise DeletionRefused("staff accounts are managed by their authority")
    with transaction.atomic():
        links = Contribution.objects.filter(user=user)
        uids_by_kind: dict[str, list] = {}
        for kind, uid in links.values_list("kind", "object_uid"):
            uids_by_kind.setdefault(kind, []).append(uid)
        for kind, uids in uids_by_kind.items():
            provider = registry.provider(kind)
            if provider is not None:
                provider.forget_person(uids)
        hand_over(user)
        user.delete()
