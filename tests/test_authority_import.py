"""manage.py import_authorities: real files through GDAL, all-or-nothing, idempotent."""

import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from portal.models import Authority, AuthorityKind
from portal.services.authority_import import AuthorityImportFailed, import_authorities

from .factories import make_authority
from .vector_files import rectangle_wkt, write_vector, zip_shapefile

pytestmark = pytest.mark.django_db

SAXONY = "boundaries/DERIVED__VG5000_2021_Gemeinden_Sachsen.geojson"

# Three made-up municipalities in EPSG:25833 (as Saxon data arrives).
ROWS = [
    {"GEN": "Altdorf", "AGS": "14625010", "ARS": "146250010010", "wkt": rectangle_wkt(420000, 5650000)},
    {"GEN": "Neudorf", "AGS": "14625020", "ARS": "146255205020", "wkt": rectangle_wkt(422000, 5650000)},
    {"GEN": "Görlitz", "AGS": "14626110", "ARS": "146260110110", "wkt": rectangle_wkt(424000, 5650000)},
]


def run_json(*args) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("import_authorities", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_saxon_municipalities_import_with_keys_and_valid_geometry(shared_data):
    report = run_json(str(shared_data / SAXONY), "--kind", "municipality")
    assert report["ok"] and report["features"] == 419 and report["created"] == 419
    assert report["source_crs"] == "EPSG:4326"
    assert Authority.objects.count() == 419
    chemnitz = Authority.objects.get(ags="14511000")
    assert chemnitz.name == "Chemnitz"
    assert chemnitz.ars == "145110000000"
    assert chemnitz.kind == AuthorityKind.MUNICIPALITY
    assert chemnitz.jurisdiction.srid == 25832
    assert chemnitz.jurisdiction.valid
    # Chemnitz lies around 12.9°E / 50.8°N, i.e. about E 776 000 / N 5 635 000 in UTM 32.
    centroid = chemnitz.jurisdiction.centroid
    assert 760_000 < centroid.x < 790_000 and 5_620_000 < centroid.y < 5_650_000
    assert all(a.jurisdiction.valid for a in Authority.objects.all())
    assert all(len(a.ags) == 8 and len(a.ars) == 12 for a in Authority.objects.all())
    assert Authority.objects.get(ags="14626110").slug == "goerlitz"

    again = run_json(str(shared_data / SAXONY), "--kind", "municipality")
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 419)


def test_geopackage_reprojects_and_updates_by_ags(tmp_path):
    gpkg = write_vector(tmp_path / "gemeinden.gpkg", "GPKG", ROWS)
    report = run_json(str(gpkg), "--kind", "municipality")
    assert report["created"] == 3 and report["source_crs"] == "EPSG:25833"
    altdorf = Authority.objects.get(ags="14625010")
    # A 1 km square stays 1 km² (±1 %) after EPSG:25833 -> 25832.
    assert altdorf.jurisdiction.area == pytest.approx(1_000_000, rel=0.01)

    renamed = [dict(ROWS[0], GEN="Altdorf (neu)"), *ROWS[1:]]
    gpkg2 = write_vector(tmp_path / "gemeinden2.gpkg", "GPKG", renamed)
    report = run_json(str(gpkg2), "--kind", "municipality")
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 1, 2)
    assert Authority.objects.get(ags="14625010").name == "Altdorf (neu)"
    assert Authority.objects.count() == 3


def test_zipped_shapefile_with_parent(tmp_path):
    parent = make_authority(name="Landkreis Görlitz", slug="lk-goerlitz", kind=AuthorityKind.DISTRICT,
                            ags="14626000")
    shp = write_vector(tmp_path / "gemeinden.shp", "ESRI Shapefile", ROWS)
    archive = zip_shapefile(shp, tmp_path / "gemeinden.zip")
    report = run_json(str(archive), "--kind", "municipality", "--parent", "lk-goerlitz")
    assert report["created"] == 3
    assert set(parent.children.values_list("ags", flat=True)) == {r["AGS"] for r in ROWS}


def test_repairs_a_self_intersecting_outline(tmp_path):
    bowtie = "POLYGON((420000 5650000,421000 5651000,421000 5650000,420000 5651000,420000 5650000))"
    path = write_vector(tmp_path / "bowtie.geojson", "GeoJSON", [dict(ROWS[0], wkt=bowtie)], epsg=25833)
    report = run_json(str(path), "--kind", "municipality")
    assert report["created"] == 1
    assert report["repaired"][0]["ags"] == "14625010"
    assert "Self-intersection" in report["repaired"][0]["reason"]
    assert Authority.objects.get().jurisdiction.valid


def test_dry_run_writes_nothing(tmp_path):
    path = write_vector(tmp_path / "g.gpkg", "GPKG", ROWS)
    report = run_json(str(path), "--kind", "municipality", "--dry-run")
    assert report["created"] == 3 and report["dry_run"]
    assert Authority.objects.count() == 0


def assert_refused(path, expected_fragment, language="en", **kwargs):
    before = list(Authority.objects.values_list("pk", "name", "ags"))
    with pytest.raises(AuthorityImportFailed) as failure, translation.override(language):
        import_authorities(path=path, kind="municipality", **kwargs)
    messages = " | ".join(e["message"] for e in failure.value.report.errors)
    assert expected_fragment in messages, messages
    assert list(Authority.objects.values_list("pk", "name", "ags")) == before
    return messages


@pytest.fixture
def existing():
    return make_authority(name="Bestand", slug="bestand", ags="14625010")


def test_shapefile_without_crs_is_refused(tmp_path, existing):
    shp = write_vector(tmp_path / "g.shp", "ESRI Shapefile", ROWS, epsg=None)
    archive = zip_shapefile(shp, tmp_path / "g.zip")
    assert_refused(archive, "declares no coordinate reference system (CRS)")
    assert Authority.objects.get(pk=existing.pk).name == "Bestand"
    assert_refused(archive, "kein Koordinatenreferenzsystem (KBS)", language="de")


def test_missing_field_is_refused(tmp_path, existing):
    path = write_vector(tmp_path / "g.gpkg", "GPKG", ROWS)
    assert_refused(path, "KREIS", ars_field="KREIS")


def test_duplicate_keys_are_refused_and_nothing_changes(tmp_path, existing):
    rows = [*ROWS, dict(ROWS[1], GEN="Doppelt", wkt=rectangle_wkt(430000, 5650000))]
    path = write_vector(tmp_path / "g.gpkg", "GPKG", rows)
    messages = assert_refused(path, "14625020")
    assert "2" in messages and "4" in messages  # both feature numbers named


def test_invalid_keys_are_refused(tmp_path, existing):
    rows = [dict(ROWS[0], AGS="1462501X"), dict(ROWS[1], ARS="146250010010")]
    path = write_vector(tmp_path / "g.gpkg", "GPKG", rows)
    assert_refused(path, "1462501X")


def test_unrepairable_geometry_is_refused(tmp_path, existing):
    line = "LINESTRING(420000 5650000,421000 5651000)"
    path = write_vector(tmp_path / "g.gpkg", "GPKG", [ROWS[0], dict(ROWS[1], wkt=line)])
    assert_refused(path, "LineString")


def test_corrupt_file_is_refused(tmp_path, existing):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feat')
    assert_refused(path, "GeoJSON")


def test_zip_with_path_outside_is_refused(tmp_path, existing):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../etc/gemeinden.shp", b"x")
    assert_refused(path, "../../etc/gemeinden.shp")


def test_unknown_file_type_is_refused(tmp_path, existing):
    path = tmp_path / "gemeinden.csv"
    path.write_text("GEN,AGS\nA,14625010\n")
    assert_refused(path, ".csv")


def test_command_exit_status_and_json_on_failure(tmp_path, capsys):
    path = tmp_path / "broken.geojson"
    path.write_text("not json")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_authorities", str(path), "--kind", "municipality", "--json")
    assert exit_info.value.code == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["errors"]
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_authorities", str(path), "--kind", "municipality")
