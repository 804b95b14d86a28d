"""Versions, roots, several plans and the plan facts that differ between XPlanGML versions."""

import io
import zipfile

import pytest

from gis.errors import InputError
from planning.xplanung import XPlanReadError, build_import_report, read_xplan

from .builders import GML_NS, XLINK_NS, bereich, bp_plan, content, document, polygon, square

X0, Y0 = 400000.0, 5650000.0


def read(write_file, *members, **kwargs):
    return read_xplan(write_file(document(*members, **kwargs)))


def test_several_plans_in_one_file(write_file):
    doc = read(
        write_file,
        bp_plan(
            "p1", "Erster Plan", bereiche=("b1",), area=polygon(square(X0, Y0, 100), gml_id="g1")
        ),
        bp_plan(
            "p2",
            "Zweiter Plan",
            bereiche=("b2",),
            ags="4011000",
            area=polygon(square(X0 + 500, Y0, 50), gml_id="g2"),
        ),
        bereich("b1", "p1"),
        bereich("b2", "p2"),
        content("o1", "b1", polygon(square(X0, Y0, 10), gml_id="g3")),
        content("o2", "b2", polygon(square(X0 + 500, Y0, 10), gml_id="g4")),
        content("o3", "b2", polygon(square(X0 + 520, Y0, 10), gml_id="g5")),
    )
    assert [p.name for p in doc.plans] == ["Erster Plan", "Zweiter Plan"]
    assert [[o.gml_id for o in p.objects] for p in doc.plans] == [["o1"], ["o2", "o3"]]
    assert [[b.gml_id for b in p.bereiche] for p in doc.plans] == [["b1"], ["b2"]]
    report = build_import_report(doc)
    assert [p["area_m2"] for p in report["plans"]] == pytest.approx([10_000, 2_500])
    assert report["plans"][1]["ags"] == "04011000"  # leading zero restored
    assert "ags_normalised" in [w["code"] for w in report["warnings"]]
    assert report["feature_counts"] == {
        "BP_BaugebietsTeilFlaeche": 3,
        "BP_Bereich": 2,
        "BP_Plan": 2,
    }


@pytest.mark.parametrize("namespace", ["7/0", "3/0", "6/9", "5/5"])
def test_unknown_version_namespace_is_not_supported(namespace, write_file):
    with pytest.raises(InputError) as caught:
        read(write_file, bp_plan(), version=namespace)
    assert "version not supported" in str(caught.value)
    assert namespace.replace("/", "/") in str(caught.value)


@pytest.mark.parametrize("version", ["4/0", "4/1", "5/0", "5/1", "5/2", "5/3", "5/4", "6/0"])
def test_supported_versions(version, write_file):
    doc = read(write_file, bp_plan(), version=version)
    assert doc.version == version.replace("/", ".")
    assert doc.plans[0].name == "Testplan"


def test_header_disagreeing_with_the_namespace_is_a_warning(write_file):
    doc = read(
        write_file,
        bp_plan(extra="<xplan:xPlanGMLVersion>5.1</xplan:xPlanGMLVersion>"),
        root_attrs=(
            'xsi:schemaLocation="http://www.xplanung.de/xplangml/6/0 '
            'https://repository.gdi-de.org/schemas/de.xleitstelle.xplanung/5.4/XPlanung-Operationen.xsd"'
        ),
    )
    assert doc.version == "6.0"
    mismatches = [m.message for m in doc.warnings if m.code == "version_mismatch"]
    assert len(mismatches) == 2
    assert any("5.4" in m for m in mismatches) and any("5.1" in m for m in mismatches)


def test_mixed_versions_are_refused(write_file):
    other = (
        bp_plan("p2")
        .replace("<xplan:", "<x5:")
        .replace("</xplan:", "</x5:")
        .replace(
            "<gml:featureMember>",
            '<gml:featureMember xmlns:x5="http://www.xplanung.de/xplangml/5/4">',
        )
    )
    with pytest.raises(XPlanReadError) as caught:
        read(write_file, bp_plan(), other)
    assert caught.value.code == "mixed_versions"


def _wfs(members: str, wfs_ns: str) -> bytes:
    return (
        f'<?xml version="1.0"?><wfs:FeatureCollection xmlns:wfs="{wfs_ns}" xmlns:gml="{GML_NS}" '
        f'xmlns:xlink="{XLINK_NS}" xmlns:xplan="http://www.xplanung.de/xplangml/5/4">'
        f"{members}</wfs:FeatureCollection>"
    ).encode()


def test_wfs_feature_collections(write_file):
    plan = bp_plan().replace("<gml:featureMember>", "").replace("</gml:featureMember>", "")
    wfs2 = _wfs(f"<wfs:member>{plan}</wfs:member>", "http://www.opengis.net/wfs/2.0")
    doc = read_xplan(write_file(wfs2))
    assert (doc.root, doc.version, doc.plans[0].name) == ("FeatureCollection", "5.4", "Testplan")
    nested = _wfs(
        "<wfs:member><wfs:FeatureCollection>"
        f"<wfs:member>{plan}</wfs:member></wfs:FeatureCollection></wfs:member>",
        "http://www.opengis.net/wfs/2.0",
    )
    assert read_xplan(write_file(nested)).feature_counts == {"BP_Plan": 1}
    gml_members = _wfs(
        f"<gml:featureMembers>{plan}{plan.replace('plan1', 'plan2')}</gml:featureMembers>",
        "http://www.opengis.net/wfs",
    )
    assert len(read_xplan(write_file(gml_members)).plans) == 2


def test_collection_without_xplan_features(write_file):
    with pytest.raises(XPlanReadError) as caught:
        read_xplan(write_file(_wfs("", "http://www.opengis.net/wfs/2.0")))
    assert caught.value.code == "no_features"


def test_procedure_dates_and_repeated_rounds(write_file):
    extra = (
        "<xplan:aufstellungsbeschlussDatum>2023-01-10</xplan:aufstellungsbeschlussDatum>"
        "<xplan:auslegungsStartDatum>2023-05-02</xplan:auslegungsStartDatum>"
        "<xplan:auslegungsStartDatum>2023-09-01</xplan:auslegungsStartDatum>"
        "<xplan:auslegungsEndDatum>2023-06-05</xplan:auslegungsEndDatum>"
        "<xplan:auslegungsEndDatum>2023-10-02</xplan:auslegungsEndDatum>"
        "<xplan:traegerbeteiligungsStartDatum>2023-05-02</xplan:traegerbeteiligungsStartDatum>"
        "<xplan:traegerbeteiligungsEndDatum>2023-06-05</xplan:traegerbeteiligungsEndDatum>"
        "<xplan:satzungsbeschlussDatum>2024-02-01</xplan:satzungsbeschlussDatum>"
        "<xplan:inkrafttretensDatum>2024-03-15+01:00</xplan:inkrafttretensDatum>"
        "<xplan:rechtsverordnungsDatum>2024-13-01</xplan:rechtsverordnungsDatum>"
    )
    doc = read(write_file, bp_plan(extra=extra))
    dates = doc.plans[0].dates
    assert [d.isoformat() for d in dates.auslegung_start] == ["2023-05-02", "2023-09-01"]
    assert [d.isoformat() for d in dates.auslegung_end] == ["2023-06-05", "2023-10-02"]
    assert dates.aufstellungsbeschluss.isoformat() == "2023-01-10"
    assert dates.traegerbeteiligung_end[0].isoformat() == "2023-06-05"
    assert dates.inkrafttretens.isoformat() == "2024-03-15"
    assert dates.rechtsverordnung is None
    assert [m.code for m in doc.warnings] == ["date_invalid"]


def test_4x_typed_references_and_5x_procedure(write_file):
    reference = (
        "<xplan:{prop}><xplan:XP_ExterneReferenz><xplan:referenzName>{name}</xplan:referenzName>"
        "<xplan:referenzURL>{url}</xplan:referenzURL></xplan:XP_ExterneReferenz></xplan:{prop}>"
    )
    extra = (
        reference.format(prop="refBegruendung", name="Begründung", url="begruendung.pdf")
        + reference.format(prop="refRechtsplan", name="Plan", url="plan.pdf")
        + "<xplan:verfahren>3000</xplan:verfahren>"
    )
    doc = read(write_file, bp_plan(extra=extra), version="4/1")
    plan = doc.plans[0]
    assert [(r.type, r.href, r.name) for r in plan.external_references] == [
        ("1010", "begruendung.pdf", "Begründung"),
        ("1030", "plan.pdf", "Plan"),
    ]
    assert plan.procedure == "3000"


def test_60_procedure_comes_from_the_bereich(write_file):
    doc = read(
        write_file,
        bp_plan(bereiche=("b1",)),
        bereich("b1", "plan1", extra="<xplan:verfahren>2000</xplan:verfahren>"),
    )
    assert doc.plans[0].procedure == "2000"


def test_so_plan_with_coded_plan_art_and_no_legal_status(write_file):
    plan = bp_plan(plan_class="SO_Plan", rechtsstand=None, ags=None).replace(
        "<xplan:planArt>1000</xplan:planArt>",
        '<xplan:planArt codeSpace="www.mysynergis.com/XPlanungR/5.2/0">17200</xplan:planArt>',
    )
    facts = build_import_report(read(write_file, plan))["plans"][0]
    assert (facts["class"], facts["plan_art"], facts["legal_status"], facts["ags"]) == (
        "SO_Plan",
        ["17200"],
        None,
        None,
    )


@pytest.mark.parametrize("plan_class", ["RP_Plan", "LP_Plan", "FP_Plan"])
def test_other_plan_types_give_plan_and_area(plan_class, write_file):
    doc = read(
        write_file,
        bp_plan(plan_class=plan_class, bereiche=("b1",)),
        bereich("b1", "plan1", cls=plan_class.replace("Plan", "Bereich")),
    )
    facts = build_import_report(doc)["plans"][0]
    assert facts["class"] == plan_class and facts["area_m2"] == pytest.approx(10_000)
    assert [b.gml_id for b in doc.plans[0].bereiche] == ["b1"]


def test_plan_without_area_is_an_error(write_file):
    plan = (
        bp_plan()
        .replace(
            bp_plan()
            .split("<xplan:raeumlicherGeltungsbereich>")[1]
            .split("</xplan:raeumlicherGeltungsbereich>")[0],
            "",
        )
        .replace("<xplan:raeumlicherGeltungsbereich></xplan:raeumlicherGeltungsbereich>", "")
    )
    doc = read(write_file, plan)
    assert "plan_without_area" in [m.code for m in doc.errors]


def test_no_plan_duplicate_ids_and_dangling_links(write_file):
    doc = read(
        write_file,
        content("o1", "nowhere", polygon(square(X0, Y0, 10), gml_id="a")),
        content("o1", "nowhere", polygon(square(X0, Y0, 10), gml_id="b")),
    )
    assert {"no_plan", "gml_id_duplicate"} <= {m.code for m in doc.errors}
    assert "link_target_missing" in {m.code for m in doc.warnings}


def test_text_sections_and_their_references(write_file):
    text = (
        '<gml:featureMember><xplan:XP_TextAbschnitt gml:id="t1"><xplan:schluessel>§1'
        "</xplan:schluessel><xplan:text>Nur Wohnen.</xplan:text><xplan:refText>"
        "<xplan:XP_ExterneReferenz><xplan:referenzName>Text</xplan:referenzName>"
        "<xplan:referenzURL>text.pdf</xplan:referenzURL></xplan:XP_ExterneReferenz>"
        "</xplan:refText><xplan:rechtscharakter>1000</xplan:rechtscharakter>"
        "</xplan:XP_TextAbschnitt></gml:featureMember>"
    )
    doc = read(write_file, bp_plan(extra='<xplan:texte xlink:href="#t1"/>'), text)
    plan = doc.plans[0]
    assert [o.gml_id for o in plan.objects] == ["t1"]
    assert [(r.type, r.href, r.source_property) for r in plan.external_references] == [
        (None, "text.pdf", "texte/refText")
    ]


def _archive(tmp_path, gml: bytes, files: dict) -> object:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xplan.gml", gml)
        for name, data in files.items():
            archive.writestr(name, data)
    path = tmp_path / "plan.zip"
    path.write_bytes(buffer.getvalue())
    return path


def test_4x_raster_basis_with_german_world_file(tmp_path):
    scan = (
        "<xplan:refScan><xplan:XP_ExterneReferenz><xplan:referenzURL>Scan/TeilA.png"
        "</xplan:referenzURL></xplan:XP_ExterneReferenz></xplan:refScan>"
    )
    gml = document(
        bp_plan(bereiche=("b1",)),
        bereich("b1", "plan1", extra='<xplan:rasterBasis xlink:href="#r1"/>'),
        f'<gml:featureMember><xplan:XP_RasterplanBasis gml:id="r1">{scan}'
        "</xplan:XP_RasterplanBasis></gml:featureMember>",
        version="4/1",
    )
    world = "0,2330349734\n0\n0\n-0,2330349734\n3500000,5\n5700000,5\n"
    doc = read_xplan(_archive(tmp_path, gml, {"Scan/TeilA.png": b"png", "Scan/TeilA.pgw": world}))
    (raster,) = doc.plans[0].rasters
    assert (raster.source, raster.file_name, raster.world_file) == (
        "XP_RasterplanBasis",
        "Scan/TeilA.png",
        "Scan/TeilA.pgw",
    )
    assert raster.georeferenced and raster.world_file_parameters[0] == pytest.approx(0.2330349734)
    assert doc.feature_counts["XP_RasterplanBasis"] == 1


def test_bad_world_file_and_escaping_references(tmp_path):
    scans = "".join(
        f"<xplan:refScan><xplan:XP_ExterneReferenz><xplan:referenzURL>{url}</xplan:referenzURL>"
        "</xplan:XP_ExterneReferenz></xplan:refScan>"
        for url in ("scan.png", "../../etc/passwd.png", "https://example.org/remote.png")
    )
    gml = document(bp_plan(bereiche=("b1",)), bereich("b1", "plan1", extra=scans))
    doc = read_xplan(_archive(tmp_path, gml, {"scan.png": b"png", "scan.pgw": b"1\n2\nthree"}))
    rasters = doc.plans[0].rasters
    assert [r.georeferenced for r in rasters] == [False, False, False]
    assert [r.file_name for r in rasters] == ["scan.png", None, None]
    assert "world_file_invalid" in {m.code for m in doc.warnings}


def _tiff(path, *, georeferenced: bool) -> bytes:
    from osgeo import gdal

    dataset = gdal.GetDriverByName("GTiff").Create(str(path), 4, 4, 1, gdal.GDT_Byte)
    if georeferenced:
        dataset.SetGeoTransform((X0, 1.0, 0.0, Y0 + 4, 0.0, -1.0))
    dataset = None
    return path.read_bytes()


def test_geotiff_scans_without_world_file(tmp_path):
    scans = "".join(
        f"<xplan:refScan><xplan:XP_ExterneReferenz><xplan:referenzName>{n}</xplan:referenzName>"
        f"<xplan:referenzURL>{n}</xplan:referenzURL></xplan:XP_ExterneReferenz></xplan:refScan>"
        for n in ("geo.tif", "plain.tif", "vrt.tif")
    )
    vrt = (
        b'<VRTDataset rasterXSize="16" rasterYSize="1"><VRTRasterBand dataType="Byte" band="1" '
        b'subClass="VRTRawRasterBand"><SourceFilename relativeToVRT="0">/etc/passwd'
        b"</SourceFilename></VRTRasterBand></VRTDataset>"
    )
    files = {
        "geo.tif": _tiff(tmp_path / "a.tif", georeferenced=True),
        "plain.tif": _tiff(tmp_path / "b.tif", georeferenced=False),
        "vrt.tif": vrt,
    }
    gml = document(bp_plan(bereiche=("b1",)), bereich("b1", "plan1", extra=scans))
    doc = read_xplan(_archive(tmp_path, gml, files))
    assert [(r.href, r.georeferenced) for r in doc.plans[0].rasters] == [
        ("geo.tif", True),
        ("plain.tif", False),
        ("vrt.tif", False),
    ]


def test_plan_area_must_be_an_area(write_file):
    line = (
        '<gml:LineString gml:id="l" srsName="EPSG:25832"><gml:posList>'
        f"{X0} {Y0} {X0 + 10} {Y0}</gml:posList></gml:LineString>"
    )
    doc = read(write_file, bp_plan(area=line))
    assert [m.code for m in doc.errors] == ["area_not_polygonal"]
    assert doc.plans[0].area is None


def test_single_polygon_area_becomes_a_multipolygon(write_file):
    doc = read(write_file, bp_plan())
    assert doc.plans[0].area.geom_type == "MultiPolygon"
    assert doc.plans[0].area.srid == 25832


def test_archive_files_lifetime(tmp_path):
    gml = document(bp_plan(bereiche=("b1",)), bereich("b1", "plan1"))
    path = _archive(tmp_path, gml, {"begruendung.pdf": b"%PDF"})
    plain = read_xplan(path)
    assert plain.files == {} and plain.archive_members == ["begruendung.pdf", "xplan.gml"]
    target = tmp_path / "kept"
    target.mkdir()
    kept = read_xplan(path, extract_dir=target)
    assert kept.files["begruendung.pdf"].read_bytes() == b"%PDF"
    assert kept.files["begruendung.pdf"].parent == target.resolve()
