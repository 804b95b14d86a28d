"""Retention of the module data added to the registry: survey invitation codes and responses
after the survey closed, photos of closed incident reports, unconfirmed subscriptions. The dry
run reports what the run then does; a second run changes nothing; what must stay, stays."""

import uuid
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.gis.geos import Point
from django.core.files.base import ContentFile

from participation.incidents.models import IncidentCategory, IncidentReport, ReportPhoto
from participation.incidents.services.reports import NewReport, Reporter, create_report
from participation.subscriptions.models import Subscription
from participation.surveys.models import Answer, Question, Response, Survey, SurveyToken
from portal.models import Phase, Procedure

from ..factories import make_authority, make_user, square
from .test_retention import run

pytestmark = pytest.mark.django_db
TYPES = ("survey_tokens", "survey_responses", "incident_photos", "unconfirmed_subscriptions")


@pytest.fixture
def town():
    return make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000),
                          enabled_modules=["surveys", "incidents"])


def make_survey(authority, title, end: date):
    procedure = Procedure.objects.create(authority=authority, kind="survey", title=title)
    Phase.objects.create(procedure=procedure, kind="survey_open", start_date=date(2026, 9, 1),
                         end_date=end)
    survey = Survey.objects.create(authority=authority, procedure=procedure, title=title,
                                   participation="token")
    question = Question.objects.create(survey=survey, order=1, type="text", text="Warum?")
    return survey, question


def fill(survey, question, prefix):
    tokens = [SurveyToken.objects.create(survey=survey, code=f"{prefix}-{n}",
                                         label=f"Frau {prefix} {n}") for n in range(3)]
    submitted = Response.objects.create(survey=survey, is_draft=False, token=tokens[0],
                                        submitted_at=datetime(2026, 9, 5, tzinfo=UTC),
                                        account=make_user(f"{prefix}-buerger"))
    Answer.objects.create(response=submitted, question=question, value="Weil es schön ist.")
    draft = Response.objects.create(survey=survey, token=tokens[1])
    return submitted, draft


def subscription(authority, email, *, confirmed):
    return Subscription.objects.create(
        email=email, area=authority.jurisdiction, area_label=authority.name,
        authority=authority, topics=["procedures"], site_url="http://testserver",
        unsubscribe_token_hash=uuid.uuid4().hex, confirm_token_hash=uuid.uuid4().hex,
        confirmed_at=datetime(2026, 9, 2, tzinfo=UTC) if confirmed else None)


@pytest.fixture
def data(town):
    with time_machine.travel(datetime(2026, 9, 1, 9, 0, tzinfo=UTC), tick=False):
        closed, closed_q = make_survey(town, "Radwege", date(2026, 9, 30))
        running, running_q = make_survey(town, "Spielplätze", date(2030, 9, 30))
        submitted, _draft = fill(closed, closed_q, "zu")
        fill(running, running_q, "offen")
        category = IncidentCategory.objects.create(authority=town, service_code="loch",
                                                   name="Schlagloch")
        reports = []
        for n in range(2):
            report, _created = create_report(report=NewReport(
                category=category, location=Point(820_000 + n, 5_655_000, srid=25832),
                description=f"Loch {n}", reporter=Reporter(name="Anna Amsel")))
            photo = ReportPhoto(report=report, width=1, height=1, size=3)
            photo.file.save(f"p{n}.jpg", ContentFile(b"jpg"), save=False)
            photo.save()
            reports.append(report)
        IncidentReport.objects.filter(pk=reports[0].pk).update(
            status="closed", updated_at=datetime(2026, 9, 1, tzinfo=UTC))
        subscription(town, "wartet@example.org", confirmed=False)
        subscription(town, "bestaetigt@example.org", confirmed=True)
    return {"submitted": submitted, "reports": reports}


def test_module_data_goes_after_its_retention(data, town):
    with time_machine.travel(datetime(2026, 10, 15, tzinfo=UTC), tick=False):
        early = run("--dry-run")["authorities"]["musterstadt"]
    assert [early[code] for code in TYPES] == [0, 0, 0, 1]
    with time_machine.travel(datetime(2027, 4, 2, tzinfo=UTC), tick=False):
        dry = run("--dry-run")["authorities"]["musterstadt"]
        assert SurveyToken.objects.count() == 6 and ReportPhoto.objects.count() == 2
        done = run()["authorities"]["musterstadt"]
        again = run()["authorities"]["musterstadt"]
    assert {code: dry[code] for code in TYPES} == {code: done[code] for code in TYPES}
    # 3 codes; the submitted response unlinked + the draft deleted; 1 photo; 1 subscription.
    assert [done[code] for code in TYPES] == [3, 2, 1, 1]
    assert [again[code] for code in TYPES] == [0, 0, 0, 0]
    # What remains: the running survey's codes and responses, the answers of the closed one.
    assert set(SurveyToken.objects.values_list("code", flat=True)) == {
        "offen-0", "offen-1", "offen-2"}
    kept = Response.objects.get(pk=data["submitted"].pk)
    assert (kept.account, kept.token, kept.is_draft) == (None, None, False)
    assert kept.answers.get().value == "Weil es schön ist."
    assert Response.objects.filter(survey__title="Spielplätze", account__isnull=False).count() == 1
    assert Response.objects.filter(survey__title="Radwege").count() == 1
    assert list(ReportPhoto.objects.values_list("report", flat=True)) == [data["reports"][1].pk]
    assert IncidentReport.objects.count() == 2
    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "bestaetigt@example.org"]
