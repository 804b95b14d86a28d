"""Every genuine sample imports through the command; report and rows match MANIFEST.json.

Tolerances as in ../shared/data/README.md: bbox ±0.01 m (±0.5 m where arcs are linearised),
area ±0.5 %, WGS84 bbox ±1e-5°. Skipped cleanly without ../shared.
"""

import io
import json
from collections import Counter

import pytest
from django.core.management import call_command

from gis.models import Feature, Layer, LayerKind
from planning.models import Plan, XPlanRecord
from planning.xplan_import.record import read_record

from .conftest import manifest_params

pytestmark = [pytest.mark.shared_data, pytest.mark.django_db]

EXPECTED_CRS = {
    "EPSG:25832": "EPSG:25832",
    "EPSG:25833": "EPSG:25833",
    "urn:adv:crs:ETRS89_UTM32": "EPSG:25832",
}
PLAN_AND_BEREICH = ("_Plan", "_Bereich")


def run_import(path, slug, *extra) -> dict:
    out = io.StringIO()
    call_command("import_xplan", str(path), "--authority", slug, "--json", *extra, stdout=out)
    text = out.getvalue()
    report = json.loads(text)  # exactly one JSON object: json.loads refuses trailing data
    assert text.strip().startswith("{") and text.count("\n") <= 1
    return report


def content_counts(entry: dict) -> Counter:
    return Counter({cls: n for cls, n in entry["feature_types"].items()
                    if not cls.endswith(PLAN_AND_BEREICH)})


@pytest.mark.parametrize("entry", manifest_params())
def test_sample_imports_with_the_manifest_facts(entry, sample, everywhere):
    if entry is None:
        pytest.skip("../shared/data is absent")
    report = run_import(sample(entry["file"]), everywhere.slug)
    assert report["errors"] == []
    assert report["file"] == entry["file"]
    assert report["xplan_version"] == entry["xplan_version"]
    assert report["feature_counts"] == entry["feature_types"]
    assert set(report) == {"file", "xplan_version", "feature_counts", "plans", "warnings",
                           "errors"}
    assert len(report["plans"]) == len(entry["plans"])
    for facts, expected in zip(report["plans"], entry["plans"], strict=True):
        area = expected["geltungsbereich"]
        assert {"id", "class", "name", "number", "plan_art", "legal_status", "ags", "source_crs",
                "bbox", "bbox_wgs84", "area_m2", "external_references", "rasters"} <= set(facts)
        assert facts["class"] == expected["type"]
        assert facts["name"] == expected["name"]
        assert facts["number"] == expected.get("nummer")
        assert facts["plan_art"] == [expected["planArt"]]
        assert facts["legal_status"] == expected.get("rechtsstand")
        gemeinde = next(g for g in expected["gemeinde_plangeber"] if g["type"] == "XP_Gemeinde")
        assert facts["ags"] == gemeinde["ags"]
        assert facts["source_crs"] == EXPECTED_CRS[area["srsName"]]
        tolerance = 0.5 if area["has_arcs"] else 0.01
        assert facts["bbox"] == pytest.approx(area["bbox_from_vertices"], abs=tolerance)
        assert facts["bbox_wgs84"] == pytest.approx(area["bbox_wgs84_lonlat_approx"], abs=1e-5)
        assert facts["area_m2"] == pytest.approx(area["area_m2_linear_approx"], rel=0.005)
        assert facts["external_references"] == [
            {"type": ref.get("typ"), "href": ref.get("referenzURL")}
            for ref in expected["externe_referenzen"]
        ]

        # The rows: one plan per manifest plan, its area in the storage SRID, its objects.
        plan = Plan.objects.get(pk=facts["id"])
        assert str(plan.uid) == facts["uid"]
        assert plan.authority == everywhere
        assert plan.plan_class == expected["type"] and plan.name == expected["name"]
        assert plan.xplan_gml_id == expected["gml_id"]
        assert plan.xplan_version == entry["xplan_version"]
        assert plan.source_crs == facts["source_crs"]
        assert plan.area.srid == 25832
        assert plan.area.area == pytest.approx(area["area_m2_linear_approx"], rel=0.005)
        assert plan.source_file and plan.source_file.size == entry["bytes"]
        assert plan.procedure is not None and plan.procedure.kind.startswith("baugb_")
    assert Plan.objects.count() == len(entry["plans"])

    rows = Counter(Feature.objects.filter(layer__kind=LayerKind.VECTOR)
                   .values_list("feature_class", flat=True))
    without_geometry = Counter(
        feature.xplan_class
        for record in XPlanRecord.objects.all()
        for _index, feature in read_record(record.data).objects_without_geometry
    )
    assert rows + without_geometry == content_counts(entry)
    for layer in Layer.objects.filter(kind=LayerKind.VECTOR):
        assert layer.feature_count == layer.features.count() > 0
        assert layer.extent is not None and layer.status == "done"


def test_dry_run_validates_and_writes_nothing(sample, everywhere, media_root):
    from .conftest import stored_files

    report = run_import(sample("xplanbox__Osdorf48_Test_60__bp60_archive_with_png_pgw.zip"),
                        everywhere.slug, "--dry-run")
    assert report["errors"] == [] and report["plans"][0]["id"] is None
    assert report["plans"][0]["rasters"] == [{"href": "Osdorf48.png", "georeferenced": True}]
    assert not Plan.objects.exists() and not Layer.objects.exists()
    assert stored_files(media_root) == []


def test_loose_gml_with_its_scan_beside_it(sample, everywhere, shared_data):
    report = run_import(sample("xplanbox__Blankenese29_Testplan__bp60.gml"), everywhere.slug,
                        "--resource-dir", str(shared_data / "xplan"))
    assert report["errors"] == []
    assert report["plans"][0]["rasters"] == [{"href": "Blankenese29.png", "georeferenced": True}]
    plan = Plan.objects.get()
    raster = Layer.objects.get(plan_link__plan=plan, kind=LayerKind.RASTER)
    assert raster.source_name == "Blankenese29.png" and raster.source_srid == 25832
    assert raster.world_file and raster.status == "queued"


def test_human_readable_output(sample, everywhere):
    out = io.StringIO()
    call_command("import_xplan", str(sample("xplanbox__BPlan001_6-0__bp60.gml")),
                 "--authority", everywhere.slug, stdout=out)
    text = out.getvalue()
    assert "BP_Plan" in text and "1 plan(s) imported." in text
