"""A procedure with 1,000 generated statements: 300 identical mass objections, several
near-duplicates, the rest individual; made by the test (bulk insert, like an import)."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.gis.geos import Point

from planning.models import Statement
from planning.services.phases import schedule_phase
from planning.statements.normalise import text_hash

from ..factories import make_authority, make_plan, square

MASS_TEXT = ("Wir lehnen die geplante Bebauung der Mühlbachwiesen ab, weil sie das "
             "Überschwemmungsgebiet verkleinert und den Kaltluftstrom in die Altstadt unterbricht.")
NEAR_TEXT = ("Die Zufahrt über den Bachweg ist für Baufahrzeuge zu schmal; bitte eine "
             "Baustraße von der Hauptstraße aus vorsehen.")
TOPICS = ["Verkehr", "Umwelt", "Lärm", "Wohnen"]


@pytest.fixture
def town():
    return make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))


@pytest.fixture
def procedure_plan(town):
    plan = make_plan(town, name="Mühlbachwiesen", number="MS-12",
                     area=square(820_000, 5_655_000, 800))
    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(2026, 9, 1),
                           end_date=date(2026, 10, 5))
    return plan, phase


def _text(i, rng):
    words = ["Bäume", "Bach", "Parkplätze", "Schulweg", "Lärm", "Radweg", "Höhe", "Spielplatz",
             "Dachbegrünung", "Wasser", "Hitze", "Verkehr", "Grünzug", "Kita", "Bus"]
    return f"Stellungnahme {i}: " + " ".join(rng.choice(words) for _ in range(25)) + "."


@pytest.fixture
def thousand_statements(procedure_plan):
    plan, phase = procedure_plan
    rng = random.Random(4711)
    start = datetime(2026, 9, 2, 8, 0, tzinfo=UTC)
    centre = plan.area.centroid
    rows = []
    for i in range(1000):
        if i < 300:
            text = MASS_TEXT if i % 3 else MASS_TEXT.replace(" ", "  ").upper()  # same, normalised
        elif i < 305:
            variants = [NEAR_TEXT, NEAR_TEXT.replace("bitte", "bitte unbedingt"),
                        NEAR_TEXT + " Danke.", "Hallo! " + NEAR_TEXT,
                        NEAR_TEXT.replace("zu schmal", "viel zu schmal")]
            text = variants[i - 300]
        else:
            text = _text(i, rng)
        location = Point(centre.x + rng.uniform(-300, 300), centre.y + rng.uniform(-300, 300),
                         srid=25832) if (i % 4 or 300 <= i < 305) else None
        if 300 <= i < 305:
            location = Point(centre.x + i - 300, centre.y, srid=25832)
        rows.append(Statement(
            authority=plan.authority, plan=plan, phase=phase, reference=f"ST-2026-{i + 1:05d}",
            text=text, text_hash=text_hash(text), topics=[TOPICS[i % 4]], location=location,
            name=f"Person {i}", street=f"Gasse {i}", postcode=f"{1000 + i:05d}", city="Dresden",
            email=f"person{i}@example.org", received_at=start + timedelta(minutes=i),
        ))
    Statement.objects.bulk_create(rows, batch_size=500)
    return plan, phase
