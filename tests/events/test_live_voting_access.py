"""Live votes for checked-in participants only: a ticket holder lends their ticket to the
phone they vote with; the vote counts once the ticket is checked in at the entrance, for a
session of the same authority and (where the session names it) the same event."""

import pytest
from django.urls import reverse

from participation.events.services import NewRegistration, check_in, register
from participation.events.tokens import registration_key, ticket_token
from participation.livevoting import services as voting
from participation.livevoting.models import QuestionType, Vote

from ..livevoting.test_voting import participant, vote_url
from ..livevoting.world import make_session, question
from .conftest import build_event

pytestmark = pytest.mark.django_db


def registered(event, name="Erika Muster"):
    registration, _created = register(event=event, new=NewRegistration(
        name=name, email="erika@example.org"), notify=False)
    return registration, registration.tickets.get()


def lend_ticket(phone, registration, ticket):
    url = reverse("events:ticket-for-voting", args=[registration.event.authority.slug,
                                                    registration_key(registration),
                                                    ticket.number])
    page = phone.get(url.replace("abstimmen/", ""))
    assert "Use this ticket for live voting" in page.content.decode() or \
        "Ticket für die Live-Abstimmung" in page.content.decode()
    assert phone.get(url).status_code == 405
    lent = phone.post(url)
    assert lent.status_code == 200 and 'role="status"' in lent.content.decode()


def test_only_a_checked_in_ticket_of_the_named_event_votes(town, other_town):
    event, other_event = build_event(town), build_event(town, title="Ortsbegehung")
    session = make_session(town, checked_in_only=True,
                           event_url="https://portal.example" + event.get_absolute_url())
    single = question(session, QuestionType.SINGLE)
    voting.open_question(single)
    registration, ticket = registered(event)

    def vote(phone):
        return phone.post(vote_url(session), {"question": single.pk, "choice": "0"})

    phone = participant(session)
    assert vote(phone).status_code == 403  # no ticket on this phone
    lend_ticket(phone, registration, ticket)
    assert vote(phone).status_code == 403  # not checked in yet
    assert check_in(event=event, token=ticket_token(ticket.token_id)).outcome == "ok"
    assert vote(phone).status_code == 302 and Vote.objects.count() == 1

    # A checked-in ticket of another event, or a forged cookie, does not vote here.
    other_registration, other_ticket = registered(other_event, name="Max Muster")
    check_in(event=other_event, token=ticket_token(other_ticket.token_id))
    stranger = participant(session)
    lend_ticket(stranger, other_registration, other_ticket)
    assert vote(stranger).status_code == 403
    forger = participant(session)
    forger.cookies["portal_event_ticket"] = ticket_token(ticket.token_id)[:-2] + "xx"
    assert vote(forger).status_code == 403
    # Nor in another authority's session.
    elsewhere = make_session(other_town, checked_in_only=True)
    elsewhere_question = question(elsewhere, QuestionType.SINGLE)
    voting.open_question(elsewhere_question)
    assert phone.post(vote_url(elsewhere), {"question": elsewhere_question.pk, "choice": "0"}
                      ).status_code == 403
    assert Vote.objects.count() == 1
