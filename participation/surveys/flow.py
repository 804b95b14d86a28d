"""Which questions a response sees: pages, and conditions evaluated on the stored answers.

A condition names a question on an earlier page, so it is decided before the page is shown
(no JavaScript needed)."""

from .models import Question, Response


def stored_values(response: Response | None) -> dict[int, object]:
    if response is None or response.pk is None:
        return {}
    return {answer.question_id: answer.value for answer in response.answers.all()}


def is_visible(question: Question, values: dict[int, object]) -> bool:
    if question.condition_question_id is None:
        return True
    given = values.get(question.condition_question_id)
    if isinstance(given, list):
        return question.condition_value in given
    return given is not None and str(given) == question.condition_value


def pages(questions: list[Question], values: dict[int, object]) -> list[int]:
    """The page numbers with at least one visible question, in order."""
    return sorted({q.page for q in questions if is_visible(q, values)})


def visible_on(questions: list[Question], page: int, values: dict[int, object]) -> list[Question]:
    return [q for q in questions if q.page == page and is_visible(q, values)]
