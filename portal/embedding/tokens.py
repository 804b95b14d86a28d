"""Signed values that stand in for cookies inside an embedded frame.

A browser that blocks third-party cookies sends neither the session nor the CSRF cookie to a
frame on another site. The embedded pages therefore carry what they need in the page itself:

- form tokens: a hidden field bound to the authority and the form's page, valid for
  FORM_TOKEN_MAX_AGE; checked instead of the CSRF cookie on /einbetten/ URLs only (the
  rate limits and all validation of the form stay);
- receipt grants: after a submission the receipt is opened with a signed grant for that one
  receipt (instead of the session that remembers what was submitted), valid for
  RECEIPT_MAX_AGE;
- the parent origin travels in the URL and is used only when it is on the authority's list.

All are signed with the SECRET_KEY (django.core.signing) under their own salt, so a value
of one kind is never accepted as another.
"""

from django.core import signing

FORM_SALT = "portal.embedding.form"
RECEIPT_SALT = "portal.embedding.receipt"
#: Long enough to write a statement, short enough that a copied page goes stale.
FORM_TOKEN_MAX_AGE = 4 * 60 * 60
RECEIPT_MAX_AGE = 60 * 60


class TokenRefused(Exception):
    """A missing, forged, expired or misplaced token; the message says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "missing", "expired", "invalid"


def form_token(*, authority_id: int, path: str) -> str:
    return signing.TimestampSigner(salt=FORM_SALT).sign_object({"a": authority_id, "p": path})


def check_form_token(token: str, *, authority_id: int, path: str) -> None:
    if not token:
        raise TokenRefused("missing")
    try:
        value = signing.TimestampSigner(salt=FORM_SALT).unsign_object(
            token[:2000], max_age=FORM_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise TokenRefused("expired") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise TokenRefused("invalid") from None
    if not isinstance(value, dict) or value.get("a") != authority_id or value.get("p") != path:
        raise TokenRefused("invalid")


def receipt_grant(*, authority_id: int, uid: str) -> str:
    return signing.TimestampSigner(salt=RECEIPT_SALT).sign_object({"a": authority_id, "u": uid})


def granted_receipt(token: str, *, authority_id: int) -> str | None:
    """The uid the grant opens, or None."""
    if not token:
        return None
    try:
        value = signing.TimestampSigner(salt=RECEIPT_SALT).unsign_object(
            token[:2000], max_age=RECEIPT_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(value, dict) or value.get("a") != authority_id:
        return None
    uid = value.get("u")
    return uid if isinstance(uid, str) else None
