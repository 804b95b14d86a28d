"""The test suite: fast hashing, in-memory mail, no base map from the internet."""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("PORTAL_BASEMAP_URL", "")

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# The official XPlanung schemas of ../shared (PORTAL_SHARED_DIR overrides ../shared).
_SHARED = Path(os.environ.get("PORTAL_SHARED_DIR") or BASE_DIR.parent / "shared")
PORTAL_XPLAN_SCHEMA_DIR = Path(
    os.environ.get("PORTAL_XPLAN_SCHEMA_DIR") or _SHARED / "xplanung" / "xsd"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
