"""The moderator's side through HTTP: tenancy (another authority's staff get 404), the module
switched off (404), creating a session and its questions, the steps, the projector's status
document (ETag, 304) and the exports."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from participation.livevoting import services
from participation.livevoting.models import Question, QuestionType, Vote, VotingSession
from portal.models import Role
from tests.factories import make_staff

from .test_voting import participant, vote_url
from .world import make_session, question

pytestmark = pytest.mark.django_db


def staff_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def staff_urls(session) -> list[str]:
    uid = session.uid
    single = question(session, QuestionType.SINGLE)
    return [reverse("livevoting_staff:session", args=[uid]),
            reverse("livevoting_staff:question", args=[uid, single.pk]),
            reverse("livevoting_staff:projector", args=[uid]),
            reverse("livevoting_staff:projector-status", args=[uid]),
            reverse("livevoting_staff:export-csv", args=[uid]),
            reverse("livevoting_staff:export-xlsx", args=[uid])]


def test_moderator_reaches_every_staff_page(session, moderator):
    client = staff_client(moderator)
    for url in [reverse("livevoting_staff:list"), *staff_urls(session)]:
        assert client.get(url).status_code == 200, url


def test_staff_of_another_authority_get_404(session, other_staff):
    client = staff_client(other_staff)
    assert client.get(reverse("livevoting_staff:list")).status_code == 200  # their own list
    for url in staff_urls(session):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"form": "step", "action": "open", "question": 1}
                           ).status_code in (404, 405), url
    assert session.questions.filter(state="open").count() == 0


def test_a_viewer_and_the_anonymous_public_do_not_moderate(session, towns):
    viewer = staff_client(make_staff(towns["on"], Role.VIEWER, username="radleser"))
    for url in staff_urls(session):
        assert viewer.get(url).status_code == 404, url
        response = Client().get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_module_switched_off_answers_404_for_staff(session, moderator, towns):
    towns["on"].enabled_modules = []
    towns["on"].save()
    client = staff_client(moderator)
    assert client.get(reverse("livevoting_staff:list")).status_code == 404
    for url in staff_urls(session):
        assert client.get(url).status_code == 404, url


def test_a_foreign_question_in_an_own_session_is_404(session, moderator, towns):
    foreign = make_session(towns["other"], title="Fremd")
    client = staff_client(moderator)
    url = reverse("livevoting_staff:question",
                  args=[session.uid, question(foreign, QuestionType.SINGLE).pk])
    assert client.get(url).status_code == 404
    response = client.post(reverse("livevoting_staff:session", args=[session.uid]), {
        "form": "step", "action": "open", "question": question(foreign, QuestionType.SINGLE).pk})
    assert response.status_code == 400
    assert not Question.objects.filter(state="open").exists()


def test_moderator_creates_a_session_with_questions_and_runs_it(towns, moderator):
    client = staff_client(moderator)
    today = datetime.date.today().isoformat()
    response = client.post(reverse("livevoting_staff:list"), {
        "authority": towns["on"].pk, "title": "Workshop", "start_date": today,
        "end_date": today, "live_results": "on", "event_url": "https://example.org/workshop"})
    assert response.status_code == 302
    created = VotingSession.objects.get(title="Workshop")
    assert created.procedure.kind == "live_vote"
    assert created.procedure.phases.get().kind == "live_vote_open"
    url = reverse("livevoting_staff:session", args=[created.uid])
    bad = client.post(url, {"form": "question", "type": "single", "text": "Nur eine Antwort?",
                            "options_text": "Ja", "scale_min": 1, "scale_max": 5})
    assert bad.status_code == 400 and "2 bis 12 verschiedene Antworten" in bad.content.decode()
    assert not created.questions.exists()
    for data in ({"type": "single", "text": "Einverstanden?", "options_text": "Ja\nNein\nJa"},
                 {"type": "scale", "text": "Wie gut?", "scale_min": 1, "scale_max": 10},
                 {"type": "words", "text": "Ein Wort?"}):
        response = client.post(url, {"form": "question", "scale_min": 1, "scale_max": 5,
                                     **data})
        assert response.status_code == 302, response.content.decode()
    first, scale, words = created.questions.all()
    assert first.choices == ["Ja", "Nein"] and scale.scale_values == list(range(1, 11))
    assert words.options == []
    assert client.post(url, {"form": "step", "action": "open", "question": first.pk}
                       ).status_code == 302
    participant(created).post(vote_url(created), {"question": first.pk, "choice": "0"})
    assert client.post(url, {"form": "step", "action": "delete", "question": first.pk}
                       ).status_code == 400  # a question with votes stays
    for action in ("close", "reveal"):
        assert client.post(url, {"form": "step", "action": action, "question": first.pk}
                           ).status_code == 302
    first.refresh_from_db()
    assert first.state == "closed" and first.revealed
    assert client.post(url, {"form": "publish", "publish": "1"}).status_code == 302
    created.refresh_from_db()
    assert created.results_published_at is not None
    # A question with votes can no longer be changed.
    edit = client.post(reverse("livevoting_staff:question", args=[created.uid, first.pk]),
                       {"form": "question", "type": "single", "text": "Anders?",
                        "options_text": "A\nB", "scale_min": 1, "scale_max": 5})
    assert edit.status_code == 400
    first.refresh_from_db()
    assert first.text == "Einverstanden?"


def test_opening_outside_the_days_of_the_session_is_refused(towns, moderator):
    later = make_session(towns["on"], title="Später", open_today=False)
    single = question(later, QuestionType.SINGLE)
    response = staff_client(moderator).post(
        reverse("livevoting_staff:session", args=[later.uid]),
        {"form": "step", "action": "open", "question": single.pk})
    assert response.status_code == 400
    assert "nur an den Tagen der Abstimmung" in response.content.decode()
    single.refresh_from_db()
    assert single.state == "draft"


def test_projector_status_has_an_etag_and_answers_304_until_a_vote(session, moderator):
    client = staff_client(moderator)
    url = reverse("livevoting_staff:projector-status", args=[session.uid])
    single = question(session, QuestionType.SINGLE)
    services.open_question(single)
    first = client.get(url)
    assert first.status_code == 200 and first.json()["question"]["total"] == 0
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    participant(session).post(vote_url(session), {"question": single.pk, "choice": "2"})
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    document = changed.json()["question"]
    assert document["total"] == 1 and [r["count"] for r in document["rows"]] == [0, 0, 1]
    assert client.get(url, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 304


def test_results_wait_for_the_reveal_when_live_results_are_off(towns, moderator):
    quiet = make_session(towns["on"], title="Geheim", live_results=False)
    single = question(quiet, QuestionType.SINGLE)
    services.open_question(single)
    participant(quiet).post(vote_url(quiet), {"question": single.pk, "choice": "0"})
    url = reverse("livevoting_staff:projector-status", args=[quiet.uid])
    client = staff_client(moderator)
    hidden = client.get(url).json()["question"]
    assert hidden["total"] == 1 and hidden["rows"] == [] and not hidden["show_results"]
    services.set_revealed(single, True)
    shown = client.get(url).json()["question"]
    assert [r["count"] for r in shown["rows"]] == [1, 0, 0]


def test_moderator_hides_an_offensive_word(session, moderator):
    words = question(session, QuestionType.WORDS)
    services.open_question(words)
    participant(session).post(vote_url(session), {"question": words.pk, "text": "Blödsinn"})
    participant(session).post(vote_url(session), {"question": words.pk, "text": "Grün"})
    client = staff_client(moderator)
    status = reverse("livevoting_staff:projector-status", args=[session.uid])
    before = client.get(status)
    assert {r["label"] for r in before.json()["question"]["rows"]} == {"Blödsinn", "Grün"}
    vote = Vote.objects.get(text="Blödsinn")
    response = client.post(reverse("livevoting_staff:question", args=[session.uid, words.pk]),
                           {"form": "hide", "vote": vote.pk, "hidden": "1"})
    assert response.status_code == 302
    after = client.get(status, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert [r["label"] for r in after.json()["question"]["rows"]] == ["Grün"]


def test_exports_count_votes_and_neutralise_formulas(session, moderator):
    words = question(session, QuestionType.WORDS)
    services.open_question(words)
    participant(session).post(vote_url(session), {"question": words.pk,
                                                  "text": "=HYPERLINK(1)"})
    single = question(session, QuestionType.SINGLE)
    services.open_question(single)
    for choice in ("0", "0", "1"):
        participant(session).post(vote_url(session), {"question": single.pk, "choice": choice})
    client = staff_client(moderator)
    csv_text = client.get(reverse("livevoting_staff:export-csv", args=[session.uid])
                          ).content.decode("utf-8-sig")
    assert "Soll der Marktplatz autofrei werden?;Einfachauswahl" in csv_text or \
        "Soll der Marktplatz autofrei werden?" in csv_text
    assert ";Ja;2;67;3;" in csv_text and ";Nein;1;33;3;" in csv_text
    assert "'=HYPERLINK(1)" in csv_text and ";=HYPERLINK" not in csv_text
    response = client.get(reverse("livevoting_staff:export-xlsx", args=[session.uid]))
    assert response["Content-Disposition"].endswith(f'{session.code}.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert ("Ja", 2, 67, 3) in {row[4:8] for row in rows}
    answers = list(book.worksheets[1].iter_rows(values_only=True))
    assert answers[1][2] == "'=HYPERLINK(1)"
