"""Refusals of an incident report, each with a message for the reporter (German first)."""

from django.core.exceptions import ValidationError


class ReportRefused(ValidationError):
    """The report cannot be accepted (place, category, photos, text)."""


class NotResponsible(ReportRefused):
    """No authority of the portal (or another one than asked) is responsible for the place."""


class IdempotencyConflict(ReportRefused):
    """The same idempotency key was used for a different report."""
