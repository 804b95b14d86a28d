"""Which accounts are citizens' accounts: everything under /konto/ is for them only.

Staff (members of an authority, Django staff, superusers) sign in at the staff login and are
managed by their authority; they cannot sign in, change or delete themselves under /konto/.
"""


def is_staff_account(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or user.is_superuser or user.memberships.exists())
