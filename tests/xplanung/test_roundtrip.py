"""read -> write_xplan_60 -> read keeps the facts of every sample (version becomes 6.0)."""

import io
import zipfile

import pytest
from lxml import etree

from planning.xplanung import (
    build_import_report,
    open_xplan,
    read_xplan,
    write_xplan_60,
    write_xplan_archive,
)
from planning.xplanung.migration_tables import class_in_60
from planning.xplanung.model import BEREICH_CLASSES, PLAN_CLASSES, RASTER_CLASSES

from .conftest import manifest_params

pytestmark = pytest.mark.shared_data
XSD_60 = "xplanung/xsd/6_0"
FACTS = (
    "class",
    "name",
    "number",
    "plan_art",
    "legal_status",
    "ags",
    "source_crs",
    "external_references",
)


def _content_counts(document) -> dict[str, int]:
    """Counts of content classes (6.0 names: the writer renames a few classes)."""
    skip = {*PLAN_CLASSES, *BEREICH_CLASSES, *RASTER_CLASSES}
    counts: dict[str, int] = {}
    for name, count in document.feature_counts.items():
        if name not in skip:
            name = class_in_60(name)
            counts[name] = counts.get(name, 0) + count
    return counts


def _reread(tmp_path, data: bytes, name="written.gml"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_xplan(path)


@pytest.mark.parametrize("entry", manifest_params())
def test_write_read_keeps_facts(entry, sample, tmp_path):
    if entry is None:
        pytest.skip("../shared/data is absent")
    with open_xplan(sample(entry)) as original:
        data = write_xplan_60(original)
        archive = write_xplan_archive(data, original.files) if original.files else None
    again = _reread(tmp_path, data)
    assert again.version == "6.0"
    assert again.namespace == "http://www.xplanung.de/xplangml/6/0"
    first, second = build_import_report(original), build_import_report(again)
    assert len(second["plans"]) == len(first["plans"])
    for before, after in zip(first["plans"], second["plans"], strict=True):
        for key in FACTS:
            assert after[key] == before[key], key
        assert after["bbox"] == pytest.approx(before["bbox"], abs=1e-9)
        assert after["area_m2"] == pytest.approx(before["area_m2"], rel=1e-9)
        assert after["bbox_wgs84"] == pytest.approx(before["bbox_wgs84"], abs=1e-9)
        assert [r["href"] for r in after["rasters"]] == [r["href"] for r in before["rasters"]]
    assert _content_counts(again) == _content_counts(original)
    assert [len(p.bereiche) for p in again.plans] == [len(p.bereiche) for p in original.plans]
    assert [len(p.objects) for p in again.plans] == [
        len([o for o in p.objects if o.xplan_class not in RASTER_CLASSES]) for p in original.plans
    ]
    assert not again.errors
    if archive is not None:
        packed = _reread(tmp_path, archive, "written.zip")
        assert build_import_report(packed)["plans"][0]["rasters"] == first["plans"][0]["rasters"]


@pytest.mark.parametrize("entry", manifest_params())
def test_objects_keep_attributes_and_geometry(entry, sample, tmp_path):
    if entry is None:
        pytest.skip("../shared/data is absent")
    original = read_xplan(sample(entry))
    again = _reread(tmp_path, write_xplan_60(original))
    written = {o.gml_id: o for o in again.objects}
    for feature in original.objects:
        if feature.xplan_class in RASTER_CLASSES:
            continue
        copy = written[feature.gml_id]
        assert copy.xplan_class == class_in_60(feature.xplan_class)
        if original.version == "6.0":
            assert copy.attributes == feature.attributes
            assert copy.property_order == feature.property_order
        if feature.geometry is not None:
            assert copy.geometry.equals_exact(feature.geometry, 1e-9)
            assert copy.geometry.srid == feature.geometry.srid


def _schema_orders(shared_data) -> dict[str, list[str]]:
    """Property order of each complex type in the bundled 6.0 XSD (own plus inherited)."""
    xs = "{http://www.w3.org/2001/XMLSchema}"
    types = {}
    for path in (shared_data.parent / XSD_60).glob("*.xsd"):
        for complex_type in etree.parse(str(path)).iter(xs + "complexType"):
            extension = complex_type.find(f".//{xs}extension")
            base = extension.get("base", "").split(":")[-1] if extension is not None else None
            own = [e.get("name") for e in complex_type.iter(xs + "element") if e.get("name")]
            types[complex_type.get("name")] = (base, own)

    def order(name):
        base, own = types.get(name, (None, []))
        return (order(base) if base in types else []) + own

    return {name[: -len("Type")]: order(name) for name in types if name.endswith("Type")}


def test_written_plans_follow_the_60_schema_order(shared_data, tmp_path):
    if not (shared_data.parent / XSD_60).is_dir():
        pytest.skip("the bundled XPlanung 6.0 schemas are absent")
    orders = _schema_orders(shared_data)
    for name in (
        "xplanbox__BPlan002_5-4__bp54.gml",
        "xplanbox__Eidelstedt_4_V4__bp41.gml",
        "sagisxplanung__bp_plan1_Wustermark__bp53.gml",
        "xplanbox__FNP_Test_60__fp60_archive.zip",
    ):
        root = etree.fromstring(write_xplan_60(read_xplan(shared_data / "xplan" / name)))
        for member in root:
            feature = member[0] if len(member) else None
            if feature is None:
                continue
            local = etree.QName(feature).localname
            if not local.endswith(("_Plan", "_Bereich")):
                continue
            names = [etree.QName(child).localname for child in feature]
            positions = [orders[local].index(n) for n in names]
            assert positions == sorted(positions), (name, local, names)


def test_written_archive_is_an_xplanarchiv(shared_data, tmp_path):
    path = shared_data / "xplan" / "xplanbox__Osdorf48_Test_60__bp60_archive_with_png_pgw.zip"
    with open_xplan(path) as document:
        data = write_xplan_archive(write_xplan_60(document), document.files)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["Osdorf48.pgw", "Osdorf48.png", "xplan.gml"]
