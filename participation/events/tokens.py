"""Ticket tokens: a random id signed with the server's key (HMAC, django.core.signing).

The QR code carries only "EVT1:<token_id>:<signature>": no name, no e-mail. A forged token
fails the signature; a copied one is found checked in already. The scanner gets the SHA-256
of every valid token of its event and can tell valid from unknown ones offline."""

import hashlib
import secrets

from django.core import signing

PREFIX = "EVT1"
_SALT = "portal.events.ticket"
_CANCEL_SALT = "portal.events.registration"


def new_token_id() -> str:
    return secrets.token_urlsafe(16)


def ticket_token(token_id: str) -> str:
    return f"{PREFIX}:{signing.Signer(salt=_SALT).sign(token_id)}"


def token_id_from(token: str) -> str | None:
    """The token id of a genuine token, None for anything forged or malformed."""
    token = (token or "").strip()
    if not token.startswith(PREFIX + ":") or len(token) > 200:
        return None
    try:
        return signing.Signer(salt=_SALT).unsign(token[len(PREFIX) + 1:])
    except signing.BadSignature:
        return None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def registration_key(registration) -> str:
    """The signed key in the personal link of a registration (tickets, cancellation)."""
    return signing.Signer(salt=_CANCEL_SALT).sign(registration.uid.hex)


def registration_uid_from(key: str) -> str | None:
    try:
        return signing.Signer(salt=_CANCEL_SALT).unsign(key or "")
    except signing.BadSignature:
        return None
