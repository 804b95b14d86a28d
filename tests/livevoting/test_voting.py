"""Participants through HTTP: joining by code, voting once per device and question, refusals
with clear messages that store nothing, the check-in hook, the status documents and the
published results."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from participation.livevoting import codes, services
from participation.livevoting.models import QuestionType, Vote
from participation.livevoting.results import result

from .world import make_session, question

pytestmark = pytest.mark.django_db


def vote_url(session) -> str:
    return reverse("livevoting:vote", args=[session.code])


def participant(session) -> Client:
    """A phone: the first visit of the voting page gives its device cookie."""
    client = Client()
    response = client.get(vote_url(session))
    assert response.status_code == 200
    assert codes.is_device_token(response.cookies["livevoting_device"].value)
    return client


def test_join_by_typed_code_forgives_case_and_blanks(session):
    typed = f"{session.code[:3].lower()} {session.code[3:].lower()}"
    response = Client().post(reverse("livevoting:join"), {"code": typed})
    assert response.status_code == 302 and response["Location"] == vote_url(session)


@pytest.mark.parametrize("typed, message", [
    ("", "Dieses Feld ist zwingend erforderlich."),
    ("ABC", "Ein Code hat 6 Buchstaben und Ziffern"),
    ("O0I1L5", "Ein Code hat 6 Buchstaben und Ziffern"),  # look-alikes are never in a code
    ("ZZZZZZ", "Keine Live-Abstimmung hat diesen Code"),
])
def test_join_refuses_bad_codes_with_a_clear_message(session, typed, message):
    response = Client(HTTP_ACCEPT_LANGUAGE="de").post(reverse("livevoting:join"),
                                                      {"code": typed})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_join_code_of_a_module_switched_off_is_unknown(session, towns):
    towns["on"].enabled_modules = []
    towns["on"].save()
    response = Client().post(reverse("livevoting:join"), {"code": session.code})
    assert response.status_code == 400
    assert Client().get(vote_url(session)).status_code == 404
    assert Client().get(reverse("livevoting:status", args=[session.code])).status_code == 404
    assert Client().get(reverse("livevoting:session", args=["radstadt", session.uid])
                        ).status_code == 404


def test_thirty_participants_vote_once_each(session):
    single = question(session, QuestionType.SINGLE)
    services.open_question(single)
    phones = [participant(session) for _i in range(30)]
    for number, phone in enumerate(phones):
        response = phone.post(vote_url(session), {"question": single.pk,
                                                  "choice": str(number % 3)})
        assert response.status_code == 302, response.content
    page = phones[0].get(vote_url(session))
    assert "Thank you, your vote is counted." in page.content.decode() or \
        "Danke, Ihre Stimme ist gezählt." in page.content.decode()
    # A second vote of the same phone is refused and changes nothing.
    again = phones[0].post(vote_url(session), {"question": single.pk, "choice": "1"})
    assert again.status_code == 409
    found = result(single)
    assert found.total == 30 and [row.count for row in found.rows] == [10, 10, 10]


def test_a_new_phone_has_a_new_device(session):
    single = question(session, QuestionType.SINGLE)
    services.open_question(single)
    one, two = participant(session), participant(session)
    assert one.cookies["livevoting_device"].value != two.cookies["livevoting_device"].value
    stored = Vote.objects.none()
    for phone in (one, two):
        assert phone.post(vote_url(session), {"question": single.pk, "choice": "0"}
                          ).status_code == 302
    stored = Vote.objects.filter(question=single)
    assert stored.count() == 2
    # Only the hash of the token is stored, never the token.
    assert one.cookies["livevoting_device"].value not in {v.device for v in stored}


@pytest.mark.parametrize("kind, data, message", [
    (QuestionType.SINGLE, {"choice": "7"}, "Bitte wählen Sie eine der angegebenen Antworten."),
    (QuestionType.SINGLE, {"choice": ["0", "1"]}, "Bitte wählen Sie nur eine Antwort."),
    (QuestionType.SINGLE, {}, "Bitte wählen Sie eine Antwort."),
    (QuestionType.SINGLE, {"choice": "-1"}, "Bitte wählen Sie eine der angegebenen Antworten."),
    (QuestionType.MULTIPLE, {"choice": ["0", "1", "2"]}, "höchstens 2 Antworten"),
    (QuestionType.SCALE, {"choice": "6"}, "einen Wert von 1 bis 5"),
    (QuestionType.SCALE, {"choice": "drei"}, "einen Wert von 1 bis 5"),
    (QuestionType.WORDS, {"text": "x" * 41}, "höchstens 40 Zeichen"),
    (QuestionType.WORDS, {"text": "<b></b>  "}, "Bitte schreiben Sie eine kurze Antwort."),
])
def test_bad_answers_are_refused_and_store_nothing(session, kind, data, message):
    target = question(session, kind)
    services.open_question(target)
    phone = participant(session)
    phone.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"
    response = phone.post(vote_url(session), {"question": target.pk, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Vote.objects.exists()


def test_word_answers_are_sanitised(session):
    words = question(session, QuestionType.WORDS)
    services.open_question(words)
    phone = participant(session)
    response = phone.post(vote_url(session), {
        "question": words.pk, "text": "<script>alert(1)</script><b>Mehr\u202e Bäume</b>\n"})
    assert response.status_code == 302
    assert Vote.objects.get().text == "Mehr Bäume"


def test_votes_only_on_the_open_question(session):
    single, scale = question(session, QuestionType.SINGLE), question(session, QuestionType.SCALE)
    phone = participant(session)
    assert phone.post(vote_url(session), {"question": single.pk, "choice": "0"}
                      ).status_code == 409  # nothing open yet
    services.open_question(single)
    assert phone.post(vote_url(session), {"question": scale.pk, "choice": "3"}
                      ).status_code == 409  # a prepared question
    services.open_question(scale)  # closes the single-choice question
    single.refresh_from_db()
    assert single.state == "closed"
    assert phone.post(vote_url(session), {"question": single.pk, "choice": "0"}
                      ).status_code == 409
    assert not Vote.objects.exists()
    with pytest.raises(services.VoteRefused):
        services.cast_vote(question=single, device_token=codes.new_device_token(),
                           data={"choice": ["0"]})


def test_a_vote_without_the_device_cookie_is_refused(session):
    single = question(session, QuestionType.SINGLE)
    services.open_question(single)
    client = Client(enforce_csrf_checks=False)
    response = client.post(vote_url(session), {"question": single.pk, "choice": "0"})
    assert response.status_code == 400
    assert not Vote.objects.exists()


def test_a_session_not_open_today_takes_no_votes(towns):
    later = make_session(towns["on"], title="Später", open_today=False)
    single = question(later, QuestionType.SINGLE)
    services.open_question(single)  # the service allows it; the staff step refuses it
    phone = participant(later)
    response = phone.post(vote_url(later), {"question": single.pk, "choice": "0"})
    assert response.status_code == 400
    assert not Vote.objects.exists()


@override_settings(PORTAL_LIVE_VOTING_CHECK_IN="")
def test_checked_in_only_refuses_without_a_check_function(towns):
    restricted = make_session(towns["on"], title="Nur mit Ticket", checked_in_only=True)
    single = question(restricted, QuestionType.SINGLE)
    services.open_question(single)
    phone = participant(restricted)
    response = phone.post(vote_url(restricted), {"question": single.pk, "choice": "0"})
    assert response.status_code == 403
    assert not Vote.objects.exists()


@override_settings(PORTAL_LIVE_VOTING_CHECK_IN="tests.livevoting.checkin_stub.cookie_ticket")
def test_checked_in_only_asks_the_configured_check(towns):
    restricted = make_session(towns["on"], title="Nur mit Ticket", checked_in_only=True)
    single = question(restricted, QuestionType.SINGLE)
    services.open_question(single)
    without, holder = participant(restricted), participant(restricted)
    assert without.post(vote_url(restricted), {"question": single.pk, "choice": "0"}
                        ).status_code == 403
    holder.cookies["ticket"] = "eingecheckt"
    assert holder.post(vote_url(restricted), {"question": single.pk, "choice": "0"}
                       ).status_code == 302
    assert Vote.objects.count() == 1


def test_phone_status_answers_304_until_another_question_opens(session):
    url = reverse("livevoting:status", args=[session.code])
    client = Client()
    first = client.get(url)
    assert first.json() == {"question": None}
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    single = question(session, QuestionType.SINGLE)
    services.open_question(single)
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed.json() == {"question": single.pk}


def test_results_are_public_only_once_published(session, moderator):
    single = question(session, QuestionType.SINGLE)
    services.open_question(single)
    participant(session).post(vote_url(session), {"question": single.pk, "choice": "1"})
    page_url = reverse("livevoting:session", args=["radstadt", session.uid])
    page = Client().get(page_url).content.decode()
    assert single.text not in page
    with pytest.raises(ValidationError, match="offene Frage"):
        services.publish_results(session, True)
    services.close_question(single)
    services.publish_results(session, True)
    page = Client().get(page_url).content.decode()
    assert single.text in page and "<td>Nein</td><td>1</td><td>100 %</td>" in page


def test_hidden_word_answers_leave_the_public_results(session):
    words = question(session, QuestionType.WORDS)
    services.open_question(words)
    for text in ("Bäume", "bäume", "Schimpfwort"):
        participant(session).post(vote_url(session), {"question": words.pk, "text": text})
    services.set_hidden(Vote.objects.get(text="Schimpfwort"), True)
    services.close_question(words)
    services.publish_results(session, True)
    page = Client().get(reverse("livevoting:session", args=["radstadt", session.uid]))
    content = page.content.decode()
    assert "Bäume" in content and "Schimpfwort" not in content
    assert [(r.label, r.count) for r in result(words).rows] == [("Bäume", 2)]


def test_the_authority_page_lists_the_open_session(session):
    content = Client().get("/radstadt/").content.decode()
    assert session.title in content


def test_codes_have_no_look_alikes():
    for _i in range(200):
        code = codes.new_code()
        assert len(code) == 6 and not set(code) & set("0O1IL")
        assert codes.normalise_code(code.lower()) == code
    assert codes.normalise_code("ABC-234") == "ABC234"
    assert codes.normalise_code("ABCD234") is None


def test_opening_a_question_closes_the_open_one(session):
    single, scale = question(session, QuestionType.SINGLE), question(session, QuestionType.SCALE)
    services.open_question(single)
    services.open_question(scale)
    assert list(session.questions.filter(state="open")) == [scale]
    assert session.questions.get(pk=single.pk).closed_at is not None
    assert datetime.date.today() >= session.procedure.phases.get().start_date


def test_votes_and_joins_are_rate_limited_per_client(session, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "live-vote-client": "3/h",
                                   "live-join-client": "2/h"}
    single = question(session, QuestionType.SINGLE)
    services.open_question(single)
    statuses = [participant(session).post(vote_url(session), {"question": single.pk,
                                                              "choice": "0"}).status_code
                for _i in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert Vote.objects.count() == 3
    joins = [Client().post(reverse("livevoting:join"), {"code": session.code}).status_code
             for _i in range(3)]
    assert joins == [302, 302, 429]
