"""GML geometries: arcs, rings and their repair or rejection, CRS and axis order."""

import math

import pytest

from planning.xplanung import XPlanLimits, build_import_report, read_xplan
from planning.xplanung.arcs import arc_points, circle_points
from planning.xplanung.crs import parse_srs_name

from .builders import bereich, bp_plan, content, document, polygon, pos_list, square

X0, Y0 = 400000.0, 5650000.0


def read(write_file, *members, **kwargs):
    return read_xplan(write_file(document(*members, **kwargs)))


def one_object(write_file, geometry: str, **kwargs):
    """A plan with one Bereich and one object holding `geometry` (at line 5 of the file)."""
    doc = read(
        write_file,
        bp_plan(bereiche=("b1",)),
        bereich("b1", "plan1"),
        content("obj1", "b1", geometry),
        **kwargs,
    )
    return doc, doc.objects[0]


def codes(document, level="error"):
    return [m.code for m in document.messages if m.level == level]


# -- CRS ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("srs_name", "epsg", "latitude_first"),
    [
        ("EPSG:25832", 25832, False),
        ("epsg:25833", 25833, False),
        ("urn:ogc:def:crs:EPSG::25832", 25832, False),
        ("urn:ogc:def:crs:EPSG:6.6:31467", 31467, False),
        ("urn:x-ogc:def:crs:EPSG:25833", 25833, False),
        ("http://www.opengis.net/def/crs/EPSG/0/25832", 25832, False),
        ("https://www.opengis.net/def/crs/EPSG/0/3035", 3035, False),
        ("http://www.opengis.net/gml/srs/epsg.xml#25833", 25833, False),
        ("urn:adv:crs:ETRS89_UTM32", 25832, False),
        ("urn:adv:crs:ETRS89_UTM33", 25833, False),
        ("urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH", 25832, False),
        ("urn:adv:crs:DE_DHDN_3GK2", 31466, False),
        ("urn:adv:crs:DE_DHDN_3GK3", 31467, False),
        ("urn:adv:crs:DE_DHDN_3GK4", 31468, False),
        ("urn:adv:crs:DE_DHDN_3GK5", 31469, False),
        ("urn:adv:crs:ETRS89_Lat-Lon", 4258, True),
        ("urn:adv:crs:WGS84_Lat-Lon", 4326, True),
        ("EPSG:4326", 4326, False),
        ("urn:ogc:def:crs:EPSG::4326", 4326, True),
        ("http://www.opengis.net/def/crs/EPSG/0/4258", 4258, True),
        ("CRS:84", 4326, False),
    ],
)
def test_srs_names_map_to_epsg(srs_name, epsg, latitude_first):
    parsed = parse_srs_name(srs_name)
    assert (parsed.epsg, parsed.latitude_first) == (epsg, latitude_first)


@pytest.mark.parametrize(
    "srs_name",
    [
        "",
        "EPSG:99999999",
        "EPSG:1",
        "urn:adv:crs:NOPE",
        "file:///etc/passwd",
        "http://127.0.0.1:9/crs",
        "+proj=longlat +datum=WGS84",
        "EPSG:25832 EPSG:4326",
    ],
)
def test_unknown_srs_names_are_refused(srs_name):
    assert parse_srs_name(srs_name) is None


def test_unknown_crs_is_an_error_with_line(write_file):
    doc = read(write_file, bp_plan(area=polygon(square(X0, Y0, 10), srs="urn:foo:crs:bar")))
    (error,) = doc.errors[:1]
    assert error.code == "crs_unsupported" and error.line == 3 and error.gml_id == "plan1"
    assert "urn:foo:crs:bar" in error.message


def test_srs_name_is_inherited_from_the_envelope(write_file):
    doc = read(
        write_file,
        bp_plan(area=polygon(square(X0, Y0, 10), srs=None)),
        envelope_srs="urn:adv:crs:ETRS89_UTM33",
    )
    assert doc.plans[0].area.srid == 25833
    assert doc.envelope_srid == 25833


def test_missing_crs_is_an_error(write_file):
    doc = read(write_file, bp_plan(area=polygon(square(X0, Y0, 10), srs=None)))
    assert codes(doc)[:1] == ["crs_missing"]


def test_gauss_krueger_reprojects_to_a_published_position(write_file):
    """LGB Brandenburg (geobasis-bb.de, Geodätische Grundlagen of its topographic maps): the
    point 13°35' E 52°15' N in the Potsdam datum (DHDN) lies 6.38" west and 4.96" south of that
    in WGS84/ETRS89. Its Gauss-Krüger zone 5 coordinates below are the plain Bessel
    transverse-Mercator projection of 13°35'/52°15' (no datum involved)."""
    easting, northing = 5403263.3497, 5791510.6114
    area = polygon(square(easting, northing, 1.0), srs="urn:adv:crs:DE_DHDN_3GK5")
    doc = read(write_file, bp_plan(area=area))
    facts = build_import_report(doc)["plans"][0]
    assert facts["source_crs"] == "EPSG:31469"
    lon = 13 + 35 / 60 - 6.38 / 3600
    lat = 52.25 - 4.96 / 3600
    assert facts["bbox_wgs84"][:2] == pytest.approx([lon, lat], abs=2e-5)  # about 1.5 m
    assert facts["area_m2"] == pytest.approx(1.0)


def test_gauss_krueger_zone_3_and_utm_agree(write_file):
    """The same place as GK zone 3 (EPSG:31467) and as UTM 32 (EPSG:25832)."""
    from osgeo import osr

    def srs(code):
        s = osr.SpatialReference()
        s.ImportFromEPSG(code)
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        return s

    utm = (565000.0, 5940500.0)  # Hamburg
    gk = osr.CoordinateTransformation(srs(25832), srs(31467)).TransformPoint(*utm)[:2]
    assert 3_560_000 < gk[0] < 3_570_000  # zone prefix 3, easting near 565 km
    first = read(write_file, bp_plan(area=polygon(square(*utm, 1), srs="EPSG:25832")))
    second = read(write_file, bp_plan(area=polygon(square(*gk, 1), srs="EPSG:31467")))
    a = build_import_report(first)["plans"][0]["bbox_wgs84"]
    b = build_import_report(second)["plans"][0]["bbox_wgs84"]
    assert b[:2] == pytest.approx(a[:2], abs=5e-5)


def test_latitude_first_crs_is_swapped_to_longitude_first(write_file):
    """urn:ogc:def:crs:EPSG::4326 lists latitude first; Berlin must not land in Africa (E17)."""
    ring = [(52.52, 13.40), (52.52, 13.41), (52.53, 13.41), (52.53, 13.40), (52.52, 13.40)]
    doc = read(write_file, bp_plan(area=polygon(ring, srs="urn:ogc:def:crs:EPSG::4326")))
    facts = build_import_report(doc)["plans"][0]
    assert facts["bbox_wgs84"] == pytest.approx([13.40, 52.52, 13.41, 52.53])
    assert facts["bbox"] == pytest.approx([13.40, 52.52, 13.41, 52.53])
    assert 400_000 < facts["area_m2"] < 800_000  # ~680 m x 1110 m, computed in EPSG:3035


def test_short_epsg_form_is_longitude_first(write_file):
    ring = [(13.40, 52.52), (13.41, 52.52), (13.41, 52.53), (13.40, 52.53), (13.40, 52.52)]
    doc = read(write_file, bp_plan(area=polygon(ring, srs="EPSG:4258")))
    assert build_import_report(doc)["plans"][0]["bbox_wgs84"] == pytest.approx(
        [13.40, 52.52, 13.41, 52.53]
    )


def test_three_dimensional_coordinates_keep_x_and_y(write_file):
    ring = [(X0, Y0, 12.5), (X0 + 10, Y0, 12.5), (X0 + 10, Y0 + 10, 13), (X0, Y0, 12.5)]
    text = " ".join(" ".join(map(str, p)) for p in ring)
    geometry = (
        '<gml:Polygon gml:id="g3" srsName="EPSG:25832" srsDimension="3"><gml:exterior>'
        f"<gml:LinearRing><gml:posList>{text}</gml:posList></gml:LinearRing></gml:exterior>"
        "</gml:Polygon>"
    )
    _doc, feature = one_object(write_file, geometry)
    assert feature.geometry.area == pytest.approx(50.0)


# -- arcs --------------------------------------------------------------------------------------
def test_arc_linearisation_stays_within_tolerance():
    radius = 50.0
    start, middle, end = (radius, 0.0), (0.0, radius), (-radius, 0.0)
    points = arc_points(start, middle, end, tolerance=0.01, max_segments=2048)
    assert points[0] == start and points[-1] == end and middle in points
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        assert math.hypot(x1, y1) == pytest.approx(radius)
        mid = math.hypot((x1 + x2) / 2, (y1 + y2) / 2)
        assert radius - mid <= 0.01 + 1e-9  # sagitta of every chord
    assert all(y >= -1e-9 for _x, y in points)  # the half circle through (0, 50), not below


def test_clockwise_arc_and_collinear_points():
    points = arc_points((0, 0), (1, 1), (2, 0), tolerance=0.001, max_segments=2048)
    assert all(y >= -1e-12 for _x, y in points)
    assert arc_points((0, 0), (1, 1), (2, 2), tolerance=0.01, max_segments=100) == [
        (0, 0),
        (1, 1),
        (2, 2),
    ]


def test_circle_is_closed_and_round():
    points = circle_points((10, 0), (0, 10), (-10, 0), tolerance=0.01, max_segments=2048)
    assert points[0] == points[-1] == (10, 0)
    area = 0.5 * abs(
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False))
    )
    # every chord lies inside the circle by at most the tolerance: area lost < tolerance x perimeter
    assert 0 < math.pi * 100 - area <= 0.01 * 2 * math.pi * 10


def _curve_ring(*segments: str) -> str:
    return (
        '<gml:Polygon gml:id="arcpoly" srsName="EPSG:25832"><gml:exterior><gml:Ring>'
        + "".join(
            f'<gml:curveMember><gml:Curve gml:id="c{i}"><gml:segments>{s}</gml:segments>'
            "</gml:Curve></gml:curveMember>"
            for i, s in enumerate(segments)
        )
        + "</gml:Ring></gml:exterior></gml:Polygon>"
    )


def test_polygon_with_arc_and_arc_string(write_file):
    r = 20.0
    arc = f"<gml:Arc><gml:posList>{X0 + r} {Y0} {X0} {Y0 + r} {X0 - r} {Y0}</gml:posList></gml:Arc>"
    back = f"<gml:LineStringSegment><gml:posList>{X0 - r} {Y0} {X0 + r} {Y0}</gml:posList></gml:LineStringSegment>"
    _doc, feature = one_object(write_file, _curve_ring(arc + back))
    assert feature.has_arcs
    assert feature.geometry.area == pytest.approx(math.pi * r * r / 2, abs=0.5)
    assert feature.geometry.extent[3] == pytest.approx(Y0 + r, abs=0.01)
    arc_string = (
        f"<gml:ArcString><gml:posList>{X0 + r} {Y0} {X0} {Y0 + r} {X0 - r} {Y0} {X0} {Y0 - r} "
        f"{X0 + r} {Y0}</gml:posList></gml:ArcString>"
    )
    _doc, feature = one_object(write_file, _curve_ring(arc_string))
    assert 0 < math.pi * r * r - feature.geometry.area <= 0.01 * 2 * math.pi * r


def test_circle_geometry(write_file):
    circle = f"<gml:Circle><gml:posList>{X0 + 5} {Y0} {X0} {Y0 + 5} {X0 - 5} {Y0}</gml:posList></gml:Circle>"
    _doc, feature = one_object(write_file, _curve_ring(circle))
    assert 0 < math.pi * 25 - feature.geometry.area <= 0.01 * 2 * math.pi * 5
    assert feature.geometry.valid


def test_curve_with_a_gap_between_members_names_the_place(write_file):
    first = f"<gml:LineStringSegment><gml:posList>{X0} {Y0} {X0 + 10} {Y0} {X0 + 10} {Y0 + 10}</gml:posList></gml:LineStringSegment>"
    second = f"<gml:LineStringSegment><gml:posList>{X0 + 12} {Y0 + 10} {X0} {Y0}</gml:posList></gml:LineStringSegment>"
    doc, feature = one_object(write_file, _curve_ring(first + second))
    assert feature.geometry is None
    (error,) = doc.errors
    assert (error.code, error.gml_id, error.line) == ("curve_gap", "obj1", 5)
    assert error.coordinates == pytest.approx((X0 + 10, Y0 + 10))


# -- broken rings ------------------------------------------------------------------------------
def test_unclosed_ring_with_a_wide_gap_is_an_error(write_file):
    ring = square(X0, Y0, 100)[:-1] + [(X0 + 3, Y0)]
    doc, feature = one_object(write_file, polygon(ring, gml_id="open"))
    assert feature.geometry is None
    (error,) = doc.errors
    assert (error.code, error.gml_id, error.line) == ("ring_not_closed", "obj1", 5)
    assert error.coordinates == pytest.approx((X0 + 3, Y0))
    assert f"{X0:.3f} {Y0:.3f}" in error.message and "3.000" in error.message


def test_unclosed_ring_with_a_tiny_gap_is_closed_with_a_warning(write_file):
    for end in ((X0, Y0 + 0.004), (X0 + 0.004, Y0), (X0 - 0.003, Y0 - 0.003)):
        ring = square(X0, Y0, 100)[:-1] + [end]
        doc, feature = one_object(write_file, polygon(ring))
        assert feature.geometry is not None and feature.geometry.valid, doc.errors
        assert feature.geometry.area == pytest.approx(10_000.0)
        assert "ring_closed" in codes(doc, "warning") and not doc.errors


def test_ring_with_too_few_points_is_an_error(write_file):
    doc, feature = one_object(write_file, polygon([(X0, Y0), (X0 + 10, Y0), (X0, Y0)]))
    assert feature.geometry is None
    assert [(e.code, e.line, e.gml_id) for e in doc.errors] == [("ring_too_few_points", 5, "obj1")]


def test_self_intersecting_ring_is_an_error_with_its_location(write_file):
    bowtie = [(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10), (X0, Y0)]
    doc, feature = one_object(write_file, polygon(bowtie))
    assert feature.geometry is None
    (error,) = doc.errors
    assert (error.code, error.line, error.gml_id) == ("self_intersection", 5, "obj1")
    assert error.coordinates == pytest.approx((X0 + 5, Y0 + 5))
    assert f"{X0 + 5:.3f} {Y0 + 5:.3f}" in error.message


def test_hole_outside_the_shell_is_an_error(write_file):
    geometry = polygon(square(X0, Y0, 10), holes=[square(X0 + 50, Y0 + 50, 5)[::-1]])
    doc, feature = one_object(write_file, geometry)
    assert [e.code for e in doc.errors] == ["hole_outside_shell"]


def test_broken_plan_area_is_reported_in_the_report(write_file):
    bowtie = [(X0, Y0), (X0 + 10, Y0 + 10), (X0 + 10, Y0), (X0, Y0 + 10), (X0, Y0)]
    doc = read(write_file, bp_plan(area=polygon(bowtie)))
    report = build_import_report(doc)
    assert report["plans"][0]["bbox"] is None
    assert report["errors"][0]["code"] == "self_intersection"
    assert report["errors"][0]["coordinates"] == pytest.approx([X0 + 5, Y0 + 5])
    assert report["errors"][0]["line"] == 3


def test_wrong_orientation_is_fixed_and_counted(write_file):
    clockwise = square(X0, Y0, 10)[::-1]
    doc, feature = one_object(write_file, polygon(clockwise))
    assert feature.geometry.valid and not doc.errors
    assert "ring_orientation" in codes(doc, "warning")


def test_overlapping_multisurface_members_are_merged(write_file):
    members = "".join(
        f"<gml:surfaceMember>{polygon(square(X0 + dx, Y0, 10), srs=None, gml_id=f'p{dx}')}</gml:surfaceMember>"
        for dx in (0, 5)
    )
    geometry = f'<gml:MultiSurface gml:id="ms" srsName="EPSG:25832">{members}</gml:MultiSurface>'
    doc, feature = one_object(write_file, geometry)
    assert feature.geometry.geom_type == "MultiPolygon"
    assert feature.geometry.area == pytest.approx(150.0)
    assert "surfaces_merged" in codes(doc, "warning")


def test_surface_with_patches_and_composite_surface(write_file):
    left, right = square(X0, Y0, 10), square(X0 + 10, Y0, 10)
    patches = "".join(
        f"<gml:PolygonPatch><gml:exterior><gml:LinearRing><gml:posList>{pos_list(r)}"
        "</gml:posList></gml:LinearRing></gml:exterior></gml:PolygonPatch>"
        for r in (left, right)
    )
    surface = f'<gml:Surface gml:id="s" srsName="EPSG:25832"><gml:patches>{patches}</gml:patches></gml:Surface>'
    _doc, feature = one_object(write_file, surface)
    assert feature.geometry.area == pytest.approx(200.0)
    composite = (
        '<gml:CompositeSurface gml:id="cs" srsName="EPSG:25832">'
        + "".join(
            f"<gml:surfaceMember>{polygon(r, srs=None, gml_id=f'q{i}')}</gml:surfaceMember>"
            for i, r in enumerate((left, right))
        )
        + "</gml:CompositeSurface>"
    )
    _doc, feature = one_object(write_file, composite)
    assert feature.geometry.area == pytest.approx(200.0)


def test_lines_points_and_old_coordinates(write_file):
    line = f'<gml:LineString gml:id="l" srsName="EPSG:25832"><gml:pos>{X0} {Y0}</gml:pos><gml:pos>{X0 + 3} {Y0 + 4}</gml:pos></gml:LineString>'
    _doc, feature = one_object(
        write_file,
        line,
    )
    assert feature.geometry.length == pytest.approx(5.0)
    multi_curve = (
        f'<gml:MultiCurve gml:id="mc" srsName="EPSG:25832"><gml:curveMember>{line.replace("EPSG:25832", "EPSG:25832")}'
        "</gml:curveMember></gml:MultiCurve>"
    )
    _doc, feature = one_object(write_file, multi_curve)
    assert feature.geometry.geom_type == "MultiLineString"
    points = (
        '<gml:MultiPoint gml:id="mp" srsName="EPSG:25832"><gml:pointMember><gml:Point gml:id="p1">'
        f"<gml:pos>{X0} {Y0}</gml:pos></gml:Point></gml:pointMember><gml:pointMember>"
        f'<gml:Point gml:id="p2"><gml:pos>{X0 + 1} {Y0}</gml:pos></gml:Point></gml:pointMember>'
        "</gml:MultiPoint>"
    )
    _doc, feature = one_object(write_file, points)
    assert len(feature.geometry) == 2
    legacy = (
        f'<gml:LineString gml:id="lc" srsName="EPSG:25832"><gml:coordinates>{X0},{Y0} '
        f"{X0 + 6},{Y0 + 8}</gml:coordinates></gml:LineString>"
    )
    _doc, feature = one_object(write_file, legacy)
    assert feature.geometry.length == pytest.approx(10.0)


@pytest.mark.parametrize(
    ("geometry", "code"),
    [
        (polygon([(X0, Y0), ("NaN", Y0), (X0, Y0 + 1), (X0, Y0)]), "coordinates_invalid"),
        (polygon([(X0, Y0), ("abc", Y0), (X0, Y0 + 1), (X0, Y0)]), "coordinates_invalid"),
        (
            '<gml:Polygon gml:id="o" srsName="EPSG:25832"><gml:exterior><gml:LinearRing><gml:posList>'
            f"{X0} {Y0} {X0 + 1}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>",
            "coordinates_invalid",
        ),
        (
            '<gml:Curve gml:id="o" srsName="EPSG:25832"><gml:segments><gml:CubicSpline>'
            f"<gml:posList>{X0} {Y0} {X0 + 1} {Y0 + 1}</gml:posList></gml:CubicSpline>"
            "</gml:segments></gml:Curve>",
            "geometry_unsupported",
        ),
        (
            '<gml:Curve gml:id="o" srsName="EPSG:25832"><gml:segments><gml:Arc><gml:posList>'
            f"{X0} {Y0} {X0 + 1} {Y0 + 1}</gml:posList></gml:Arc></gml:segments></gml:Curve>",
            "arc_invalid",
        ),
        (
            '<gml:Polygon gml:id="o" srsName="EPSG:25832"><gml:exterior><gml:LinearRing><gml:posList>'
            f"{X0} {Y0} {X0 + 1} {Y0} {X0 + 2} {Y0} {X0} {Y0}</gml:posList></gml:LinearRing>"
            "</gml:exterior></gml:Polygon>",
            "ring_degenerate",
        ),
        (
            '<gml:Polygon gml:id="o" srsName="EPSG:25832"><gml:exterior><gml:LinearRing>'
            f"<gml:posList>{pos_list(square(X0, Y0, 1))}</gml:posList></gml:LinearRing></gml:exterior>"
            "</gml:Polygon>".replace(
                'srsName="EPSG:25832"><gml:exterior><gml:LinearRing>',
                'srsName="EPSG:25832"><gml:exterior><gml:LinearRing srsName="EPSG:25833">',
            ),
            "crs_mixed",
        ),
    ],
    ids=["nan", "text", "odd-count", "cubic-spline", "short-arc", "degenerate", "mixed-crs"],
)
def test_bad_geometries_are_errors_not_crashes(geometry, code, write_file):
    doc, feature = one_object(write_file, geometry)
    assert feature.geometry is None
    assert [e.code for e in doc.errors] == [code]
    assert doc.errors[0].gml_id == "obj1" and doc.errors[0].line == 5


def test_arc_tolerance_is_configurable(write_file):
    r = 1000.0
    arc = f"<gml:Arc><gml:posList>{X0 + r} {Y0} {X0} {Y0 + r} {X0 - r} {Y0}</gml:posList></gml:Arc>"
    back = f"<gml:LineStringSegment><gml:posList>{X0 - r} {Y0} {X0 + r} {Y0}</gml:posList></gml:LineStringSegment>"
    path = write_file(
        document(
            bp_plan(bereiche=("b1",)),
            bereich("b1", "plan1"),
            content("obj1", "b1", _curve_ring(arc + back)),
        )
    )
    fine = read_xplan(path).objects[0].geometry
    coarse = read_xplan(path, limits=XPlanLimits(arc_tolerance_m=1.0)).objects[0].geometry
    assert fine.num_points > coarse.num_points
    exact = math.pi * r * r / 2
    assert 0 < exact - fine.area <= 0.01 * math.pi * r  # tolerance x arc length
    assert exact - fine.area < exact - coarse.area <= 1.0 * math.pi * r
