"""The XPlanGML 6.0 writer and the XPlanArchiv writer on documents the tests build."""

import datetime
import io
import zipfile

import pytest
from lxml import etree

from gis.errors import InputError
from planning.xplanung import (
    Municipality,
    build_import_report,
    read_xplan,
    write_xplan_60,
    write_xplan_archive,
)

from .builders import bereich, bp_plan, content, document, polygon, square

X0, Y0 = 400000.0, 5650000.0
XPLAN = "{http://www.xplanung.de/xplangml/6/0}"
GML = "{http://www.opengis.net/gml/3.2}"


def two_plans(write_file, version="6/0", extra=""):
    return read_xplan(
        write_file(
            document(
                bp_plan(
                    "p1",
                    "Erster",
                    bereiche=("b1",),
                    extra=extra,
                    area=polygon(square(X0, Y0, 100), gml_id="g1"),
                ),
                bp_plan(
                    "p2",
                    "Zweiter",
                    bereiche=("b2",),
                    area=polygon(square(X0 + 500, Y0, 50), gml_id="g2"),
                ),
                bereich("b1", "p1"),
                bereich("b2", "p2"),
                content(
                    "o1",
                    "b1",
                    polygon(square(X0, Y0, 10), gml_id="g3"),
                    extra="<xplan:GRZ>0.4</xplan:GRZ>",
                ),
                content("o2", "b2", polygon(square(X0 + 500, Y0, 10), gml_id="g4")),
                version=version,
            )
        )
    )


def reread(write_file, data: bytes):
    return read_xplan(write_file(data, "written.gml"))


def test_output_is_xplangml_60_with_gml_32(write_file):
    data = write_xplan_60(two_plans(write_file))
    root = etree.fromstring(data)
    assert root.tag == XPLAN + "XPlanAuszug"
    assert root.get(GML + "id")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    geometries = [
        e
        for e in root.iter()
        if isinstance(e.tag, str)
        and e.tag.startswith(GML)
        and etree.QName(e).localname in ("Polygon", "MultiSurface", "Point")
    ]
    assert geometries and all(e.get(GML + "id") for e in geometries)
    ids = [e.get(GML + "id") for e in root.iter() if isinstance(e.tag, str) and e.get(GML + "id")]
    assert len(ids) == len(set(ids))
    envelope = root.find(f"{GML}boundedBy/{GML}Envelope")
    assert envelope.get("srsName") == "EPSG:25832"
    assert envelope.findtext(f"{GML}lowerCorner") == f"{X0!r} {Y0!r}"


def test_one_plan_or_a_list_of_plans(write_file):
    document_ = two_plans(write_file)
    second = reread(write_file, write_xplan_60(document_.plans[1]))
    assert [p.name for p in second.plans] == ["Zweiter"]
    assert [o.gml_id for o in second.objects] == ["o2"]
    both = reread(write_file, write_xplan_60(document_.plans))
    assert both.feature_counts == document_.feature_counts
    assert both.objects[0].attributes["GRZ"] == "0.4"


def test_typed_facts_win_over_raw_attributes(write_file):
    source = two_plans(write_file)
    plan = source.plans[0]
    plan.name = "Neuer Name"
    plan.number = "B 12"
    plan.legal_status = "2400"
    plan.dates.auslegung_start = [datetime.date(2025, 3, 3)]
    plan.dates.auslegung_end = [datetime.date(2025, 4, 4)]
    plan.municipalities = [Municipality(ags="14612000", name="Dresden")]
    again = reread(write_file, write_xplan_60(plan)).plans[0]
    assert (again.name, again.number, again.legal_status, again.ags) == (
        "Neuer Name",
        "B 12",
        "2400",
        "14612000",
    )
    assert again.dates.auslegung_start == [datetime.date(2025, 3, 3)]
    assert again.municipalities[0].name == "Dresden"


def test_older_versions_are_converted(write_file):
    reference = (
        "<xplan:refBegruendung><xplan:XP_ExterneReferenz><xplan:referenzName>Begründung"
        "</xplan:referenzName><xplan:referenzURL>b.pdf</xplan:referenzURL>"
        "</xplan:XP_ExterneReferenz></xplan:refBegruendung>"
        "<xplan:wurdeGeaendertVon><xplan:XP_VerbundenerPlan><xplan:planName>Alt</xplan:planName>"
        "<xplan:rechtscharakter>1100</xplan:rechtscharakter></xplan:XP_VerbundenerPlan>"
        "</xplan:wurdeGeaendertVon><xplan:verfahren>3000</xplan:verfahren>"
        "<xplan:xPlanGMLVersion>4.1</xplan:xPlanGMLVersion>"
    )
    source = two_plans(write_file, version="4/1", extra=reference)
    messages = []
    data = write_xplan_60(source, messages=messages)
    again = reread(write_file, data)
    plan = again.plans[0]
    assert again.version == "6.0"
    assert [(r.type, r.href) for r in plan.external_references] == [("1010", "b.pdf")]
    assert plan.attributes["wurdeGeaendertVonPlan"] == {
        "_type": "XP_VerbundenerPlan",
        "planName": "Alt",
        "aenderungsArt": "10001",  # 4.x 1100 Ergänzung: "existing content kept, new added"
    }
    assert plan.procedure == "3000" and again.bereiche[0].attributes["verfahren"] == "3000"
    assert "xPlanGMLVersion" not in plan.attributes
    assert not again.errors


def test_raster_features_become_refscan(write_file):
    scan = (
        "<xplan:refScan><xplan:XP_ExterneReferenz><xplan:georefURL>s.pgw</xplan:georefURL>"
        "<xplan:referenzURL>s.png</xplan:referenzURL></xplan:XP_ExterneReferenz></xplan:refScan>"
    )
    source = read_xplan(
        write_file(
            document(
                bp_plan(bereiche=("b1",)),
                bereich("b1", "plan1", extra='<xplan:rasterBasis xlink:href="#r1"/>'),
                f'<gml:featureMember><xplan:XP_Rasterdarstellung gml:id="r1">{scan}'
                "</xplan:XP_Rasterdarstellung></gml:featureMember>",
                version="5/4",
            )
        )
    )
    again = reread(write_file, write_xplan_60(source))
    assert "XP_Rasterdarstellung" not in again.feature_counts
    (raster,) = again.plans[0].rasters
    assert (raster.href, raster.georef_url, raster.name, raster.source) == (
        "s.png",
        "s.pgw",
        "s.png",
        "refScan",
    )


def _removed_class_source(write_file):
    return read_xplan(
        write_file(
            document(
                bp_plan(bereiche=("b1",)),
                bereich("b1", "plan1"),
                content(
                    "o1",
                    "b1",
                    polygon(square(X0, Y0, 10), gml_id="g"),
                    cls="BP_StrassenVerkehrsFlaeche",
                ),
                version="5/4",
            )
        )
    )


def test_classes_removed_in_60_are_written_as_their_successor(write_file, schema_60):
    messages = []
    data = write_xplan_60(_removed_class_source(write_file), messages=messages)
    again = reread(write_file, data)
    assert again.feature_counts["SO_Strassenverkehr"] == 1
    assert "BP_StrassenVerkehrsFlaeche" not in again.feature_counts
    migrated = [m for m in messages if m.code == "class_migrated"]
    assert [m.gml_id for m in migrated] == ["o1"]
    assert "SO_Strassenverkehr" in migrated[0].message


def test_without_the_schema_removed_classes_are_written_with_a_warning(write_file, no_schema):
    messages = []
    again = reread(write_file, write_xplan_60(_removed_class_source(write_file), messages=messages))
    assert again.feature_counts["BP_StrassenVerkehrsFlaeche"] == 1
    assert [m.code for m in messages] == ["class_not_in_60"]


def test_invalid_geometries_are_left_out_not_written_broken(write_file):
    bowtie = [(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10), (X0, Y0)]
    source = read_xplan(
        write_file(
            document(
                bp_plan(bereiche=("b1",)),
                bereich("b1", "plan1"),
                content("o1", "b1", polygon(bowtie)),
            )
        )
    )
    again = reread(write_file, write_xplan_60(source))
    assert again.objects[0].geometry is None and not again.errors


def test_archive_writer(write_file, tmp_path):
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"png")
    data = write_xplan_archive(b"<x/>", {"scan.png": scan, "scan.pgw": b"1\n0\n0\n-1\n0\n0\n"})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["xplan.gml", "scan.pgw", "scan.png"]
        assert archive.read("scan.png") == b"png"
    assert write_xplan_archive(b"<x/>", {"a.pdf": b"1"}) == write_xplan_archive(
        b"<x/>", {"a.pdf": b"1"}
    )


@pytest.mark.parametrize(
    "name", ["../x.png", "/abs.png", "a\\b.png", "x.exe", "XPLAN.GML", "dir//x.png", "a\nb.png"]
)
def test_archive_writer_refuses_bad_names(name):
    with pytest.raises(InputError):
        write_xplan_archive(b"<x/>", {name: b"1"})


def test_written_document_reports_like_the_source(write_file):
    source = two_plans(write_file)
    again = reread(write_file, write_xplan_60(source))
    first, second = build_import_report(source), build_import_report(again)
    for key in ("feature_counts", "errors"):
        assert first[key] == second[key]
    for before, after in zip(first["plans"], second["plans"], strict=True):
        assert before == after


def test_foreign_content_and_nested_geometries_survive(write_file, no_schema):
    """Without the 6.0 schema the writer keeps every property as read (with the schema,
    properties the class does not have are left out: test_schema_conformance.py)."""
    extra = (
        '<xplan:zeitraum><gml:TimeInstant gml:id="ti"><gml:timePosition>2024-01-01'
        "</gml:timePosition></gml:TimeInstant></xplan:zeitraum>"
        "<xplan:hinweis><xplan:XP_Hinweis><xplan:lage>"
        f'<gml:Point gml:id="pt" srsName="EPSG:25832"><gml:pos>{X0} {Y0}</gml:pos></gml:Point>'
        "</xplan:lage></xplan:XP_Hinweis></xplan:hinweis>"
        '<xplan:GFZ uom="1">1.2</xplan:GFZ><xplan:notiz xsi:nil="true" nilReason="unknown"/>'
    )
    source = read_xplan(
        write_file(
            document(
                bp_plan(bereiche=("b1",)),
                bereich("b1", "plan1"),
                content("o1", "b1", polygon(square(X0, Y0, 10), gml_id="g"), extra=extra),
            )
        )
    )
    attributes = source.objects[0].attributes
    assert attributes["zeitraum"]["_xml"].startswith("<gml:TimeInstant")
    assert attributes["hinweis"]["lage"] == {"_wkt": f"POINT ({X0:.0f} {Y0:.0f})", "_srid": 25832}
    assert attributes["GFZ"] == {"value": "1.2", "uom": "1"}
    assert attributes["notiz"] == {"_nil": True, "nilReason": "unknown"}
    again = reread(write_file, write_xplan_60(source))
    assert again.objects[0].attributes == attributes
