"""A live-voting session with a question of every type, open today, for tests and the
adversarial world."""

import datetime

from participation.livevoting import services
from participation.livevoting.models import Question, QuestionType, Vote


def switch_on(authority) -> None:
    if not authority.has_module("livevoting"):
        authority.enabled_modules = [*(authority.enabled_modules or []), "livevoting"]
        authority.save(update_fields=["enabled_modules"])


def make_session(authority, *, title="Bürgerversammlung", open_today=True, **options):
    switch_on(authority)
    today = datetime.date.today()
    start = today if open_today else today + datetime.timedelta(days=10)
    session = services.create_session(authority=authority, title=title, start_date=start,
                                      end_date=start, **options)
    services.add_question(session=session, type=QuestionType.SINGLE,
                          text="Soll der Marktplatz autofrei werden?",
                          options=["Ja", "Nein", "Egal"])
    services.add_question(session=session, type=QuestionType.MULTIPLE,
                          text="Was fehlt am Platz?", options=["Bäume", "Bänke", "Brunnen"],
                          max_choices=2)
    services.add_question(session=session, type=QuestionType.SCALE,
                          text="Wie zufrieden sind Sie?", scale_min=1, scale_max=5,
                          scale_min_label="gar nicht", scale_max_label="sehr")
    services.add_question(session=session, type=QuestionType.WORDS,
                          text="Ein Wort zum Platz?")
    return session


def question(session, kind) -> Question:
    return session.questions.get(type=kind)


def build_live_voting(authority, key: str, secret: str) -> dict:
    """The module's objects of an adversarial-world tenant: an open session whose word
    question is open (so the voting form is on its page), with an answer the moderator hid
    that carries the secret marker (only the authority's staff may see it)."""
    session = make_session(authority, title=f"Abstimmung {key}")
    words = question(session, QuestionType.WORDS)
    services.open_question(words)
    Vote.objects.create(question=words, device="0" * 64, text=f"{secret} Wort", hidden=True)
    return {"live_session": session, "live_question": words}
