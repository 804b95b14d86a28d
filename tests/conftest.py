import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: ../shared next to the checkout; PORTAL_SHARED_DIR overrides it (e.g. for git worktrees).
SHARED = Path(os.environ.get("PORTAL_SHARED_DIR") or ROOT.parent / "shared")
SHARED_DATA = SHARED / "data"

# Playwright's sync API runs an event loop in the test thread; the ORM calls in the same test
# are still synchronous, so Django's async-safety guard must not trip on them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def shared_data() -> Path:
    """../shared/data (genuine public files); tests using it skip cleanly without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent: the genuine public sample files are not here")
    return SHARED_DATA


@pytest.fixture
def artifacts_dir() -> Path:
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('NAME')})"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache, kept tiles in the tile cache: every test starts
    with none."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield



#: Off in tests marked `real_second_factor` (see `_force_login_passes_the_second_factor`).
_SHORTCUT = {"on": True}


def _install_second_factor_shortcut() -> None:
    """`client.force_login(staff)` (and `client.login`) stand for a complete staff sign-in:
    password and second factor (portal/staff_session.py). Installed once for the whole run,
    so module-scoped fixtures that sign in (the adversarial crawl) get it too."""
    from django.test.client import ClientMixin

    original = ClientMixin._login

    def _login(self, user, backend=None):
        original(self, user, backend)
        if _SHORTCUT["on"]:
            from tests.factories import pass_second_factor

            pass_second_factor(self, user)

    ClientMixin._login = _login


def pytest_configure(config):
    _install_second_factor_shortcut()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(request):
    """Tests of the sign-in itself mark themselves `@pytest.mark.real_second_factor`: their
    force_login leaves the session without the second factor, as a password sign-in does."""
    _SHORTCUT["on"] = not request.node.get_closest_marker("real_second_factor")
    yield
    _SHORTCUT["on"] = True
