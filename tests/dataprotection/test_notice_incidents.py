"""The incident reports' privacy notice (a module notice of the authority) and a survey's: shown
where consent is given, the report or response stores the version accepted, a stale version
or a missing consent is refused."""

import pytest

from dataprotection.models import NoticeAcceptance
from dataprotection.notice import Scope, accepted_version, publish
from participation.incidents.models import IncidentReport

from ..incidents.conftest import area  # noqa: F401
from ..incidents.test_pages import form_data, post

pytestmark = pytest.mark.django_db


def test_report_form_shows_the_notice_and_the_report_stores_the_version(client, area):  # noqa: F811
    west = area["west"]
    html = client.get("/westdorf/meldungen/neu/").content.decode()
    assert 'name="privacy_notice_version"' not in html  # no notice: the module's own text
    version = publish(Scope.of_module(west, "incidents"), text_de="Hinweis zu Meldungen.",
                      text_en="Notice on reports.", legal_basis="public_task")
    html = client.get("/westdorf/meldungen/neu/").content.decode()
    at = html.index('id="privacy-notice-text"')
    assert "Hinweis zu Meldungen." in html[at:] and html.index('name="privacy"') > at
    assert 'name="privacy_notice_version" value="1"' in html
    stale = post(client, area, form_data(area, privacy_notice_version="0"))
    assert stale.status_code == 400 and IncidentReport.objects.count() == 0
    response = post(client, area, form_data(area, privacy_notice_version="1"))
    assert response.status_code == 302
    assert accepted_version(IncidentReport.objects.get()) == version
    assert NoticeAcceptance.objects.count() == 1


def test_survey_start_shows_the_notice_and_the_response_stores_the_version(client, db):
    from participation.surveys.models import Response

    from ..factories import make_authority
    from ..surveys.world import make_survey

    town = make_authority(name="Radstadt", slug="radstadt", enabled_modules=["surveys"])
    survey = make_survey(town)
    url = f"/radstadt/umfragen/{survey.uid}/"
    assert 'name="privacy_accepted"' not in client.get(url).content.decode()
    version = publish(Scope.of_procedure(survey.procedure), text_de="Hinweis zur Umfrage.",
                      text_en="Survey notice.", legal_basis="consent")
    html = client.get(url).content.decode()
    assert "Hinweis zur Umfrage." in html and 'name="privacy_accepted"' in html
    refused = client.post(url, {"begin": "1", "privacy_notice_version": "1"})
    assert refused.status_code == 400 and Response.objects.count() == 0
    stale = client.post(url, {"begin": "1", "privacy_notice_version": "0",
                              "privacy_accepted": "on"})
    assert stale.status_code == 400 and Response.objects.count() == 0
    started = client.post(url, {"begin": "1", "privacy_notice_version": "1",
                                "privacy_accepted": "on"})
    assert started.status_code == 302
    assert accepted_version(Response.objects.get()) == version


def test_dialogue_comment_form_shows_the_notice_and_the_comment_stores_the_version(client, db):
    from participation.dialogues.models import Comment

    from ..dialogues.test_dialogues import _comment
    from ..dialogues.world import build_dialogue
    from ..factories import make_authority

    town = make_authority(name="Dialogstadt", slug="dialogstadt", enabled_modules=["dialogues"])
    world = build_dialogue(town, title="Marktplatz", secret="GEHEIM")
    dialogue = world["dialogue"]
    version = publish(Scope.of_procedure(dialogue.procedure), text_de="Hinweis zum Dialog.",
                      text_en="Dialogue notice.", legal_basis="consent")
    html = client.get(f"/dialogstadt/dialoge/{dialogue.uid}/").content.decode()
    assert "Hinweis zum Dialog." in html and 'name="privacy_notice_version" value="1"' in html
    before = Comment.objects.count()
    assert _comment(client, world, "Ohne Zustimmung.").status_code == 400
    assert _comment(client, world, "Veraltet.", privacy_accepted="on",
                    privacy_notice_version="0").status_code == 400
    assert Comment.objects.count() == before
    response = _comment(client, world, "Mehr Bänke bitte.", privacy_accepted="on",
                        privacy_notice_version="1")
    assert response.status_code == 302
    assert accepted_version(Comment.objects.get(text__contains="Mehr Bänke")) == version
