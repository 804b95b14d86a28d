"""Who may see a layer that is not public (yet): owners register checks here.

gis knows nothing of plans; planning registers "staff of the plan's authority may preview its
layers" at start-up.
"""

from collections.abc import Callable

_checks: list[Callable] = []


def register_layer_access(check: Callable) -> None:
    """`check(user, layer) -> bool`; any True grants read access to a non-public layer."""
    if check not in _checks:
        _checks.append(check)


def can_read_layer(user, layer) -> bool:
    if layer.is_public:
        return True
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(check(user, layer) for check in _checks)
