"""Counting the votes of a question: per option, per scale value, or per word (hidden
answers left out of the cloud)."""

from collections import Counter
from dataclasses import dataclass, field

from .models import CHOICE_TYPES, Question, QuestionType
from .sanitise import word_key

MAX_WORDS_SHOWN = 60


@dataclass
class Row:
    label: str
    count: int
    percent: int = 0


@dataclass
class Result:
    question: Question
    total: int
    rows: list[Row] = field(default_factory=list)
    average: float | None = None

    def as_dict(self) -> dict:
        return {"id": self.question.pk, "text": self.question.text, "type": self.question.type,
                "total": self.total, "average": self.average,
                "rows": [{"label": r.label, "count": r.count, "percent": r.percent}
                         for r in self.rows]}


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def result(question: Question) -> Result:
    votes = list(question.votes.values_list("choice", "text", "hidden"))
    total = len(votes)
    if question.type in CHOICE_TYPES:
        counts = Counter(index for choice, _t, _h in votes for index in (choice or []))
        rows = [Row(label, counts[i], _percent(counts[i], total))
                for i, label in enumerate(question.choices)]
        return Result(question, total, rows)
    if question.type == QuestionType.SCALE:
        counts = Counter(choice for choice, _t, _h in votes)
        rows = [Row(str(v), counts[v], _percent(counts[v], total))
                for v in question.scale_values]
        average = round(sum(c for c, _t, _h in votes) / total, 1) if total else None
        return Result(question, total, rows, average)
    shown: dict[str, str] = {}
    counts = Counter()
    for _c, text, hidden in votes:
        if hidden or not text:
            continue
        key = word_key(text)
        shown.setdefault(key, text)
        counts[key] += 1
    rows = [Row(shown[key], count, _percent(count, total))
            for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return Result(question, total, rows[:MAX_WORDS_SHOWN])
