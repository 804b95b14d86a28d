"""Answering through HTTP: pages, conditions on the server, drafts, submitting once."""

import pytest
from django.test import Client
from django.urls import reverse

from participation.surveys.models import Answer, Response

from .helpers import answer_url, fill_all, only_response, start

pytestmark = pytest.mark.django_db


def test_answer_all_pages_and_submit(client, survey):
    assert start(client, survey).status_code == 302
    response = only_response(survey)
    last = fill_all(client, survey, response)
    assert last.status_code == 302
    assert last.url == reverse("surveys:thanks", args=["radstadt", survey.uid])
    response.refresh_from_db()
    assert not response.is_draft and response.submitted_at
    answers = {a.question.order: a for a in response.answers.select_related("question")}
    assert answers[1].value == "nein" and answers[3].value == "Zu gefährlich"
    assert answers[2].geometry.geom_type == "MultiPoint" and len(answers[2].geometry) == 2
    assert answers[4].geometry.geom_type == "MultiLineString"
    assert answers[5].geometry.geom_type == "MultiPolygon"
    assert answers[6].value == ["Autos", "Ampeln"] and answers[8].value == 12.5
    assert answers[10].value == ["Tempo", "Sicherheit"]


def test_condition_hides_question_without_javascript(client, survey):
    start(client, survey)
    response = only_response(survey)
    q1 = survey.questions.get(order=1)
    client.post(answer_url(response) + "?seite=1", {f"q{q1.pk}": "ja"})
    page = client.get(answer_url(response) + "?seite=2").content.decode()
    assert "Warum nicht?" not in page
    client.post(answer_url(response) + "?seite=1", {f"q{q1.pk}": "nein"})
    assert "Warum nicht?" in client.get(answer_url(response) + "?seite=2").content.decode()


def test_required_and_bad_geometry_give_german_errors(client, survey):
    start(client, survey)
    response = only_response(survey)
    q2 = survey.questions.get(order=2)
    answer = client.post(answer_url(response) + "?seite=1",
                         {f"q{q2.pk}": '{"type":"Point","coordinates":[NaN, 1]}'})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert page.count('class="error"') == 2
    assert 'aria-describedby="q' in page
    assert not Answer.objects.exists()
    too_many = "\n".join(f"51.3{i}, 12.3" for i in range(5))
    answer = client.post(answer_url(response) + "?seite=1",
                         {f"q{survey.questions.get(order=1).pk}": "ja", f"q{q2.pk}": too_many})
    assert answer.status_code == 400


def test_draft_resumes_by_link_in_another_browser(client, survey):
    start(client, survey)
    response = only_response(survey)
    q1 = survey.questions.get(order=1)
    client.post(answer_url(response) + "?seite=1", {f"q{q1.pk}": "ja", "action": "save"})
    other = Client()
    page = other.get(answer_url(response) + "?seite=1").content.decode()
    assert 'value="ja" checked' in page
    # the same browser resumes the same draft instead of starting another
    start(client, survey)
    assert Response.objects.count() == 1


def test_submitted_response_cannot_be_changed(client, survey):
    start(client, survey)
    response = only_response(survey)
    fill_all(client, survey, response)
    q1 = survey.questions.get(order=1)
    again = client.post(answer_url(response) + "?seite=1", {f"q{q1.pk}": "ja"})
    assert again.status_code == 409
    assert Answer.objects.get(response=response, question=q1).value == "nein"


def test_token_survey_needs_a_valid_code(client, towns):
    from .world import make_survey, make_token

    survey = make_survey(towns["on"], participation="token")
    make_token(survey)
    assert start(client, survey, code="FALSCH").status_code == 400
    assert start(client, survey, code="EINLADUNG-1").status_code == 302
    assert start(client, survey, code="EINLADUNG-1").status_code == 302
    assert Response.objects.filter(survey=survey).count() == 1


def test_closed_survey_is_not_found(client, towns):
    from .world import make_survey

    survey = make_survey(towns["on"], open_now=False)
    assert client.get(reverse("surveys:start", args=["radstadt", survey.uid])).status_code == 404


def test_demo_data_has_an_open_survey_with_map_questions(client):
    from fixtures.demo import load_demo_data

    load_demo_data()
    load_demo_data()
    from participation.surveys.models import Survey

    survey = Survey.objects.get()
    assert survey.is_open()
    assert {"map_point", "map_line", "map_area"} <= set(
        survey.questions.values_list("type", flat=True))
    page = client.get(survey.authority.get_absolute_url()).content.decode()
    assert reverse("surveys:start", args=[survey.authority.slug, survey.uid]) in page
