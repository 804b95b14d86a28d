"""Reference numbers of incident reports: per authority and year, handed out under a row lock."""

from portal.reference_numbers import next_counted_reference

from .models import ReferenceCounter

PREFIX = "EM"


def next_reference(authority, year: int) -> str:
    """The next reference number ("EM-2026-00001"); call inside the storing transaction."""
    return next_counted_reference(ReferenceCounter, authority=authority, year=year, prefix=PREFIX)
