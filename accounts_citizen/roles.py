"""Which accounts are citizens' accounts: everything under /konto/ is for them only.

Staff (members of an authority, Django staff, superusers) sign in at the staff login and are
managed by their authority; they cannot sign in, change or delete themselves under /konto/.
The one definition of a staff account is portal/staff_session.py's.
"""

from portal.staff_session import is_staff_account

__all__ = ["is_staff_account"]
