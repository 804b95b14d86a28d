"""Results of a survey (staff and, once published, public): counts per option with bar-chart
geometry, numbers, texts, and the map answers as points."""

from collections import Counter
from dataclasses import dataclass, field

from .models import Answer, Question, QuestionType, Survey

CHART_WIDTH = 300
BAR_HEIGHT = 24


@dataclass
class Bar:
    label: str
    count: int
    width: int
    y: int


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    numbers: dict = field(default_factory=dict)

    @property
    def chart_height(self) -> int:
        return BAR_HEIGHT * len(self.bars) + 4


def _bars(counts: dict[str, int]) -> list[Bar]:
    top = max(counts.values(), default=0) or 1
    return [Bar(label=label, count=count, width=round(CHART_WIDTH * count / top),
                y=index * BAR_HEIGHT)
            for index, (label, count) in enumerate(counts.items())]


def submitted_answers(survey: Survey):
    return Answer.objects.filter(response__survey=survey, response__is_draft=False)


def results(survey: Survey) -> list[QuestionResult]:
    by_question: dict[int, list] = {}
    for question_id, value in submitted_answers(survey).values_list("question_id", "value"):
        by_question.setdefault(question_id, []).append(value)
    out = []
    for question in survey.questions.all():
        values = by_question.get(question.pk, [])
        result = QuestionResult(question=question, answered=len(values))
        if question.type in (QuestionType.SINGLE, QuestionType.SCALE, QuestionType.MULTIPLE):
            counts = Counter()
            for value in values:
                counts.update(value if isinstance(value, list) else [value])
            result.bars = _bars({option: counts.get(option, 0) for option in question.choices})
        elif question.type == QuestionType.RANKING:
            firsts = Counter(value[0] for value in values if value)
            result.bars = _bars({option: firsts.get(option, 0) for option in question.choices})
        elif question.type == QuestionType.DATE:
            result.bars = _bars(dict(sorted(Counter(values).items())))
        elif question.type == QuestionType.NUMBER:
            numbers = [v for v in values if isinstance(v, int | float)]
            if numbers:
                result.numbers = {"min": min(numbers), "max": max(numbers),
                                  "mean": round(sum(numbers) / len(numbers), 2)}
        elif question.type == QuestionType.TEXT:
            result.texts = [str(v) for v in values if v]
        out.append(result)
    return out


@dataclass
class MapPoint:
    question: Question
    lon: float
    lat: float


def map_points(survey: Survey) -> list[MapPoint]:
    """One point per drawing of the submitted map answers (WGS84): a place as it is, a line or
    an area by a point on it."""
    points = []
    answers = (submitted_answers(survey).filter(geometry__isnull=False)
               .select_related("question").order_by("question__page", "question__order", "pk"))
    for answer in answers:
        for part in answer.geometry.transform(4326, clone=True):
            point = part if part.geom_type == "Point" else part.point_on_surface
            points.append(MapPoint(question=answer.question, lon=round(point.x, 6),
                                   lat=round(point.y, 6)))
    return points


def points_geojson(points: list[MapPoint]) -> dict:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
         "properties": {"question": p.question.text, "question_id": p.question.pk}}
        for p in points]}


#: Cell size of the density table beside the heat map, in degrees (about 1 km × 0.7 km).
DENSITY_CELL = 0.01


@dataclass
class DensityCell:
    lat: float
    lon: float
    count: int


def density(points: list[MapPoint], limit: int = 20) -> list[DensityCell]:
    """The densest cells of the map answers: the heat map as a table."""
    counts = Counter((round(p.lat / DENSITY_CELL), round(p.lon / DENSITY_CELL)) for p in points)
    return [DensityCell(lat=round(lat * DENSITY_CELL, 2), lon=round(lon * DENSITY_CELL, 2),
                        count=count)
            for (lat, lon), count in counts.most_common(limit)]
