"""Geo-subscriptions: e-mail notices and Atom feeds of what happens in an area (docs/subscriptions.md)."""
