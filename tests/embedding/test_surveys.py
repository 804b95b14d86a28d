"""A survey inside the frame: started and answered without cookies; an account survey sends
the visitor to sign in in a new top-level window."""

import pytest

from participation.surveys.models import Response

from ..surveys.conftest import towns  # noqa: F401  (fixture)
from ..surveys.world import make_survey
from .conftest import HOST, directives, hidden
from .test_embedded_pages import cookieless, embedded_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(towns):  # noqa: F811
    town = towns["on"]
    town.embed_origins = HOST
    town.save(update_fields=["embed_origins"])
    return town


def test_survey_started_and_answered_in_the_frame(town):
    survey = make_survey(town)
    path = f"/einbetten/{town.slug}/umfragen/{survey.uid}/?eltern={HOST}"
    page = embedded_get(path)
    assert page.status_code == 200
    token = hidden(page.content.decode(), "embed_token")
    started = cookieless().post(path, {"begin": "1", "embed_token": token})
    assert started.status_code == 302
    response = Response.objects.get(survey=survey)
    assert started["Location"].startswith(
        f"/einbetten/{town.slug}/umfragen/{survey.uid}/antworten/{response.resume_key}/")
    assert f"eltern={HOST.replace(':', '%3A').replace('/', '%2F')}" in started["Location"]
    answer_page = embedded_get(started["Location"])
    assert answer_page.status_code == 200
    assert directives(answer_page)["frame-ancestors"] == ["'self'", HOST]
    q1 = survey.questions.get(order=1)
    saved = cookieless().post(started["Location"], {
        f"q{q1.pk}": "ja", "action": "save",
        "embed_token": hidden(answer_page.content.decode(), "embed_token")})
    assert saved.status_code == 200
    assert response.answers.get(question=q1).value == "ja"


def test_account_survey_opens_sign_in_in_a_new_window(town):
    survey = make_survey(town, participation="account")
    path = f"/einbetten/{town.slug}/umfragen/{survey.uid}/"
    token = hidden(embedded_get(path).content.decode(), "embed_token")
    answer = cookieless().post(path, {"begin": "1", "embed_token": token})
    html = answer.content.decode()
    assert answer.status_code == 200
    assert 'target="_blank"' in html and "login" in html
    assert directives(answer)["frame-ancestors"] == ["'self'", HOST]
    assert not Response.objects.exists()
