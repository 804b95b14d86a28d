"""The tokens of the confirm and unsubscribe links: derived, never stored in clear.

A token is HMAC-SHA256(SECRET_KEY, purpose + public_id), base64url (43 characters): the
portal can put it in every e-mail again without keeping it; the database keeps only its
SHA-256 hash, which is what a link is looked up by.
"""

import base64
import hashlib
import hmac

from django.conf import settings

CONFIRM = "confirm"
UNSUBSCRIBE = "unsubscribe"


def token(purpose: str, public_id) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(),
                      f"subscriptions:{purpose}:{public_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
