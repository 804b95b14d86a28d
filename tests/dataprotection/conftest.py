"""A plan with every kind of personal data (tests/results' small plan) plus attachments, an
agency's contact person and a second procedure that is still running."""

from datetime import UTC, date, datetime

import pytest
from django.core.files.base import ContentFile

from planning.models import Statement, StatementAttachment
from planning.services.phases import schedule_phase

from ..factories import make_plan, make_staff, square
from ..gis.conftest import run_worker  # noqa: F401
from ..results.conftest import add_statement, planner, small_plan  # noqa: F401
from ..weighing.conftest import procedure_plan, town  # noqa: F401

#: The small plan's only phase ends with 5.10.2026.
AFTER_COSIGNER_RETENTION = datetime(2027, 5, 1, 9, 0, tzinfo=UTC)
AFTER_STATEMENT_RETENTION = datetime(2028, 11, 1, 9, 0, tzinfo=UTC)


def attach(statement, name: str, content: bytes) -> StatementAttachment:
    attachment = StatementAttachment(statement=statement, file_name=name,
                                     content_type="application/pdf", size=len(content),
                                     sha256="0" * 64)
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def world(small_plan, town):  # noqa: F811
    """The small plan, two attachments, an agency contact person, and a running procedure
    (phase until 2030) with one named statement."""
    plan, phase, s = small_plan
    Statement.objects.filter(pk=s["agency"].pk).update(name="Sachbearbeiterin Sonja Amt",
                                                      email="sonja.amt@lfu.example.org")
    s["public_attachment"] = attach(s["letter_a"], "brief.pdf", b"%PDF Anna Amsel")
    s["agency_attachment"] = attach(s["agency"], "gutachten.pdf", b"%PDF Gutachten")
    running = make_plan(town, name="Am Hang", number="MS-13",
                        area=square(823_000, 5_655_000, 500))
    running_phase = schedule_phase(plan=running, kind="baugb_3_2", start_date=date(2026, 9, 1),
                                   end_date=date(2030, 10, 5))
    s["running"] = add_statement(running, running_phase, "ST-2026-00100", name="Erika Mustermann",
                                 street="Lindenweg 7", postcode="01067", city="Dresden",
                                 email="erika@example.org", text="Bitte den Hang nicht bebauen.")
    return plan, phase, s


@pytest.fixture
def admin(town):  # noqa: F811
    return make_staff(town, "admin", "datenschutz-admin")
