"""Dropping this thread's database connections after the database went away."""

from django.db import connections


def close_connections() -> None:
    """Close this thread's connections; a broken connection may fail to close, that is fine."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # the connection is gone either way
            conn.connection = None
