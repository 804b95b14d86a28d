"""Co-signing (Mitzeichnung) of a publicly displayed statement: once per e-mail address."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CoSignature, ModerationState, Statement
from .statements import settings_for


def cosign(*, statement: Statement, name: str, email: str, postcode: str = "") -> tuple[CoSignature, bool]:
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
            return CoSignature.objects.create(statement=statement, name=name, email=email,
                                              postcode=postcode), True
    except IntegrityError:
        return CoSignature.objects.get(statement=statement, email=email), False
