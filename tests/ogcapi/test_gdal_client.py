"""GDAL's own OGC API Features client (the OAPIF driver of ogrinfo) against a live server:
it lists the collections and reads every feature of a collection larger than one page."""

import re
import shutil
import subprocess

import pytest

from planning.models import Plan

from ..factories import make_authority, make_plan, square

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo is not installed"),
]
PLANS = 7
PAGE = 3


def _ogrinfo(*args: str) -> str:
    result = subprocess.run(["ogrinfo", "-ro", *args], capture_output=True, text=True,
                            timeout=120, check=False,
                            env={"GDAL_HTTP_TIMEOUT": "60", "CPL_DEBUG": "OFF",
                                 "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def many_plans(db):
    authority = make_authority(name="Gemeinde Vieleplaene", slug="vieleplaene",
                               jurisdiction=square(800_000, 5_650_000, 50_000))
    for n in range(PLANS):
        make_plan(authority, name=f"Plan {n}", legal_status="4000",
                  area=square(801_000 + n * 1500, 5_651_000, 600))
    make_plan(authority, name="Nicht veröffentlicht", legal_status="4000", published=False)
    return authority


def test_ogrinfo_lists_the_collections(live_server, many_plans):
    summary = _ogrinfo("-so", "-al", f"OAPIF:{live_server.url}/ogcapi")
    assert "plans-in-force" in summary
    assert "plans-in-procedure" in summary
    count = re.search(r"Layer name: plans-in-force.*?Feature Count: (\d+)", summary, re.S)
    assert int(count.group(1)) == PLANS  # GDAL reports numberMatched
    assert "Multi Polygon" in summary and 'ID["EPSG",4326]' in summary


def test_ogrinfo_reads_all_features_across_pages(live_server, many_plans):
    """Pages of PAGE features: GDAL must follow the next links to the end."""
    expected = Plan.objects.published().in_force().count()
    assert expected == PLANS > PAGE
    listing = _ogrinfo("-oo", f"PAGE_SIZE={PAGE}", "-oo", "INITIAL_REQUEST_PAGE_SIZE=" + str(PAGE),
                       f"OAPIF:{live_server.url}/ogcapi", "plans-in-force")
    names = re.findall(r"^\s+name \(String\) = (.+)$", listing, re.M)
    assert sorted(names) == sorted(f"Plan {n}" for n in range(PLANS))
    assert "Nicht veröffentlicht" not in listing
    assert listing.count("MULTIPOLYGON") == PLANS
