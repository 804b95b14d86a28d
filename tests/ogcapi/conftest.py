"""A small published world for the OGC API: plans in force and in procedure, an unpublished
plan, a plan content layer, and a statement whose author must never appear."""

from datetime import date, timedelta

import pytest
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gis.tasks import ingest_layer
from planning.models import ModerationState, Statement, StatementSettings
from planning.services.layers import add_vector_layer
from planning.services.phases import schedule_phase
from planning.statements.normalise import text_hash

from ..factories import make_authority, make_plan, square
from ..planning.test_staff_support import feature_collection

IN_FORCE = "4000"
AUTHOR_NAME = "Erika Mustermann-Geheim"
AUTHOR_EMAIL = "erika.geheim@example.org"


def statement_by_known_person(plan, phase) -> Statement:
    text = "Bitte den Bach am Mühlweg erhalten."
    centre = plan.area.centroid
    return Statement.objects.create(
        authority=plan.authority, plan=plan, phase=phase, reference="OGC-2026-00001",
        text=text, text_hash=text_hash(text), name=AUTHOR_NAME, email=AUTHOR_EMAIL,
        street="Geheimweg 7", postcode="01067", city="Dresden",
        location=Point(centre.x, centre.y, srid=centre.srid),
        moderation=ModerationState.APPROVED, public_text="Der Bach soll bleiben.",
        received_at=timezone.now() - timedelta(days=1))


@pytest.fixture
def world(db):
    authority = make_authority(name="Gemeinde Ogcdorf", slug="ogcdorf",
                               jurisdiction=square(800_000, 5_650_000, 20_000))
    in_force = [
        make_plan(authority, name=f"Bebauungsplan Nr. {n}", legal_status=IN_FORCE,
                  entry_into_force_date=date(2020 + n, 3, 1),
                  area=square(801_000 + n * 1000, 5_651_000, 500))
        for n in range(3)
    ]
    procedure = make_plan(authority, name="Bebauungsplan Am Bach",
                          decision_to_prepare_date=date(2025, 6, 1),
                          area=square(805_000, 5_655_000, 800))
    draft = make_plan(authority, name="Entwurf unveröffentlicht", published=False,
                      area=square(806_000, 5_656_000, 300))
    today = timezone.localdate()
    phase = schedule_phase(plan=procedure, kind="baugb_3_2", start_date=today - timedelta(days=5),
                           end_date=today + timedelta(days=30))
    StatementSettings.objects.create(phase=phase, display_publicly=True)
    statement = statement_by_known_person(procedure, phase)
    upload = SimpleUploadedFile("f.geojson", feature_collection(
        square(805_100, 5_655_100, 100), square(805_300, 5_655_300, 100),
        properties={"nutzung": "WA"}))
    layer = add_vector_layer(plan=procedure, name="Baugebiete", upload=upload).layer
    hidden = add_vector_layer(plan=draft, name="Geheime Ebene", upload=SimpleUploadedFile(
        "g.geojson", feature_collection(square(806_050, 5_656_050, 50)))).layer
    for each in (layer, hidden):
        ingest_layer.call(each.pk)  # the worker's job, run here (no worker in tests)
        each.refresh_from_db()
    return {"authority": authority, "in_force": in_force, "procedure": procedure,
            "draft": draft, "statement": statement, "layer": layer, "hidden_layer": hidden}
