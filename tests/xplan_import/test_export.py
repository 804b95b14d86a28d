"""Export from the rows (XPlanGML 6.0, XPlanArchiv) and the round trip import -> export ->
import with the same facts; the export command; downloads for the public and for staff."""

import io
import zipfile
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from gis.models import Feature
from planning.models import Plan
from planning.services.plans import publish_plan, update_plan
from planning.xplan_import import export_plan_archive, export_plan_gml, import_xplan
from planning.xplan_import.export_validation import validate_export
from planning.xplanung import read_xplan
from planning.xplanung.migration_tables import class_in_60
from planning.xplanung.model import RASTER_CLASSES

from ..factories import make_authority, make_plan
from .conftest import box, manifest_params
from .documents import X0, Y0, rich_archive

pytestmark = pytest.mark.django_db

FACTS = ("class", "name", "number", "plan_art", "legal_status", "ags", "source_crs")


def content_classes(report: dict) -> Counter:
    counts = Counter()
    for cls, count in report["feature_counts"].items():
        if cls.endswith(("_Plan", "_Bereich")) or cls in RASTER_CLASSES:
            continue
        counts[class_in_60(cls)] += count
    return counts


def assert_same_facts(first: dict, second: dict, *, bbox_tolerance: float) -> None:
    assert len(first["plans"]) == len(second["plans"])
    for a, b in zip(first["plans"], second["plans"], strict=True):
        for key in FACTS:
            assert a[key] == b[key], key
        assert b["bbox"] == pytest.approx(a["bbox"], abs=bbox_tolerance)
        assert b["area_m2"] == pytest.approx(a["area_m2"], rel=0.005)
        assert b["external_references"] == a["external_references"]
        assert b["rasters"] == a["rasters"]


@pytest.fixture
def town():
    return make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=box(X0 - 1000, Y0 - 1000, X0 + 2000, Y0 + 2000))


@pytest.mark.shared_data
@pytest.mark.parametrize("entry", manifest_params())
def test_round_trip_of_every_sample(entry, sample, everywhere, tmp_path):
    if entry is None:
        pytest.skip("../shared/data is absent")
    first = import_xplan(sample(entry["file"]), authority=everywhere)
    assert first["errors"] == []
    plans = [Plan.objects.get(pk=p["id"]) for p in first["plans"]]
    archive = tmp_path / "export.zip"
    archive.write_bytes(export_plan_archive(plans[0]))
    assert_schema_valid(archive.read_bytes())
    second = import_xplan(archive, authority=everywhere)
    assert second["errors"] == [], second["errors"]
    assert second["xplan_version"] == "6.0"
    assert_same_facts(first, second, bbox_tolerance=0.01)
    assert content_classes(second) == content_classes(first)
    # The features came back with the same attributes.
    again = Plan.objects.get(pk=second["plans"][0]["id"])
    before = {f.external_id: f.attributes for f in Feature.objects.filter(
        layer__plan_link__plan=plans[0])}
    after = {f.external_id: f.attributes for f in Feature.objects.filter(
        layer__plan_link__plan=again)}
    assert set(after) == set(before)
    if entry["xplan_version"] == "6.0":
        assert after == before


def test_archive_carries_documents_and_scan(town, tmp_path):
    source = tmp_path / "plan.zip"
    source.write_bytes(rich_archive())
    report = import_xplan(source, authority=town)
    plan = Plan.objects.get(pk=report["plans"][0]["id"])
    data = export_plan_archive(plan)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(archive.namelist())
        original = zipfile.ZipFile(source)
        assert archive.read("scan.png") == original.read("scan.png")
        assert archive.read("scan.pgw") == original.read("scan.pgw")
        assert archive.read("begruendung.pdf") == original.read("begruendung.pdf")
    assert names == ["begruendung.pdf", "scan.pgw", "scan.png", "xplan.gml"]
    document = read_xplan(_write(tmp_path / "again.zip", data))
    (again,) = document.plans
    assert [(r.type, r.href) for r in again.external_references] == [
        ("1010", "begruendung.pdf"), ("1060", "fake.pdf"),
        ("1020", "https://example.org/plan/legende.pdf")]
    assert again.rasters[0].georeferenced
    assert {o.gml_id for o in again.objects} == {
        "bg1", "bg2", "gr1", "ueb1", "bgr1", "hm1", "pto1", "txt1"}


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_changes_made_in_the_portal_are_exported(town, tmp_path):
    source = tmp_path / "plan.zip"
    source.write_bytes(rich_archive())
    report = import_xplan(source, authority=town)
    plan = Plan.objects.get(pk=report["plans"][0]["id"])
    update_plan(plan=plan, name="Am Mühlgraben, 1. Änderung", legal_status="4000",
                area=box(X0, Y0, X0 + 80, Y0 + 80))
    data = export_plan_gml(plan)
    assert_schema_valid(data)
    path = _write(tmp_path / "changed.gml", data)
    (again,) = read_xplan(path).plans
    assert again.name == "Am Mühlgraben, 1. Änderung" and again.legal_status == "4000"
    assert again.area.area == pytest.approx(6400)
    assert again.number == "B-12"  # unchanged facts stay as imported
    assert again.municipalities[0].name == "Teststadt"


def assert_schema_valid(data: bytes) -> None:
    """The export validates against the 6.0 schema (when ../shared/xplanung/xsd is here)."""
    validation = validate_export(data)
    if validation.available:
        assert validation.valid, [e.as_dict() for e in validation.errors[:5]]


def test_plan_made_in_the_portal_is_exported_from_its_facts(town, tmp_path):
    plan = make_plan(town, name="Handgemacht", number="7", plan_art=["1000"],
                     legal_status="2000")
    data = export_plan_gml(plan)
    assert_schema_valid(data)
    (again,) = read_xplan(_write(tmp_path / "p.gml", data)).plans
    assert (again.name, again.number, again.plan_art, again.legal_status, again.ags) == (
        "Handgemacht", "7", ["1000"], "2000", "14612000")
    assert again.area.area == pytest.approx(plan.area.area)


def test_export_command_writes_gml_and_archive(town, tmp_path):
    source = _write(tmp_path / "plan.zip", rich_archive())
    plan = Plan.objects.get(pk=import_xplan(source, authority=town)["plans"][0]["id"])
    gml, archive = tmp_path / "out.gml", tmp_path / "out.zip"
    call_command("export_xplan", str(plan.uid), "-o", str(gml))
    call_command("export_xplan", str(plan.uid), "--archive", "-o", str(archive))
    assert read_xplan(gml).plans[0].name == "Am Mühlgraben"
    assert "xplan.gml" in zipfile.ZipFile(archive).namelist()
    with pytest.raises(CommandError, match="No plan"):
        call_command("export_xplan", "00000000-0000-0000-0000-000000000000", "-o", str(gml))


def test_public_download_only_for_published_plans(client, town, tmp_path):
    source = _write(tmp_path / "plan.zip", rich_archive())
    plan = Plan.objects.get(pk=import_xplan(source, authority=town)["plans"][0]["id"])
    url = f"/{town.slug}/plaene/{plan.uid}/xplan.gml"
    assert client.get(url).status_code == 404
    publish_plan(plan=plan)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/gml+xml"
    assert response["Content-Disposition"] == 'attachment; filename="b-12-am-muhlgraben.gml"'
    assert b"Am M\xc3\xbchlgraben" in response.content
    zipped = client.get(f"/{town.slug}/plaene/{plan.uid}/xplan.zip")
    assert zipped.status_code == 200 and zipped.content.startswith(b"PK")
    assert client.get(f"/{town.slug}/plaene/{plan.uid}/xplan.exe").status_code == 404
    other = make_authority(slug="andere")
    assert client.get(f"/{other.slug}/plaene/{plan.uid}/xplan.gml").status_code == 404
    page = client.get(plan.get_absolute_url())
    assert url.encode() in page.content


def test_staff_download_of_unpublished_plans_of_their_authority(client, town, tmp_path):
    from portal.models import Role

    from ..factories import make_staff

    source = _write(tmp_path / "plan.zip", rich_archive())
    plan = Plan.objects.get(pk=import_xplan(source, authority=town)["plans"][0]["id"])
    url = f"/staff/xplan/plaene/{plan.uid}/xplan.zip"
    assert client.get(url).status_code == 302  # sign in first
    other = make_authority(slug="andere")
    client.force_login(make_staff(other, Role.ADMIN))
    assert client.get(url).status_code == 404
    client.force_login(make_staff(town, Role.VIEWER))
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"xplan.gml" in response.content
    # The plan page offers the export through its schema check, which links the downloads.
    staff_page = client.get(f"/staff/plaene/{plan.uid}/")
    check_url = f"/staff/xplan/plaene/{plan.uid}/export/"
    assert check_url.encode() in staff_page.content
    assert url.encode() in client.get(check_url).content
