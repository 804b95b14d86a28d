"""Reference numbers of statements: per authority and year, consecutive, under a row lock."""

from portal.reference_numbers import next_counted_reference

from ..models import ReferenceCounter

PREFIX = "ST"


def next_reference(authority, year: int) -> str:
    """The next reference number; call inside the transaction that stores the statement."""
    return next_counted_reference(ReferenceCounter, authority=authority, year=year, prefix=PREFIX)
