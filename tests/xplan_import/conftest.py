"""Fixtures of the portal import tests: an authority around the samples, a private media root."""

import json
from pathlib import Path

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon

from tests.conftest import SHARED_DATA

from ..factories import make_authority

XPLAN_DIR = SHARED_DATA / "xplan"
MANIFEST_PATH = XPLAN_DIR / "MANIFEST.json"
#: A box in EPSG:25832 around all samples (Hamburg, Brandenburg): a "state" jurisdiction.
SAMPLES_BOX = (300_000, 5_700_000, 900_000, 6_100_000)


def manifest_entries() -> list[dict]:
    if not MANIFEST_PATH.is_file():
        return []
    return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))


def manifest_params():
    entries = manifest_entries()
    if not entries:
        return [pytest.param(None, id="no-shared-data")]
    return [pytest.param(entry, id=entry["file"]) for entry in entries]


def box(x0, y0, x1, y1, srid=25832) -> MultiPolygon:
    ring = ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))
    return MultiPolygon(Polygon(ring, srid=srid), srid=srid)


@pytest.fixture(autouse=True)
def english_messages():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    """Stored files go to a fresh directory, so tests can see what an import left behind."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def stored_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def hamburg():
    """An authority whose AGS and jurisdiction fit the Hamburg samples (AGS 02000000)."""
    return make_authority(name="Hamburg", slug="hamburg", kind="state", ags="02000000",
                          jurisdiction=box(540_000, 5_900_000, 600_000, 5_960_000))


@pytest.fixture
def everywhere():
    """An authority without AGS whose jurisdiction covers every sample."""
    return make_authority(name="Landesamt", slug="landesamt", kind="other", ags=None,
                          jurisdiction=box(*SAMPLES_BOX))


@pytest.fixture
def sample(shared_data):
    def path_of(name: str) -> Path:
        return shared_data / "xplan" / name

    return path_of


@pytest.fixture
def run_worker():
    """Run the real database task worker until the queue is empty (tests must be
    django_db(transaction=True): the worker closes connections between tasks)."""
    from django.core.management import call_command

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*",
                     "--verbosity", "0")

    return run
