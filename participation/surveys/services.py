"""Writing responses: start (one per account or code), save a page, submit once.

One response per person is a database rule (unique account per survey, one response per
code), so parallel requests cannot make a second one; submitting is a conditional update of
the draft flag, so only one of parallel submissions succeeds and a submitted response is
never changed again.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import flow
from .models import Answer, ParticipationMode, Question, Response, Survey, SurveyToken
from .parsing import AnswerError, Parsed, field_name, parse


class SurveyClosed(Exception):
    pass


class AlreadySubmitted(Exception):
    pass


@dataclass
class PageResult:
    errors: dict[str, str]

    @property
    def ok(self) -> bool:
        return not self.errors


def token_for(survey: Survey, code: str) -> SurveyToken | None:
    code = (code or "").strip()
    if not code or len(code) > 40:
        return None
    return SurveyToken.objects.filter(survey=survey, code=code).first()


def start_response(survey: Survey, *, account=None, token: SurveyToken | None = None) -> Response:
    """The person's response (existing, or a new draft). Parallel calls give one response."""
    if not survey.is_open():
        raise SurveyClosed
    if survey.participation == ParticipationMode.ACCOUNT:
        lookup = {"survey": survey, "account": account}
    elif survey.participation == ParticipationMode.TOKEN:
        lookup = {"survey": survey, "token": token}
    else:
        return Response.objects.create(survey=survey)
    if None in lookup.values():
        raise ValueError("an account or a code is required")
    existing = Response.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Response.objects.create(**lookup)
    except IntegrityError:
        return Response.objects.get(**lookup)


def _questions(survey: Survey) -> list[Question]:
    return list(survey.questions.all())


def parse_page(questions: list[Question], data) -> tuple[dict[int, Parsed], dict[str, str]]:
    parsed, errors = {}, {}
    for question in questions:
        try:
            answer = parse(question, data)
        except AnswerError as exc:
            errors[field_name(question)] = str(exc)
            continue
        if question.required and answer.empty:
            errors[field_name(question)] = _("Please answer this question.")
            continue
        parsed[question.pk] = answer
    return parsed, errors


def save_page(response: Response, page: int, data) -> PageResult:
    """Check and store the answers of one page of a draft; nothing is stored on an error."""
    questions = _questions(response.survey)
    values = flow.stored_values(response)
    on_page = flow.visible_on(questions, page, values)
    parsed, errors = parse_page(on_page, data)
    if errors:
        return PageResult(errors)
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if not locked.is_draft:
            raise AlreadySubmitted
        for question in on_page:
            answer = parsed[question.pk]
            Answer.objects.filter(response=locked, question=question).delete()
            if not answer.empty:
                value = len(answer.geometry) if answer.geometry is not None else answer.value
                Answer.objects.create(response=locked, question=question, value=value,
                                      geometry=answer.geometry)
        _drop_hidden(locked, questions)
    return PageResult({})


def _drop_hidden(response: Response, questions: list[Question]) -> None:
    values = flow.stored_values(response)
    hidden = [q.pk for q in questions if not flow.is_visible(q, values)]
    if hidden:
        Answer.objects.filter(response=response, question_id__in=hidden).delete()


def missing_required(response: Response) -> list[Question]:
    values = flow.stored_values(response)
    return [q for q in _questions(response.survey)
            if q.required and flow.is_visible(q, values) and q.pk not in values]


def submit(response: Response) -> bool:
    """Submit the draft once; False if it was submitted already (or by a parallel request)."""
    if not response.survey.is_open():
        raise SurveyClosed
    if missing_required(response):
        return False
    changed = Response.objects.filter(pk=response.pk, is_draft=True).update(
        is_draft=False, submitted_at=timezone.now())
    return changed == 1
