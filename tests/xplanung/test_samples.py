"""Every genuine sample file in ../shared/data/xplan must reproduce the facts of MANIFEST.json."""

import json
import time

import pytest

from planning.xplanung import Code, build_import_report, read_xplan

from .conftest import manifest_params

pytestmark = pytest.mark.shared_data

#: srsName in the manifest -> the CRS label the report must give.
EXPECTED_CRS = {
    "EPSG:25832": "EPSG:25832",
    "EPSG:25833": "EPSG:25833",
    "urn:adv:crs:ETRS89_UTM32": "EPSG:25832",
}
#: Manifest date attributes -> ProcedureDates field (single dates).
DATE_FIELDS = {
    "aufstellungsbeschlussDatum": "aufstellungsbeschluss",
    "satzungsbeschlussDatum": "satzungsbeschluss",
    "rechtsverordnungsDatum": "rechtsverordnung",
    "inkrafttretensDatum": "inkrafttretens",
    "ausfertigungsDatum": "ausfertigung",
    "aenderungenBisDatum": "aenderungen_bis",
    "technHerstellDatum": "techn_herstell",
}


def _read(entry, sample):
    return read_xplan(sample(entry))


def _skip_without(entry):
    if entry is None:
        pytest.skip("../shared/data is absent")


@pytest.mark.parametrize("entry", manifest_params())
def test_version_and_feature_counts(entry, sample):
    _skip_without(entry)
    document = _read(entry, sample)
    assert document.version == entry["xplan_version"]
    assert document.namespace == entry["xplan_namespace"]
    assert document.root == entry["root"]
    assert document.feature_counts == entry["feature_types"]
    assert sum(document.feature_counts.values()) == entry["feature_count"]


@pytest.mark.parametrize("entry", manifest_params())
def test_plan_facts_match_manifest(entry, sample):
    _skip_without(entry)
    document = _read(entry, sample)
    report = build_import_report(document)
    json.dumps(report)  # the report is JSON as it is
    assert report["file"] == entry["file"]
    assert report["xplan_version"] == entry["xplan_version"]
    assert len(report["plans"]) == len(entry["plans"])
    for facts, expected, plan in zip(report["plans"], entry["plans"], document.plans, strict=True):
        area = expected["geltungsbereich"]
        assert facts["class"] == expected["type"]
        assert plan.gml_id == expected["gml_id"]
        assert facts["name"] == expected["name"]
        assert facts["number"] == expected.get("nummer")
        assert facts["plan_art"] == [expected["planArt"]]
        assert facts["legal_status"] == expected.get("rechtsstand")
        gemeinden = [g for g in expected["gemeinde_plangeber"] if g["type"] == "XP_Gemeinde"]
        assert facts["ags"] == gemeinden[0]["ags"]
        assert facts["source_crs"] == EXPECTED_CRS[area["srsName"]]
        tolerance = 0.5 if area["has_arcs"] else 0.01
        assert facts["bbox"] == pytest.approx(area["bbox_from_vertices"], abs=tolerance)
        assert facts["area_m2"] == pytest.approx(area["area_m2_linear_approx"], rel=0.005)
        assert facts["bbox_wgs84"] == pytest.approx(area["bbox_wgs84_lonlat_approx"], abs=1e-5)
        expected_refs = [
            {"type": ref.get("typ"), "href": ref.get("referenzURL")}
            for ref in expected["externe_referenzen"]
        ]
        assert facts["external_references"] == expected_refs
        assert plan.has_arcs == area["has_arcs"]
        assert len(plan.area) == area["n_polygons"]
        for attribute, field in DATE_FIELDS.items():
            value = getattr(plan.dates, field)
            assert (value.isoformat() if value else None) == expected.get(attribute), attribute
        for attribute in ("auslegungsStartDatum", "auslegungsEndDatum"):
            values = getattr(
                plan.dates, "auslegung_start" if "Start" in attribute else "auslegung_end"
            )
            assert [d.isoformat() for d in values] == (
                [expected[attribute]] if attribute in expected else []
            )
        if "sonstPlanArt" in expected:
            assert plan.sonst_plan_art == Code(
                expected["sonstPlanArt"], expected["codeSpaces"]["sonstPlanArt"]
            )
        if "verfahren" in expected:
            assert plan.procedure == expected["verfahren"]


@pytest.mark.parametrize("entry", manifest_params())
def test_bereiche_and_links(entry, sample):
    _skip_without(entry)
    document = _read(entry, sample)
    assert [b.gml_id for b in document.bereiche] == [b["gml_id"] for b in entry["bereiche"]]
    for bereich, expected in zip(document.bereiche, entry["bereiche"], strict=True):
        assert bereich.xplan_class == expected["type"]
        assert bereich.number == expected["nummer"]
        assert bereich.name == expected["name"]
        assert "#" + bereich.plan_id == expected["gehoertZuPlan"]
        assert [(r.href, r.georef_url) for r in bereich.rasters] == [
            (r["referenzURL"], r.get("georefURL")) for r in expected["refScan"]
        ]
        if "geltungsbereich_bbox" in expected:
            assert list(bereich.geometry.extent) == pytest.approx(
                expected["geltungsbereich_bbox"], abs=0.5
            )
    plans = {plan.gml_id: plan for plan in document.plans}
    for plan in entry["plans"]:
        linked = [b.gml_id for b in plans[plan["gml_id"]].bereiche]
        assert ["#" + i for i in linked] == plan["bereich_refs"]
    # Every object of the file belongs to its plan (the samples have no stray objects).
    content = sum(entry["feature_types"].values()) - len(entry["plans"]) - len(entry["bereiche"])
    assert sum(len(plan.objects) for plan in document.plans) == content
    assert not document.errors, document.errors


def test_landuse_attributes_keep_codes(shared_data):
    document = read_xplan(shared_data / "xplan" / "xplanbox__BPlan002_5-4__bp54.gml")
    areas = [o for o in document.objects if o.xplan_class == "BP_BaugebietsTeilFlaeche"]
    assert areas and all(
        a.geometry is not None and a.geometry.geom_type in ("Polygon", "MultiPolygon")
        for a in areas
    )
    json.dumps([a.attributes for a in areas])
    plan = document.plans[0]
    assert plan.attributes["sonstPlanArt"] == {
        "value": "9999_4",
        "codeSpace": "https://registry.gdi-de.org/codelist/de.xleitstelle.xplanung/BP_SonstPlanArt",
    }
    assert {o.bereich_ids[0] for o in areas} == {document.bereiche[0].gml_id}


def test_rasters_in_archive_are_georeferenced(shared_data):
    with_scan = shared_data / "xplan" / "xplanbox__Osdorf48_Test_60__bp60_archive_with_png_pgw.zip"
    document = read_xplan(with_scan)
    (raster,) = document.plans[0].rasters
    assert (raster.href, raster.file_name, raster.world_file) == (
        "Osdorf48.png",
        "Osdorf48.png",
        "Osdorf48.pgw",
    )
    assert raster.georeferenced is True
    assert raster.world_file_parameters == pytest.approx(
        (0.08550662676357, 0, 0, -0.08550662676357, 557208.90647883678321, 5937055.22886610776186)
    )
    report = build_import_report(document)
    assert report["plans"][0]["rasters"] == [{"href": "Osdorf48.png", "georeferenced": True}]


def test_loose_gml_scan_needs_its_files(shared_data):
    path = shared_data / "xplan" / "xplanbox__Blankenese29_Testplan__bp60.gml"
    alone = read_xplan(path)
    assert [r.georeferenced for r in alone.plans[0].rasters] == [False]
    assert "raster_file_missing" in {m.code for m in alone.warnings}
    beside = read_xplan(path, resource_dir=shared_data / "xplan")
    (raster,) = beside.plans[0].rasters
    assert raster.georeferenced and raster.world_file == "Blankenese29.pgw"


def test_open_xplan_keeps_archive_files_until_the_block_ends(shared_data):
    from planning.xplanung import open_xplan

    path = shared_data / "xplan" / "xplanbox__Osdorf48_Test_60__bp60_archive_with_png_pgw.zip"
    with open_xplan(path) as document:
        files = dict(document.files)
        assert sorted(files) == ["Osdorf48.pgw", "Osdorf48.png"]
        assert all(p.is_file() for p in files.values())
    assert not any(p.exists() for p in files.values())


def test_version_header_mismatch_is_a_warning(shared_data):
    document = read_xplan(shared_data / "xplan" / "xplanbox__Eidelstedt_4_V4__bp41.gml")
    assert document.version == "4.1"
    assert [m.code for m in document.warnings if m.code == "version_mismatch"] == [
        "version_mismatch"
    ]


def test_large_archive_reads_quickly(shared_data):
    start = time.perf_counter()
    document = read_xplan(shared_data / "xplan" / "xplanbox__FNP_Test_60__fp60_archive.zip")
    elapsed = time.perf_counter() - start
    assert sum(document.feature_counts.values()) == 1031
    assert elapsed < 3.0, f"reading the FNP archive took {elapsed:.2f} s"
