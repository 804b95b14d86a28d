"""The portal's own API reference at /api/docs/: server-rendered from the OpenAPI document,
with a plain GET form per read operation (no scripts, so the strict CSP and axe hold)."""
