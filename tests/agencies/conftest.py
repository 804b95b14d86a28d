"""A world for the agency tests: a town with a plan, its §4 phases, agencies in and out of the
plan's area, staff of every role, and a foreign town with the same. Tasks run immediately,
mails go to the locmem outbox, e-mails are rendered in English."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from fixtures.pdf import simple_pdf
from planning.agencies.invitations import send_invitations
from planning.agencies.proposal import add_agency, propose_agencies
from planning.agencies.register import create_agency
from planning.models import AgencyInvitation
from planning.services.phases import schedule_phase
from portal.models import Role

from ..factories import make_authority, make_plan, make_staff, square

#: During the §4(2) phase (1.9.–5.10.2026), a Tuesday.
DURING = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)
#: The first instant after the §4(2) phase, Berlin time (6.10.2026 00:00 CEST).
AFTER = datetime(2026, 10, 5, 22, 0, tzinfo=UTC)
BASE_URL = "http://testserver"
LINK = re.compile(r"http://testserver/toeb/([A-Za-z0-9_-]{43})/")


@pytest.fixture(autouse=True)
def immediate_tasks_and_english_mail(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "ingest"]}}
    settings.LANGUAGE_CODE = "en"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def clock():
    with time_machine.travel(DURING, tick=False) as traveller:
        yield traveller


def make_world(name: str, slug: str, x: float, ags: str) -> dict:
    town = make_authority(name=name, slug=slug, ags=ags, jurisdiction=square(x, 5_650_000, 10_000),
                          contact_email=f"bauamt@{slug}.example")
    plan = make_plan(town, name=f"B-Plan {name}", number="7", area=square(x + 4000, 5_654_000, 500))
    early = schedule_phase(plan=plan, kind="baugb_4_1", start_date=date(2026, 6, 1),
                           end_date=date(2026, 6, 30))
    formal = schedule_phase(plan=plan, kind="baugb_4_2", start_date=date(2026, 9, 1),
                            end_date=date(2026, 10, 5))
    public = schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(2026, 9, 1),
                            end_date=date(2026, 10, 5))
    water = create_agency(authority=town, name=f"Wasserbehörde {name}",
                          emails=[f"wasser@{slug}.example", f"poststelle@{slug}.example"],
                          topics=["Wasser", "Boden"],
                          responsibility_area=square(x, 5_650_000, 10_000))
    nature = create_agency(authority=town, name=f"Naturschutz {name}",
                           emails=[f"natur@{slug}.example"], topics=["Naturschutz"],
                           responsibility_area=square(x + 4200, 5_654_200, 2000))
    far = create_agency(authority=town, name=f"Forst {name}", emails=[f"forst@{slug}.example"],
                        responsibility_area=square(x + 8000, 5_658_000, 500))
    telecom = create_agency(authority=town, name=f"Telekom {name}",
                            emails=[f"telekom@{slug}.example"])
    return {"town": town, "plan": plan, "early": early, "phase": formal, "public": public,
            "water": water, "nature": nature, "far": far, "telecom": telecom}


@pytest.fixture
def world(db):
    return make_world("Musterstadt", "musterstadt", 800_000, "14612000")


@pytest.fixture
def foreign(db):
    return make_world("Fremdstadt", "fremdstadt", 850_000, "14613000")


@pytest.fixture
def admin(world):
    return make_staff(world["town"], Role.ADMIN, "town-admin")


@pytest.fixture
def planner(world):
    return make_staff(world["town"], Role.PLANNER, "town-planner")


@pytest.fixture
def viewer(world):
    return make_staff(world["town"], Role.VIEWER, "town-viewer")


def invite(world, *agencies, phase=None, capture=None) -> dict:
    """Propose and invite `agencies` for the phase; return {agency pk: secret of its link}."""
    phase = phase or world["phase"]
    propose_agencies(phase=phase)
    for agency in agencies:
        add_agency(phase=phase, agency=agency)
    ids = list(AgencyInvitation.objects.filter(phase=phase, agency__in=agencies)
               .values_list("pk", flat=True))
    before = len(mail.outbox)
    with capture(execute=True):
        send_invitations(phase=phase, invitation_ids=ids, base_url=BASE_URL)
    secrets = {}
    for message in mail.outbox[before:]:
        agency = next(a for a in agencies if a.emails[0] in message.to)
        secrets[agency.pk] = LINK.search(message.body).group(1)
    return secrets


@pytest.fixture
def invited(world, clock, django_capture_on_commit_callbacks):
    """The water and the telecom agencies invited to the §4(2) phase: {"water": secret, ...}."""
    secrets = invite(world, world["water"], world["telecom"],
                     capture=django_capture_on_commit_callbacks)
    return {"water": secrets[world["water"].pk], "telecom": secrets[world["telecom"].pk]}


def pdf_upload(name="stellungnahme.pdf"):
    return SimpleUploadedFile(name, simple_pdf("Stellungnahme", ["Keine Einwände zum Wasser."]),
                              content_type="application/pdf")
