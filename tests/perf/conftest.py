"""Fixtures of the statement tests, for the query-count tests of a statement POST."""

from ..statements.conftest import notice, phase, plan  # noqa: F401
