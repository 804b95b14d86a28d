"""Refusals of a statement, each with a message for the submitter."""

from django.core.exceptions import ValidationError


class StatementRefused(ValidationError):
    """The statement cannot be accepted (deadline, phase, identity, location, attachments)."""


class IdempotencyConflict(StatementRefused):
    """The same idempotency key was used for a different statement."""
