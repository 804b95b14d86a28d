"""Who is told the result, and how: one e-mail or one letter per statement, one e-mail per
co-signer.

- A member of the public with a valid e-mail address gets an e-mail (also when anonymous);
  without one but with a complete postal address a letter; otherwise nobody can be told.
- An agency gets one e-mail to its contact addresses (plus the address given with the
  statement, if any); a letter only if it has no address but the statement has a postal one.
- Every co-signer gets an e-mail (co-signing needs an address).

Addresses are re-validated here: rows from imports or older versions may hold anything, and an
address with CR/LF must never reach a mail header (SECURITY.md C9).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ..models import CoSignature, NotificationChannel, Statement, SubmitterKind
from .text import one_line

RECIPIENT_MAX = 300  # ResultNotification.recipient


@dataclass(frozen=True)
class Recipient:
    statement_id: int
    cosignature_id: int | None
    channel: str
    recipient: str

    @property
    def key(self) -> tuple[int, int | None, str]:
        return (self.statement_id, self.cosignature_id, self.channel)


def valid_address(value) -> bool:
    value = str(value or "")
    if not value or value != value.strip() or any(c in value for c in "\r\n\t\0,;<>\""):
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def email_addresses(statement: Statement) -> list[str]:
    """The validated, de-duplicated addresses for the statement's result e-mail."""
    candidates = []
    if statement.submitter_kind == SubmitterKind.AGENCY and statement.agency is not None:
        candidates.extend(statement.agency.emails or [])
    candidates.append(statement.email)
    addresses, seen = [], set()
    for value in candidates:
        value = str(value or "")
        if valid_address(value) and value.casefold() not in seen:
            seen.add(value.casefold())
            addresses.append(value)
    # The record holds every address it was sent to; keep what fits in it.
    kept, length = [], 0
    for address in addresses:
        length += len(address) + (2 if kept else 0)
        if length > RECIPIENT_MAX:
            break
        kept.append(address)
    return kept


def postal_lines(statement: Statement) -> list[str]:
    """Address lines for the window of the letter, or [] if the address is incomplete."""
    street, postcode, city = (one_line(statement.street, 100), one_line(statement.postcode, 10),
                              one_line(statement.city, 100))
    if not (street and postcode and city):
        return []
    lines = [one_line(statement.name, 100), one_line(statement.organisation, 100)]
    return [line for line in lines if line] + [street, f"{postcode} {city}"]


def submitter_recipient(statement: Statement) -> Recipient | None:
    addresses = email_addresses(statement)
    if addresses:
        return Recipient(statement.pk, None, NotificationChannel.EMAIL, ", ".join(addresses))
    lines = postal_lines(statement)
    if lines:
        return Recipient(statement.pk, None, NotificationChannel.LETTER,
                         ", ".join(lines)[:RECIPIENT_MAX])
    return None


def cosigner_recipient(cosignature: CoSignature) -> Recipient | None:
    if not valid_address(cosignature.email):
        return None
    return Recipient(cosignature.statement_id, cosignature.pk, NotificationChannel.EMAIL,
                     cosignature.email)


@dataclass
class RecipientPlan:
    recipients: list[Recipient]
    unreachable: list[Statement]


def recipients_for(statements: Iterable[Statement],
                   cosignatures: Iterable[CoSignature]) -> RecipientPlan:
    recipients, unreachable = [], []
    for statement in statements:
        recipient = submitter_recipient(statement)
        if recipient is None:
            unreachable.append(statement)
        else:
            recipients.append(recipient)
    for cosignature in cosignatures:
        recipient = cosigner_recipient(cosignature)
        if recipient is not None:
            recipients.append(recipient)
    return RecipientPlan(recipients, unreachable)


def addresses_of(recipient_field: str) -> list[str]:
    """The addresses stored in ResultNotification.recipient, re-validated before sending."""
    return [a for a in (part.strip() for part in recipient_field.split(",")) if valid_address(a)]
