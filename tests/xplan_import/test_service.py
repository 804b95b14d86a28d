"""import_xplan on documents the tests write: rows, layers, styles, procedure, documents,
portal checks, and all-or-nothing (no row and no stored file after a failure)."""

from datetime import date

import pytest
from django.contrib.gis.geos import GEOSGeometry

from gis.models import Feature, Layer, LayerKind
from planning.models import Plan, PlanDocument, PlanLayer, XPlanRecord
from planning.xplan_import import import_xplan
from planning.xplan_import.record import changed_facts, read_record
from portal.models import Phase, Procedure

from ..factories import make_authority
from .conftest import box, stored_files
from .documents import X0, Y0, rich_archive, rich_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=box(X0 - 1000, Y0 - 1000, X0 + 2000, Y0 + 2000))


@pytest.fixture
def write(tmp_path):
    def write_file(data: bytes, name: str = "plan.gml"):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write_file


def codes(report, key="warnings") -> list[str]:
    return [m["code"] for m in report[key]]


def nothing_stored(media_root) -> None:
    assert not Plan.objects.exists()
    assert not Procedure.objects.exists() and not Phase.objects.exists()
    assert not Layer.objects.exists() and not Feature.objects.exists()
    assert not PlanDocument.objects.exists() and not XPlanRecord.objects.exists()
    assert stored_files(media_root) == []


def test_archive_becomes_plan_documents_layers_and_scan(town, write, media_root):
    report = import_xplan(write(rich_archive(), "plan.zip"), authority=town)
    assert report["errors"] == [], report["errors"]
    (facts,) = report["plans"]
    plan = Plan.objects.get(pk=facts["id"])
    assert (plan.name, plan.number, plan.plan_class, plan.plan_art, plan.legal_status) == (
        "Am Mühlgraben", "B-12", "BP_Plan", ["1000"], "2000")
    assert plan.ags == "14612000" and plan.municipality_name == "Teststadt"
    assert plan.source_crs == "EPSG:25832" and plan.xplan_version == "6.0"
    assert plan.xplan_gml_id == "plan1" and not plan.is_published
    assert plan.area.equals_exact(box(X0, Y0, X0 + 100, Y0 + 100), tolerance=1e-6)
    assert plan.procedure.kind == "baugb_regular"

    # Documents: the PDF stored with checksum and size, the fake one and the URL as references.
    documents = {d.title: d for d in plan.documents.all()}
    begruendung = documents["Begründung"]
    assert begruendung.kind == "1010" and begruendung.file and begruendung.size > 0
    assert len(begruendung.sha256) == 64 and begruendung.file_name == "begruendung.pdf"
    assert documents["Satzung"].external_href == "fake.pdf" and not documents["Satzung"].file
    assert documents["Legende"].external_href == "https://example.org/plan/legende.pdf"
    assert "document_content_mismatch" in codes(report)

    # Layers: the scan first (raster, queued for the ingest), then areas, lines, points, texts.
    layers = [pl.layer for pl in PlanLayer.objects.filter(plan=plan).select_related("layer")]
    assert [(layer.kind, layer.name) for layer in layers] == [
        ("raster", "scan.png"),
        ("vector", "BP_BaugebietsTeilFlaeche"),
        ("vector", "BP_GruenFlaeche"),
        ("vector", "BP_UeberbaubareGrundstuecksFlaeche"),
        ("vector", "Lines (XPlanung)"),
        ("vector", "Points (XPlanung)"),
        ("vector", "Presentation objects (XPlanung)"),
    ]
    scan = layers[0]
    assert scan.status == "queued" and scan.source_srid == 25832 and scan.world_file
    assert all(layer.status == "done" and not layer.is_public for layer in layers[1:])

    areas = {f.external_id: f for f in Feature.objects.filter(layer=layers[1])}
    assert areas["bg1"].feature_class == "BP_BaugebietsTeilFlaeche"
    assert areas["bg1"].style_key == "1200" and areas["bg1"].label == "WA 1"  # from the XP_PTO
    assert areas["bg2"].style_key == "allg:3000" and areas["bg2"].label == "G"
    assert areas["bg1"].attributes["besondereArtDerBaulNutzung"] == "1200"
    assert areas["bg1"].geometry.srid == 25832
    style = layers[1].style
    assert style["attribute"] == "besondereArtDerBaulNutzung"
    assert style["values"]["1200"]["fillColor"] == "#f2a7a7"  # Wohnbau: red
    assert style["values"]["allg:3000"]["fillColor"] == "#b5b5b5"  # Gewerbe: grey
    assert layers[2].style["default"]["fillColor"] == "#a5d98f"  # Grün: green
    assert Feature.objects.get(layer=layers[2]).style_key == "1000"
    assert layers[3].style["default"]["fillOpacity"] == 0.0  # an overlay: outline only
    assert Feature.objects.get(layer=layers[4]).style_key == "BP_BauGrenze"
    assert PlanLayer.objects.get(layer=layers[6]).visible_by_default is False
    assert Feature.objects.get(layer=layers[6]).label == "WA 1"

    # The text section has no geometry: it lives in the record, with the plan's properties.
    content = read_record(plan.xplan_record.data)
    assert changed_facts(Plan.objects.get(pk=plan.pk), content.imported_facts) == set()
    assert [(i, f.gml_id) for i, f in content.objects_without_geometry] == [(7, "txt1")]
    assert content.plan.gml_id == "plan1" and [b.gml_id for b in content.bereiche] == ["b1"]
    assert content.geometry_properties["BP_HoehenMass"] == "position"

    # Stored files: the source, the document and the scan with its world file.
    assert len(stored_files(media_root)) == 4
    assert plan.source_file.name.startswith(f"private/plans/{town.pk}/{plan.uid}/")


def test_procedure_dates_become_phases_or_warnings(town, write):
    dates = (
        "<xplan:auslegungsStartDatum>2024-03-01</xplan:auslegungsStartDatum>"
        "<xplan:auslegungsStartDatum>2024-09-02</xplan:auslegungsStartDatum>"
        "<xplan:auslegungsEndDatum>2024-03-20</xplan:auslegungsEndDatum>"  # 20 days: refused
        "<xplan:auslegungsEndDatum>2024-09-15</xplan:auslegungsEndDatum>"  # §4a(3): shortened
        "<xplan:traegerbeteiligungsStartDatum>2024-03-01</xplan:traegerbeteiligungsStartDatum>"
        "<xplan:traegerbeteiligungsEndDatum>2024-04-05</xplan:traegerbeteiligungsEndDatum>"
    )
    report = import_xplan(write(rich_plan(dates=dates)), authority=town)
    assert report["errors"] == []
    plan = Plan.objects.get()
    phases = [(p.kind, p.start_date, p.end_date, p.timing_warnings_acknowledged)
              for p in plan.procedure.phases.order_by("start_date")]
    assert phases == [
        ("baugb_4_2", date(2024, 3, 1), date(2024, 4, 5), False),
        ("baugb_4a_3", date(2024, 9, 2), date(2024, 9, 15), True),
    ]
    skipped = [m for m in report["warnings"] if m["code"] == "phase_skipped"]
    assert len(skipped) == 1 and "01.03.2024–20.03.2024" in skipped[0]["message"]
    assert skipped[0]["gml_id"] == "plan1" and skipped[0]["line"]
    assert "phase_timing" in codes(report)


def test_dry_run_reports_the_same_and_writes_nothing(town, write, media_root):
    path = write(rich_archive(), "plan.zip")
    report = import_xplan(path, authority=town, dry_run=True)
    assert report["errors"] == [] and report["plans"][0]["id"] is None
    assert "document_content_mismatch" not in codes(report)  # found only when storing
    nothing_stored(media_root)


def test_ags_and_jurisdiction_of_another_authority_are_warnings(write):
    elsewhere = make_authority(name="Fernstadt", slug="fernstadt", ags="14521000",
                               jurisdiction=box(700_000, 5_600_000, 710_000, 5_610_000))
    report = import_xplan(write(rich_plan()), authority=elsewhere)
    assert report["errors"] == []
    by_code = {m["code"]: m for m in report["warnings"]}
    assert "14612000" in by_code["ags_mismatch"]["message"]
    outside = by_code["outside_jurisdiction"]
    assert "outside the jurisdiction of Fernstadt" in outside["message"]
    x, y = outside["coordinates"]
    assert X0 <= x <= X0 + 100 and Y0 <= y <= Y0 + 100 and outside["gml_id"] == "plan1"
    assert Plan.objects.get().ags == "14612000"


def test_district_accepts_the_keys_of_its_municipalities(write):
    district = make_authority(name="Landkreis", slug="landkreis", kind="district", ags="14612000",
                              jurisdiction=box(X0 - 1000, Y0 - 1000, X0 + 2000, Y0 + 2000))
    report = import_xplan(write(rich_plan(ags="14612345")), authority=district)
    assert "ags_mismatch" not in codes(report)


def test_invalid_ags_is_replaced_by_the_authoritys(town, write):
    report = import_xplan(write(rich_plan(ags="00000000")), authority=town)
    assert "ags_replaced" in codes(report)
    assert Plan.objects.get().ags == "14612000"


def test_unknown_codes_are_warnings(town, write):
    """Codes outside the 6.0 code lists violate the schema: the file is refused unless staff
    import it despite schema errors; then the portal's own findings name the codes."""
    path = write(rich_plan(plan_art="4711", besondere="7777"))
    refused = import_xplan(path, authority=town)
    schema = [e for e in refused["errors"] if e["code"] == "schema_error"]
    if schema:  # the 6.0 schema is available
        assert {e["gml_id"] for e in schema} == {"plan1", "bg1"}
        assert not Plan.objects.exists()
        report = import_xplan(path, authority=town, accept_schema_errors=True)
    else:  # without the schema (../shared absent) the first import went through already
        report = refused
    assert report["errors"] == []
    messages = [m["message"] for m in report["warnings"] if m["code"] == "unknown_code"]
    assert any("planArt 4711" in m for m in messages)
    assert any("besondereArtDerBaulNutzung = 7777" in m for m in messages)
    feature = Feature.objects.get(external_id="bg1")
    assert feature.style_key == "7777" and "7777" not in feature.layer.style["values"]


def test_plan_without_area_is_refused(town, write, media_root):
    from .documents import point

    gml = rich_plan(area=point(X0, Y0, "a1"))  # a point is no Geltungsbereich
    report = import_xplan(write(gml), authority=town)
    assert any(m["gml_id"] == "plan1" for m in report["errors"])
    assert report["plans"][0]["id"] is None
    nothing_stored(media_root)


def test_a_failure_while_writing_leaves_no_row_and_no_file(town, write, media_root, monkeypatch):
    from planning.xplan_import import service

    calls = []
    real = service.create_content_layer

    def failing(**kwargs):
        calls.append(kwargs["group"].name)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(service, "create_content_layer", failing)
    with pytest.raises(RuntimeError):
        import_xplan(write(rich_archive(), "plan.zip"), authority=town)
    assert len(calls) == 3
    nothing_stored(media_root)


def test_sandbox_limits_end_in_a_clear_refusal(town, write, media_root, settings):
    settings.PORTAL_XPLAN_SANDBOX_LIMITS = {"timeout_s": 1, "memory_mb": 64}
    report = import_xplan(write(rich_plan()), authority=town)
    (error,) = report["errors"]
    assert error["code"].startswith("sandbox_")
    assert "could not be processed within the limits" in error["message"]
    nothing_stored(media_root)


def test_reading_in_process_gives_the_same_result(town, write, settings):
    settings.PORTAL_XPLAN_READ_IN_SANDBOX = False
    report = import_xplan(write(rich_archive(), "plan.zip"), authority=town)
    assert report["errors"] == []
    assert Feature.objects.count() == 7 and Layer.objects.filter(kind=LayerKind.RASTER).count() == 1


def test_plans_of_several_in_one_file_are_imported_together(town, write):
    from tests.xplanung.builders import bp_plan, document, polygon, square

    gml = document(
        bp_plan("p1", "Nord", area=polygon(square(X0, Y0, 100), gml_id="a1")),
        bp_plan("p2", "Süd", area=polygon(square(X0, Y0 - 200, 100), gml_id="a2")),
    )
    report = import_xplan(write(gml), authority=town)
    assert [p["name"] for p in report["plans"]] == ["Nord", "Süd"]
    assert sorted(Plan.objects.values_list("name", flat=True)) == ["Nord", "Süd"]
    assert all(p["id"] for p in report["plans"])


def test_gauss_krueger_plan_is_stored_in_the_storage_srid(town, write):
    from tests.xplanung.builders import bp_plan, document, polygon, square

    # A plan near Dresden in DHDN / 3-degree Gauss-Krüger zone 5 (EPSG:31469).
    area = polygon(square(5_411_000, 5_655_000, 100), srs="EPSG:31469", gml_id="a1")
    report = import_xplan(write(document(bp_plan("p1", "GK", area=area))), authority=town)
    plan = Plan.objects.get()
    assert plan.source_crs == "EPSG:31469" and plan.area.srid == 25832
    assert plan.area.area == pytest.approx(report["plans"][0]["area_m2"], rel=0.005)
    expected = GEOSGeometry("POINT(5411050 5655050)", srid=31469).transform(25832, clone=True)
    assert plan.area.centroid.distance(expected) < 5
    assert "outside_jurisdiction" in codes(report)
