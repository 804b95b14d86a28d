import http.server
import json
import threading
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA

MANIFEST_PATH = SHARED_DATA / "xplan" / "MANIFEST.json"


def manifest_entries() -> list[dict]:
    """The MANIFEST entries, or [] when ../shared is absent (the tests then skip)."""
    if not MANIFEST_PATH.is_file():
        return []
    return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))


def manifest_params():
    entries = manifest_entries()
    if not entries:
        return [pytest.param(None, id="no-shared-data")]
    return [pytest.param(entry, id=entry["file"]) for entry in entries]


@pytest.fixture
def sample(shared_data):
    """Path of a sample file by its manifest entry."""

    def path_of(entry: dict) -> Path:
        return shared_data / "xplan" / entry["file"]

    return path_of


@pytest.fixture
def write_file(tmp_path):
    def write(data: bytes, name: str = "plan.gml") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


class _CanaryHandler(http.server.BaseHTTPRequestHandler):
    def _hit(self):
        self.server.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"canary")

    do_GET = do_HEAD = do_POST = _hit

    def log_message(self, *args):
        pass


@pytest.fixture
def canary():
    """A loopback HTTP server that records every request; tests assert it got none."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CanaryHandler)
    server.hits = []
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def isolated_tmp(tmp_path, monkeypatch):
    """Temporary files of the code under test go here, so tests can check nothing is left."""
    import tempfile

    directory = tmp_path / "tmp"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


@pytest.fixture(autouse=True)
def english_messages():
    """Assertions on message texts use the English msgids (German is the site default)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def no_schema(settings, tmp_path):
    """PORTAL_XPLAN_SCHEMA_DIR points to an empty directory: no 6.0 schema available."""
    settings.PORTAL_XPLAN_SCHEMA_DIR = tmp_path / "no-schema"


@pytest.fixture
def schema_60():
    """The official 6.0 schema model; the test skips when ../shared/xplanung/xsd is absent."""
    from planning.xplanung.schema_model import schema_model_60

    model = schema_model_60()
    if model is None:
        pytest.skip("the XPlanung 6.0 schemas (PORTAL_XPLAN_SCHEMA_DIR) are absent")
    return model
