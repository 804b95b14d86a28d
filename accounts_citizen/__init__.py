"""Citizen accounts: profile, notification settings, "my contributions" and self-service
deletion, on top of django-allauth (docs/accounts.md)."""
