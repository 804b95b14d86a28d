"""The test suite: fast hashing, in-memory mail, no base map from the internet."""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("PORTAL_BASEMAP_URL", "")

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, PORTAL_RATE_LIMITS

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Parallel workers (pytest-xdist, `make test` runs two): each has its own media directory and
# its own test database (pytest-django suffixes PostGIS names with the worker; SpatiaLite tests
# use an in-memory database per process, named here so pytest-django leaves it alone).
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if DATABASES["default"]["ENGINE"].endswith("spatialite"):
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
# One media directory per run: the SpatiaLite and PostGIS runs may go side by side.
MEDIA_ROOT = Path(os.environ.get("PORTAL_TEST_MEDIA_ROOT") or BASE_DIR / "var" / "test-media")
if _WORKER:
    MEDIA_ROOT = MEDIA_ROOT.with_name(f"{MEDIA_ROOT.name}-{_WORKER}")
# The official XPlanung schemas of ../shared (PORTAL_SHARED_DIR overrides ../shared).
_SHARED = Path(os.environ.get("PORTAL_SHARED_DIR") or BASE_DIR.parent / "shared")
PORTAL_XPLAN_SCHEMA_DIR = Path(
    os.environ.get("PORTAL_XPLAN_SCHEMA_DIR") or _SHARED / "xplanung" / "xsd"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# One process: the local-memory cache is shared by everything a test does (tests/conftest.py
# clears it before each test).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
          "tiles": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": "portal-tiles"}}
# Tests submit many statements from one client and address: the documented limits are
# applied by the tests that are about them (tests/adversarial/test_limits.py).
DOCUMENTED_RATE_LIMITS = dict(PORTAL_RATE_LIMITS)
PORTAL_RATE_LIMITS = dict.fromkeys(PORTAL_RATE_LIMITS, "100000/h")
