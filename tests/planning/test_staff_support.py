"""Fixtures and helpers shared by the staff plan tests (this module holds no tests)."""

import json
import zipfile
from io import BytesIO

import pytest
from django.contrib.gis.geos import MultiPolygon
from django.core.files.uploadedfile import SimpleUploadedFile

from planning.services.documents import add_document
from planning.services.layers import add_vector_layer
from planning.services.phases import schedule_phase
from portal.models import Role

from ..factories import make_authority, make_plan, make_staff, square

# Near Dresden, in the storage SRID (UTM 32): a 12 km town and plans well inside it.
TOWN_AREA = square(815_000, 5_650_000, 12_000)
OTHER_AREA = square(840_000, 5_640_000, 8_000)


def wgs84_geojson(area: MultiPolygon) -> dict:
    """A geometry as a GeoJSON dict in WGS84 (as a map or a GIS would send it)."""
    return json.loads(area.transform(4326, clone=True).geojson)


def feature_collection(*areas: MultiPolygon, properties: dict | None = None) -> bytes:
    features = [{"type": "Feature", "properties": properties or {}, "geometry": wgs84_geojson(a)}
                for a in areas]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def minimal_pdf(text: str = "Begruendung") -> bytes:
    """A small but valid one-page PDF (with a correct cross-reference table)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def town():
    return make_authority(name="Dresden", slug="dresden", ags="14612000", jurisdiction=TOWN_AREA)


@pytest.fixture
def planner(town):
    return make_staff(town, Role.PLANNER, "planerin")


@pytest.fixture
def plan(town):
    return make_plan(town, name="Mühlbachwiesen", number="B-77", published=False,
                     area=square(820_000, 5_655_000, 400))


def build_world(authority, name: str) -> dict:
    """A plan of `authority` with a document, a vector layer and an upcoming §3(2) phase."""
    from datetime import timedelta

    from django.utils import timezone

    x, y = authority.jurisdiction.centroid.coords
    world_plan = make_plan(authority, name=name, published=False, area=square(x, y, 400))
    document = add_document(plan=world_plan, kind="1010", title=f"Begründung {name}",
                            upload=upload("b.pdf", minimal_pdf()))
    plan_layer = add_vector_layer(plan=world_plan, name=f"Ebene {name}",
                                  upload=upload("f.geojson", feature_collection(
                                      square(x, y, 100))))
    start = timezone.localdate() + timedelta(days=10)
    phase = schedule_phase(plan=world_plan, kind="baugb_3_2", start_date=start,
                           end_date=start + timedelta(days=40))
    return {"authority": authority, "plan": world_plan, "document": document,
            "layer": plan_layer.layer, "phase": phase}


@pytest.fixture
def foreign_world():
    """Another authority's plan with a document, a layer and a phase; nobody here works there."""
    other = make_authority(name="Fremde Gemeinde", slug="fremde", ags="14628270",
                           jurisdiction=OTHER_AREA)
    return build_world(other, "Fremder Plan")


@pytest.fixture
def own_world(town):
    return build_world(town, "Eigener Plan")


@pytest.fixture
def run_worker():
    """Run the real database task worker until the queue is empty (as tests/gis/conftest.py).

    The worker closes database connections between tasks: tests using it must be transactional.
    """
    from django.core.management import call_command

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*",
                     "--verbosity", "0")

    return run
