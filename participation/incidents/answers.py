"""Answers to a category's extra questions (Open311 attributes), checked per datatype."""

import math
from datetime import datetime

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .errors import ReportRefused
from .models import Datatype

MAX_STRING = 200
MAX_TEXT = 4000


def _single(question, value):
    if isinstance(value, (list, tuple)):
        if len(value) > 1:
            raise ReportRefused(_("“%(label)s”: please give one answer only.")
                                % {"label": question.label})
        return value[0] if value else ""
    return value


def _check_one(question, value):
    label = question.label
    if question.datatype == Datatype.MULTIVALUELIST:
        values = value if isinstance(value, (list, tuple)) else [value]
        values = [str(v).strip() for v in values if str(v).strip()]
        allowed = {key for key, _name in question.choices()}
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise ReportRefused(_("“%(label)s”: unknown answer.") % {"label": label})
        return sorted(set(values))
    text = str(_single(question, value) if value is not None else "").strip()
    if not text:
        return None
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in text):
        raise ReportRefused(_("“%(label)s”: please remove control characters.") % {"label": label})
    if question.datatype == Datatype.STRING:
        return " ".join(text.split())[:MAX_STRING]
    if question.datatype == Datatype.TEXT:
        if len(text) > MAX_TEXT:
            raise ReportRefused(_("“%(label)s”: at most %(max)d characters.")
                                % {"label": label, "max": MAX_TEXT})
        return text
    if question.datatype == Datatype.NUMBER:
        try:
            number = float(text.replace(",", ".")) if len(text) <= 40 else math.nan
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise ReportRefused(_("“%(label)s”: please enter a number.") % {"label": label})
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if question.datatype == Datatype.DATETIME:
        try:
            moment = parse_datetime(text) if len(text) <= 40 else None
            if moment is None:
                moment = datetime.fromisoformat(text) if len(text) <= 40 else None
        except ValueError:
            moment = None
        if moment is None:
            raise ReportRefused(_("“%(label)s”: please enter a date and time.") % {"label": label})
        return moment.isoformat()
    if question.datatype == Datatype.SINGLEVALUELIST:
        if text not in {key for key, _name in question.choices()}:
            raise ReportRefused(_("“%(label)s”: unknown answer.") % {"label": label})
        return text
    raise ReportRefused(_("“%(label)s”: unknown question type.") % {"label": label})


def check_answers(category, raw: dict) -> dict:
    """{code: checked value} for the category's questions; unknown codes are ignored."""
    answers = {}
    for question in category.questions.all():
        value = _check_one(question, raw.get(question.code))
        if value in (None, []):
            if question.required:
                raise ReportRefused(_("Please answer “%(label)s”.") % {"label": question.label})
            continue
        answers[question.code] = value
    return answers
