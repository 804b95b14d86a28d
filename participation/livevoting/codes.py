"""Join codes and device tokens: no database, no request (tested on their own).

A join code has 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V
mix-ups): 29^6 ≈ 595 million codes, typed on a phone or read off a projector. A device token is
a random secret kept in a cookie of the participant's browser; the database stores only its
SHA-256, so a leaked table names no device.
"""

import hashlib
import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
CODE_LENGTH = 6
_CODE_PATTERN = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")
DEVICE_TOKEN_BYTES = 24
_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """A typed code as stored ("abc 234" -> "ABC234"), or None when it cannot be a code."""
    cleaned = re.sub(r"[\s-]+", "", str(text or ""))[:20].upper()
    return cleaned if _CODE_PATTERN.match(cleaned) else None


def new_device_token() -> str:
    return secrets.token_urlsafe(DEVICE_TOKEN_BYTES)


def is_device_token(value: str | None) -> bool:
    return bool(value) and bool(_TOKEN_PATTERN.match(value))


def device_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()
