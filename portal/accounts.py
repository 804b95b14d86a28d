"""How a staff account is named on pages and in files, also after it was deleted.

Records keep their author's foreign key with on_delete=SET_NULL, so deleting an account leaves
None behind. Where a record always has an author (internal notes, XPlanGML uploads, export
jobs), None means "the account was deleted" and is shown as such, never as a crash or a blank.
"""

from django.utils.translation import gettext as _


def account_name(user) -> str:
    """The full name or user name of `user`; "deleted account" for None."""
    if user is None:
        return _("deleted account")
    return user.get_full_name() or user.get_username()
