"""{{ user|account_name }}: a staff member's name, or "deleted account" (portal/accounts.py).

Where a missing user can also mean "nobody recorded" (history entries of batch jobs), pass the
text for that case: {{ entry.history_user|account_name:_("unknown") }}.
"""

from django import template

from ..accounts import account_name as _account_name

register = template.Library()


@register.filter
def account_name(user, absent: str = "") -> str:
    if user is None and absent:
        return absent
    return _account_name(user)
