"""Co-signing (Mitzeichnung) of a publicly displayed statement: once per e-mail address, and
only once the address is confirmed.

Guarantees (docs/statements.md):
- A co-signature is pending until the link in the confirmation e-mail is opened; pending ones
  are not counted, not shown and not told the result.
- The link is signed, bound to the co-signature and its address, expires after
  CONFIRMATION_MAX_AGE and confirms once (a conditional UPDATE); opening it again says so.
- Once per address and statement (unique constraint); signing again while pending sends the
  link again. The e-mail is queued after the commit. Requests are rate-limited per client and
  per address in the view (portal/throttling.py).
"""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CoSignature, ModerationState, Statement
from .statements import settings_for

CONFIRMATION_SALT = "cosignature-confirmation"
CONFIRMATION_MAX_AGE = timedelta(days=7)


def confirmation_token(signature: CoSignature) -> str:
    return signing.dumps({"c": signature.pk, "e": signature.email}, salt=CONFIRMATION_SALT)


def cosign(*, statement: Statement, name: str, email: str, postcode: str = "",
           base_url: str = "") -> tuple[CoSignature, bool]:
    """Store a pending co-signature (or find the existing one) and send the confirmation
    link to `email`; return (signature, created)."""
    settings_ = settings_for(statement.phase)
    if not (settings_.allow_cosigning and settings_.display_publicly
            and statement.moderation == ModerationState.APPROVED):
        raise ValidationError(_("This statement cannot be co-signed."))
    if not statement.phase.is_open(timezone.now()):
        raise ValidationError(_("The participation period has ended; co-signing is no longer possible."))
    name, email, postcode = " ".join(name.split())[:200], email.strip().lower(), postcode.strip()
    if not name:
        raise ValidationError(_("Please enter your name."))
    if any(ord(ch) < 32 for ch in name + email + postcode):
        raise ValidationError(_("Please remove line breaks and control characters from your details."))
    validate_email(email)
    if postcode and not (postcode.isdigit() and len(postcode) == 5):
        raise ValidationError(_("A German postcode has five digits."))
    try:
        with transaction.atomic():
            signature = CoSignature.objects.create(statement=statement, name=name, email=email,
                                                   postcode=postcode)
            created = True
    except IntegrityError:
        signature, created = CoSignature.objects.get(statement=statement, email=email), False
    if signature.confirmed_at is None:
        from ..statements.cosign_mail import send_cosignature_confirmation

        pk = signature.pk
        transaction.on_commit(lambda: send_cosignature_confirmation.enqueue(pk, base_url))
    return signature, created


def confirm_cosignature(token: str, *, plan) -> tuple[CoSignature, bool]:
    """Confirm the co-signature of a link on this plan; return (signature, newly_confirmed).
    A forged, expired or foreign link raises ValidationError."""
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT,
                             max_age=CONFIRMATION_MAX_AGE.total_seconds())
    except signing.BadSignature as exc:
        raise ValidationError(_("This confirmation link is invalid or has expired. Please co-sign again.")) from exc
    signature = CoSignature.objects.select_related("statement").filter(
        pk=data.get("c"), email=data.get("e"), statement__plan=plan).first()
    if signature is None:
        raise ValidationError(_("This confirmation link is invalid or has expired. Please co-sign again."))
    if not signature.statement.phase.is_open(timezone.now()):
        raise ValidationError(_("The participation period has ended; co-signing is no longer possible."))
    updated = CoSignature.objects.filter(pk=signature.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now())
    signature.refresh_from_db(fields=["confirmed_at"])
    return signature, bool(updated)
