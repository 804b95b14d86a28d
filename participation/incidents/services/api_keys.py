"""Open311 API keys: issued once (the plain key is shown only then), stored as SHA-256."""

import hashlib
import secrets

from django.utils import timezone

from ..models import Open311Key


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


def issue_key(*, authority, client_name: str) -> tuple[Open311Key, str]:
    """Create a key for a client of the authority; return (record, plain key)."""
    plain = secrets.token_urlsafe(32)
    record = Open311Key.objects.create(authority=authority, client_name=client_name.strip()[:120],
                                       prefix=plain[:8], key_hash=_hash(plain))
    return record, plain


def key_for(plain: str, authority) -> Open311Key | None:
    """The active key of `authority` with this plain text, or None (also for another's key)."""
    if not plain or len(plain) > 200:
        return None
    record = Open311Key.objects.filter(key_hash=_hash(plain), is_active=True,
                                       authority=authority).first()
    if record is not None:
        Open311Key.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    return record
