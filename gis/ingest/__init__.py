"""Ingest of uploaded layer files: always in a background task, never in the request."""
