# ruff: noqa: F811  (fixtures of other test packages are imported by name and then requested)
"""Hostile geometry through every path that takes one (issue #9, findings 1 and 2).

The cases are generated: every GeoJSON type x dimension (2D/3D/4D/mixed) x hostile ordinate
(huge, tiny, 400-digit integers, NaN, Infinity, strings, booleans, nulls), broken structures
(deep nesting, empty and unclosed rings, two-point polygons), too many vertices and self-crossing
star polygons. Each is posted through the real HTTP endpoints; each must end in a 4xx (or a form
error) with a specific message, no row stored and bounded CPU time of the request, measured with
time.process_time() (never wall-clock). The stack-smash case runs in a child process, which
would die with SIGABRT if GEOS's WKT writer saw the geometry.
"""

import json
import math
import resource
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from gis.models import Feature, IngestStatus
from gis.services.layers import create_vector_layer
from planning.models import ModerationState, Plan, Statement
from planning.statements.forms import rendered_token
from portal.models import Role

from ..factories import make_authority, make_staff, square
from ..gis.conftest import queue_upload, run_worker  # noqa: F401 (fixtures)
from ..statements.conftest import notice, phase, plan  # noqa: F401 (fixtures)
from ..statements_staff.conftest import letter, own  # noqa: F401 (fixtures)
from ..vector_files import write_vector

pytestmark = pytest.mark.django_db
OPEN = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
#: Processor seconds one request may take, whatever geometry it carries (generous: the
#: refusals below take milliseconds; before the fix a 201-vertex star took a minute).
CPU_BOUND_S = 2.0
#: Centre of the plan of tests/statements/conftest.py (EPSG:25832 x 820 200, y 5 655 200).
CENTRE = (13.560231, 50.959251)
ROOT = Path(__file__).resolve().parents[2]

# Expected message fragments (English).
DIM = "exactly two numbers"
RANGE = "longitude and latitude in WGS84"
NONFINITE = "NaN or infinite"
NOT_JSON = "not valid GeoJSON"
NUMBERS = "must be numbers"
NO_COORDS = "has no coordinates"
TWO = "two numbers"
CLOSED = "must be closed"
RING = "three different points"
LINE = "at least two points"
TYPE = "Mark a point, a line or an area"
TOO_MANY = "too many points"
TOO_LARGE = "too large"
CROSSES = "crosses itself"
OUTSIDE = "outside the area"

SIMPLE_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")


def near(i: int) -> list[float]:
    """Corners of a small triangle at the plan's centre (i = 0, 1, 2)."""
    dx, dy = ((0, 0), (0.001, 0), (0, 0.001))[i % 3]
    return [CENTRE[0] + dx, CENTRE[1] + dy]


def shaped(kind: str, position) -> object:
    """Coordinates of `kind` built from position(i) (i = 0, 1, 2; rings closed with 0)."""
    ring = [position(0), position(1), position(2), position(0)]
    line = [position(0), position(1)]
    return {
        "Point": position(0), "MultiPoint": [position(0), position(1)],
        "LineString": line, "MultiLineString": [line],
        "Polygon": [ring], "MultiPolygon": [[ring]],
    }[kind]


def geometry(kind: str, coordinates) -> str:
    return json.dumps({"type": kind, "coordinates": coordinates})


def star(n: int, radius: float = 0.001) -> dict:
    """A self-crossing star: vertex i at angle i * step with step n // 2 (the audit's case)."""
    step = n // 2
    points = [[CENTRE[0] + radius * math.cos(2 * math.pi * i * step / n),
               CENTRE[1] + radius * math.sin(2 * math.pi * i * step / n)] for i in range(n)]
    return {"type": "Polygon", "coordinates": [points + [points[0]]]}


def _dimension_cases():
    extra = {"3D": [1e200], "4D": [0.0, 1e200]}
    for kind in SIMPLE_TYPES:
        for name, more in extra.items():
            yield f"{kind}-{name}", geometry(kind, shaped(kind, lambda i, m=more: near(i) + m)), DIM
        if kind != "Point":  # mixed: the second position has a height
            mixed = shaped(kind, lambda i: near(i) + ([5.0] if i == 1 else []))
            yield f"{kind}-mixed", geometry(kind, mixed), DIM


HOSTILE_ORDINATES = {
    "1e200": (1e200, RANGE), "-1e308": (-1e308, RANGE), "10**400": (10**400, RANGE),
    "NaN": (float("nan"), NOT_JSON), "Infinity": (float("inf"), NOT_JSON),
    "string": ("13.7", NUMBERS), "true": (True, NUMBERS), "null": (None, NUMBERS),
}


def _ordinate_cases():
    for kind in SIMPLE_TYPES:
        for name, (value, expected) in HOSTILE_ORDINATES.items():
            for slot in (0, 1):
                def position(i, value=value, slot=slot):
                    spot = near(i)
                    if i == 0:
                        spot[slot] = value
                    return spot
                yield f"{kind}-{name}-{'lon' if slot == 0 else 'lat'}", \
                    geometry(kind, shaped(kind, position)), expected
    # 1e400 cannot be written by json.dumps: it is parsed to infinity.
    yield "Point-1e400", '{"type":"Point","coordinates":[1e400, 51]}', NONFINITE
    yield "Point-subnormal", '{"type":"Point","coordinates":[1e-320, 51]}', OUTSIDE


def _structure_cases():
    a, b, c = near(0), near(1), near(2)
    nested = [CENTRE[0], CENTRE[1]]
    for _level in range(30):
        nested = [nested]
    yield "deep-json", "[" * 100_000 + "]" * 100_000, NOT_JSON
    yield "deep-coordinates", geometry("Point", nested), TWO
    yield "deep-multipolygon", geometry("MultiPolygon", [[[nested] * 4]]), TWO
    yield "nested-ordinates", geometry("Point", [[13.5], [50.9]]), NUMBERS
    yield "empty-coordinates", geometry("Polygon", []), NO_COORDS
    yield "empty-ring", geometry("Polygon", [[]]), NO_COORDS
    yield "empty-multipolygon-part", geometry("MultiPolygon", [[]]), NO_COORDS
    yield "no-coordinates", '{"type":"Point"}', NO_COORDS
    yield "coordinates-object", '{"type":"LineString","coordinates":{"a":1}}', NOT_JSON
    yield "one-number", geometry("Point", [13.7]), TWO
    yield "unclosed-ring", geometry("Polygon", [[a, b, c, b]]), CLOSED
    yield "two-point-polygon", geometry("Polygon", [[a, b]]), RING
    yield "three-point-ring", geometry("Polygon", [[a, b, a]]), RING
    yield "one-point-line", geometry("LineString", [a]), LINE
    yield "geometry-collection", json.dumps(
        {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": a}]}), TYPE
    yield "feature-collection", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": a}}]}), TYPE
    yield "feature-3D", json.dumps({"type": "Feature", "properties": {},
                                    "geometry": {"type": "Point", "coordinates": a + [1e200]}}), DIM
    yield "feature-null", '{"type":"Feature","geometry":null}', TYPE
    yield "unknown-type", '{"type":"Circle","coordinates":[13.7,51.0]}', TYPE
    yield "not-an-object", "[13.7, 51.0]", TYPE
    yield "swapped-lat-lon", geometry("Point", [CENTRE[1], CENTRE[0]]), OUTSIDE


def _size_cases():
    yield "1e5-vertices", geometry("LineString", [near(i % 2) for i in range(100_000)]), TOO_LARGE
    yield "12000-vertices", geometry("MultiPoint", [[13, 51]] * 12_000), TOO_MANY
    yield "bowtie", geometry("Polygon", [[near(0), [CENTRE[0] + 0.001, CENTRE[1] + 0.001],
                                          near(1), near(2), near(0)]]), CROSSES
    for n in (61, 101, 201):
        yield f"star-{n}", json.dumps(star(n)), CROSSES
    yield "star-1001", json.dumps(star(1001)), TOO_MANY


CASES = [*_dimension_cases(), *_ordinate_cases(), *_structure_cases(), *_size_cases()]


def timed(call):
    """(result, processor seconds of this process) of call()."""
    start = time.process_time()
    result = call()
    return result, time.process_time() - start


def form_payload(location: str) -> dict:
    key = uuid.uuid4()
    return {
        "idempotency_key": str(key),
        "rendered": rendered_token(key, at=time.time() - 60),
        "website": "", "text": "Bitte den Bach offen lassen.", "anonymous": "yes", "email": "",
        "privacy_accepted": "on", "location": location,
    }


def test_the_generated_cases_cover_every_type_and_dimension(plan):
    centre = plan.area.centroid.transform(4326, clone=True)
    assert abs(centre.x - CENTRE[0]) < 1e-5 and abs(centre.y - CENTRE[1]) < 1e-5
    names = [name for name, _text, _expected in CASES]
    assert len(names) == len(set(names)) and len(names) > 120
    for kind in SIMPLE_TYPES:
        assert {f"{kind}-3D", f"{kind}-4D", f"{kind}-1e200-lon", f"{kind}-NaN-lat"} <= set(names)


@time_machine.travel(OPEN)
@pytest.mark.parametrize(("text", "expected"), [(t, e) for _n, t, e in CASES],
                         ids=[n for n, _t, _e in CASES])
def test_public_statement_form_refuses_hostile_geometry(client, plan, phase, notice, text,
                                                        expected):
    url = reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])
    response, cpu = timed(lambda: client.post(url, form_payload(text), **EN))
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert cpu < CPU_BOUND_S
    assert Statement.objects.count() == 0


@time_machine.travel(OPEN)
def test_a_plain_drawing_is_still_accepted(client, plan, phase, notice):
    url = reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])
    ring = [near(0), near(1), near(2), near(0)]
    response = client.post(url, form_payload(geometry("Polygon", [ring])), **EN)
    assert response.status_code == 302
    assert Statement.objects.get().location.geom_type == "Polygon"


AREA_CASES = [
    ("3D", geometry("Polygon", shaped("Polygon", lambda i: near(i) + [1e200])), DIM),
    ("1e200", geometry("Polygon", shaped("Polygon", lambda i: [1e200, 51.0])), RANGE),
    ("NaN", '{"type":"Polygon","coordinates":[[[NaN,1],[2,2],[3,1],[NaN,1]]]}', NOT_JSON),
    ("star-201", json.dumps(star(201)), CROSSES),
    ("star-1001", json.dumps(star(1001)), CROSSES),
    ("unclosed", geometry("Polygon", [[near(0), near(1), near(2), near(1)]]), CLOSED),
    ("deep-json", "[" * 100_000 + "]" * 100_000, NOT_JSON),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _n, t, e in AREA_CASES],
                         ids=[n for n, _t, _e in AREA_CASES])
def test_staff_area_filter_and_api_refuse_hostile_areas(client, own, text, expected):
    client.force_login(own.planner)
    with translation.override("en"):
        page, cpu = timed(lambda: client.get(reverse("planning_statements_staff:list"),
                                             {"area": text}, **EN))
    assert page.status_code == 400
    assert expected in " ".join(page.context["form"].errors["area"])
    api, api_cpu = timed(lambda: client.get(reverse("api:staff-statement-list"), {"area": text},
                                            **EN))
    assert api.status_code == 400
    assert max(cpu, api_cpu) < CPU_BOUND_S


@pytest.mark.parametrize(("name", "value"), [
    ("bbox", "0,0,1e200,1e200"), ("bbox", "-1e308,0,1,1"), ("bbox", "nan,0,1,1"),
    ("point", "1e200,51"), ("point", "13.7,1e308"), ("point", "13.7,51,1e200"),
])
def test_plan_api_refuses_coordinates_out_of_range(client, name, value):
    response = client.get(reverse("api:plan-list"), {name: value}, **EN)
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _n, t, e in AREA_CASES],
                         ids=[n for n, _t, _e in AREA_CASES])
def test_drawn_geltungsbereich_refuses_hostile_areas(client, text, expected):
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    client.force_login(make_staff(town, Role.PLANNER, "planerin"))
    data = {"authority": town.pk, "name": "Am Mühlgraben", "number": "B-12", "description": "",
            "plan_class": "BP_Plan", "plan_art_bp": ["1000"], "legal_status": "2000",
            "ags": "", "municipality_name": "", "procedure_kind": "baugb_regular", "area": text}
    response, cpu = timed(lambda: client.post(reverse("planning_staff:plan-create"), data, **EN))
    assert response.status_code == 200
    assert expected in " ".join(response.context["form"].errors["area"])
    assert cpu < CPU_BOUND_S
    assert not Plan.objects.filter(name="Am Mühlgraben").exists()


def _plan_form(client, area_text):
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    client.force_login(make_staff(town, Role.PLANNER, "planerin"))
    data = {"authority": town.pk, "name": "Am Mühlgraben", "number": "B-12", "description": "",
            "plan_class": "BP_Plan", "plan_art_bp": ["1000"], "legal_status": "2000",
            "ags": "", "municipality_name": "", "procedure_kind": "baugb_regular",
            "area": area_text}
    return timed(lambda: client.post(reverse("planning_staff:plan-create"), data, **EN))


def _triangle(i: int, spacing: float) -> list:
    x, y = CENTRE[0] + i * spacing, CENTRE[1]
    return [[[x, y], [x + 2e-6, y], [x, y + 2e-6], [x, y]]]


def _triangles(count: int, *, spacing: float) -> str:
    """One MultiPolygon of `count` small triangles in a row, `spacing` degrees apart."""
    return geometry("MultiPolygon", [_triangle(i, spacing) for i in range(count)])


def _triangle_features(count: int, *, spacing: float) -> str:
    """The same triangles as separate features (each valid; together they may overlap)."""
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {},
         "geometry": {"type": "Polygon", "coordinates": _triangle(i, spacing)}}
        for i in range(count)]})


def test_many_separate_drawn_parts_are_combined_without_a_union(client):
    # GEOS's union of 10,000 disjoint triangles took 9 s of CPU; disjoint parts need none.
    response, cpu = _plan_form(client, _triangles(10_000, spacing=4e-6))
    assert response.status_code == 302
    assert len(Plan.objects.get(name="Am Mühlgraben").area) == 10_000
    assert cpu < 2 * CPU_BOUND_S


def test_too_many_overlapping_drawn_parts_are_refused(client):
    response, cpu = _plan_form(client, _triangle_features(2_000, spacing=1e-6))
    assert response.status_code == 200
    assert "overlap" in " ".join(response.context["form"].errors["area"])
    assert cpu < CPU_BOUND_S
    assert not Plan.objects.filter(name="Am Mühlgraben").exists()


@time_machine.travel(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
@pytest.mark.parametrize(("text", "expected"), [
    (geometry("Point", near(0) + [1e200]), DIM), (json.dumps(star(201)), CROSSES),
    (geometry("Point", [1e200, 51.0]), RANGE),
])
def test_staff_manual_entry_refuses_hostile_locations(client, own, text, expected):
    client.force_login(own.planner)
    data = {
        "idempotency_key": str(uuid.uuid4()), "phase": own.phase.pk, "received_on": "2026-10-20",
        "channel": "letter", "submitter_kind": "public", "text": "Bitte freihalten.",
        "location": text, "location_text": "", "name": "Erika Mustermann",
        "street": "Bachweg 3", "postcode": "01234", "city": "Musterstadt", "email": "",
    }
    url = reverse("planning_statements_staff:create") + f"?plan={own.plan.uid}"
    before = Statement.objects.count()
    response, cpu = timed(lambda: client.post(url, data, **EN))
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert cpu < CPU_BOUND_S
    assert Statement.objects.count() == before


CHILD = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
django.setup()
from django.contrib.gis.geos import Point
from gis.errors import InputError
from gis.geojson_input import parse_geometry
from planning.models import Plan
from planning.services.statements import Submission, create_statement
from planning.statements.errors import StatementRefused
from portal.models import Phase
try:
    parse_geometry('{"type":"Point","coordinates":[13.73,51.03,1e200]}')
except InputError:
    print("parser refused")
for location in (Point(13.73, 51.03, 1e200, srid=4326), Point(1e200, 51.03, srid=4326),
                 Point(820000, 1e300, srid=25832)):
    try:
        create_statement(plan=Plan(), phase=Phase(), submission=Submission(location=location))
    except StatementRefused:
        print("service refused")
"""


def test_huge_ordinates_never_reach_a_text_writer_the_process_survives():
    # GEOS 3.11's WKT writer dies with "stack smashing detected" on such numbers: in a child,
    # so that a regression kills the child (exit status -6), not the test run.
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                            timeout=120, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n").count("service refused") == 3
    assert "parser refused" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_layer_ingest_repairs_within_a_cpu_limit_or_fails_with_a_message(
        tmp_path, queue_upload, settings):
    settings.PORTAL_GEOMETRY_REPAIR_CPU_SECONDS = 2
    x0, y0 = 411_000, 5_654_000  # Dresden, EPSG:25833

    def star_wkt(n, radius=100.0):
        step = n // 2
        points = [(x0 + radius * math.cos(2 * math.pi * i * step / n),
                   y0 + radius * math.sin(2 * math.pi * i * step / n)) for i in range(n)]
        points.append(points[0])
        return "POLYGON((" + ",".join(f"{x} {y}" for x, y in points) + "))"

    bowtie = f"POLYGON(({x0} {y0},{x0 + 10} {y0 + 10},{x0 + 10} {y0},{x0} {y0 + 10},{x0} {y0}))"
    small = write_vector(tmp_path / "small.geojson", "GeoJSON",
                         [{"wkt": bowtie}, {"wkt": f"POINT Z ({x0} {y0} 1e200)"}], fields=())
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with translation.override("en"):
        layer, cpu = timed(lambda: queue_upload(create_vector_layer, name="Klein",
                                                upload=_upload(small)))
        assert layer.status == IngestStatus.DONE, layer.status_message
        assert layer.report["repaired"] and Feature.objects.filter(layer=layer).count() == 2
        assert not any(f.geometry.hasz for f in Feature.objects.filter(layer=layer))

        stars = write_vector(tmp_path / "stars.geojson", "GeoJSON",
                             [{"wkt": star_wkt(61)}, {"wkt": star_wkt(1001)}], fields=())
        layer, cpu_stars = timed(lambda: queue_upload(create_vector_layer, name="Sterne",
                                                      upload=_upload(stars)))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert layer.status == IngestStatus.FAILED
    assert "processor time" in layer.status_message
    assert Feature.objects.filter(layer=layer).count() == 0
    # This process did only the cheap checks; the sandbox children stopped at their limit.
    assert max(cpu, cpu_stars) < CPU_BOUND_S
    child_cpu = (children.ru_utime + children.ru_stime
                 - children_before.ru_utime - children_before.ru_stime)
    assert child_cpu < 2 * (2 + 1) + 4  # two repairs, each CPU limit + kill margin + start-up


@pytest.mark.django_db(transaction=True)
def test_layer_with_out_of_range_coordinates_fails_with_a_message(tmp_path, queue_upload):
    far = write_vector(tmp_path / "far.geojson", "GeoJSON",
                       [{"wkt": "POINT (1e200 5654000)"}], fields=())
    with translation.override("en"):
        layer = queue_upload(create_vector_layer, name="Weit", upload=_upload(far))
    assert layer.status == IngestStatus.FAILED
    assert "range" in layer.status_message or "reprojected" in layer.status_message
    assert Feature.objects.filter(layer=layer).count() == 0


def _upload(path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(path.name, path.read_bytes())


def test_public_statement_feed_rounds_places_to_about_ten_metres(client, own):
    statement = letter(own)
    Statement.objects.filter(pk=statement.pk).update(moderation=ModerationState.APPROVED,
                                                     public_text="Bitte den Bach offen lassen.")
    feature = client.get(reverse("api:statement-list")).json()["features"][0]
    for value in feature["geometry"]["coordinates"]:
        assert round(value, 4) == value
    exact = statement.location.transform(4326, clone=True)
    lon, lat = feature["geometry"]["coordinates"]
    assert abs(lon - exact.x) <= 0.00005 and abs(lat - exact.y) <= 0.00005

