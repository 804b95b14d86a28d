"""Writes of live voting: sessions, questions, the moderator's steps, and votes.

- **One vote per device and question.** A vote is one INSERT under the unique constraint
  (question, device hash): of parallel votes with one device token exactly one is stored, the
  others end in `AlreadyVoted` (tests/livevoting/test_concurrency.py, PostGIS).
- **Votes only while the question is open.** The question is read in the same transaction as
  the insert; a vote on a prepared or closed question, or on a session whose phase is not open
  today (Europe/Berlin), is refused with `VoteRefused` and stores nothing.
- **Checked, then stored whole.** The answer is checked against the question (options,
  number of choices, scale range, text length) before anything is written.
- **One open question per session** (a partial unique constraint); opening a question closes
  the one open before, in one transaction.
- Every change the projector shows besides a new vote raises `VotingSession.version` (the
  status's ETag, selectors.status_etag).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import codes
from .models import CHOICE_TYPES, Question, QuestionState, QuestionType, Vote, VotingSession
from .sanitise import MAX_WORDS_LENGTH, clean_words

MAX_OPTIONS = 12
CODE_ATTEMPTS = 10


class VoteRefused(Exception):
    """The vote is not possible (closed question, bad answer); the message says why."""


class AlreadyVoted(VoteRefused):
    pass


@transaction.atomic
def create_session(*, authority, title: str, description: str = "", start_date, end_date,
                   event_url: str = "", checked_in_only: bool = False,
                   live_results: bool = True) -> VotingSession:
    """A procedure of kind "live_vote" with its phase (the days of the meeting) and the
    session with a fresh join code."""
    from portal.models import Phase, Procedure

    from .apps import PHASE_KIND, PROCEDURE_KIND

    procedure = Procedure.objects.create(authority=authority, kind=PROCEDURE_KIND, title=title)
    phase = Phase(procedure=procedure, kind=PHASE_KIND, start_date=start_date,
                  end_date=end_date)
    phase.full_clean()
    phase.save()
    for _attempt in range(CODE_ATTEMPTS):
        code = codes.new_code()
        if not VotingSession.objects.filter(code=code).exists():
            break
    session = VotingSession(authority=authority, procedure=procedure, title=title,
                            description=description, event_url=event_url,
                            checked_in_only=checked_in_only, live_results=live_results,
                            code=code)
    session.full_clean()
    session.save()
    return session


def _bump(session: VotingSession) -> None:
    VotingSession.objects.filter(pk=session.pk).update(version=F("version") + 1)


def add_question(*, session: VotingSession, **fields) -> Question:
    last = session.questions.order_by("-order").values_list("order", flat=True).first() or 0
    question = Question(session=session, order=last + 1, **fields)
    question.full_clean()
    question.save()
    _bump(session)
    return question


@transaction.atomic
def open_question(question: Question) -> Question:
    """Open `question` for voting; the question open before is closed."""
    session = VotingSession.objects.select_for_update().get(pk=question.session_id)
    now = timezone.now()
    session.questions.filter(state=QuestionState.OPEN).exclude(pk=question.pk).update(
        state=QuestionState.CLOSED, closed_at=now)
    Question.objects.filter(pk=question.pk).update(state=QuestionState.OPEN, opened_at=now,
                                                   closed_at=None)
    _bump(session)
    question.refresh_from_db()
    return question


@transaction.atomic
def close_question(question: Question) -> Question:
    Question.objects.filter(pk=question.pk, state=QuestionState.OPEN).update(
        state=QuestionState.CLOSED, closed_at=timezone.now())
    _bump(question.session)
    question.refresh_from_db()
    return question


def set_revealed(question: Question, revealed: bool) -> Question:
    Question.objects.filter(pk=question.pk).update(revealed=revealed)
    _bump(question.session)
    question.refresh_from_db()
    return question


def set_hidden(vote: Vote, hidden: bool) -> None:
    """Hide (or show again) a word-cloud answer: it leaves the projector, the public results
    and the cloud of the export; the staff export keeps it, marked."""
    Vote.objects.filter(pk=vote.pk).update(hidden=hidden)
    _bump(vote.question.session)


def delete_question(question: Question) -> None:
    if question.votes.exists():
        raise ValidationError(_("A question with votes cannot be deleted."))
    session = question.session
    question.delete()
    _bump(session)


def publish_results(session: VotingSession, publish: bool) -> None:
    if publish and session.questions.filter(state=QuestionState.OPEN).exists():
        raise ValidationError(_("Close the open question before publishing the results."))
    VotingSession.objects.filter(pk=session.pk).update(
        results_published_at=timezone.now() if publish else None, version=F("version") + 1)


@dataclass(frozen=True)
class Answer:
    choice: object = None
    text: str = ""


def parse_answer(question: Question, data) -> Answer:
    """The posted answer (a QueryDict or dict of lists) checked against the question."""
    def values(name):
        getter = getattr(data, "getlist", None)
        raw = getter(name) if getter else data.get(name, [])
        return [raw] if isinstance(raw, str) else list(raw or [])

    if question.type in CHOICE_TYPES:
        picked = values("choice")
        indexes = set()
        for value in picked:
            if not str(value).isdigit() or int(value) >= len(question.choices):
                raise VoteRefused(_("Please choose one of the given answers."))
            indexes.add(int(value))
        if not indexes:
            raise VoteRefused(_("Please choose an answer."))
        if question.type == QuestionType.SINGLE and len(indexes) > 1:
            raise VoteRefused(_("Please choose only one answer."))
        if question.max_choices and len(indexes) > question.max_choices:
            raise VoteRefused(_("Please choose at most %(count)d answers.")
                              % {"count": question.max_choices})
        return Answer(choice=sorted(indexes))
    if question.type == QuestionType.SCALE:
        picked = values("choice")
        raw = str(picked[0]).strip() if len(picked) == 1 else ""
        number = int(raw) if raw.lstrip("-").isdigit() and len(raw) < 4 else None
        if number is None or number not in question.scale_values:
            raise VoteRefused(_("Please choose a value from %(low)d to %(high)d.")
                              % {"low": question.scale_min, "high": question.scale_max})
        return Answer(choice=number)
    picked = values("text")
    raw = str(picked[0]) if len(picked) == 1 else ""
    if len(raw) > 1000:
        raise VoteRefused(_("Please answer in at most %(count)d characters.")
                          % {"count": MAX_WORDS_LENGTH})
    text = clean_words(raw)
    if not text:
        raise VoteRefused(_("Please write a short answer."))
    if len(text) > MAX_WORDS_LENGTH:
        raise VoteRefused(_("Please answer in at most %(count)d characters.")
                          % {"count": MAX_WORDS_LENGTH})
    return Answer(text=text)


def cast_vote(*, question: Question, device_token: str, data) -> Vote:
    """Store one vote of the device on the question (see the guarantees at the top)."""
    if not codes.is_device_token(device_token):
        raise VoteRefused(_("Your browser did not send its voting key. Please allow cookies "
                            "for this page and reload it."))
    answer = parse_answer(question, data)
    device = codes.device_hash(device_token)
    try:
        with transaction.atomic():
            current = (Question.objects.select_related("session__procedure")
                       .filter(pk=question.pk).first())
            if current is None or current.state != QuestionState.OPEN:
                raise VoteRefused(_("This question is not open for voting."))
            if not current.session.is_open():
                raise VoteRefused(_("This voting session is not open today."))
            return Vote.objects.create(question=current, device=device,
                                       choice=answer.choice, text=answer.text)
    except IntegrityError as exc:
        raise AlreadyVoted(_("You have already voted on this question.")) from exc


def has_voted(question: Question, device_token: str | None) -> bool:
    if not codes.is_device_token(device_token):
        return False
    return Vote.objects.filter(question=question,
                               device=codes.device_hash(device_token)).exists()


def save_question(*, session: VotingSession, question: Question) -> Question:
    """Store a new or changed question; only a prepared question without votes may change
    (changed answers would falsify the votes already given)."""
    if question.pk:
        stored = Question.objects.filter(pk=question.pk).first()
        if stored is None or stored.state != QuestionState.DRAFT or stored.votes.exists():
            raise ValidationError(_("Only a prepared question without votes can be changed."))
    else:
        last = session.questions.order_by("-order").values_list("order", flat=True).first()
        question.order = (last or 0) + 1
    question.session = session
    question.full_clean()
    question.save()
    _bump(session)
    return question


def move_question(question: Question, step: int) -> None:
    questions = list(question.session.questions.all())
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    if not 0 <= index + step < len(questions):
        return
    questions[index], questions[index + step] = questions[index + step], questions[index]
    with transaction.atomic():
        for order, item in enumerate(questions, start=1):
            if item.order != order:
                Question.objects.filter(pk=item.pk).update(order=order)
    _bump(question.session)
