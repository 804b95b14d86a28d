"""A posted answer to one question, checked: the value to store, or a German error.

Map answers come as text (GeoJSON, or one "latitude, longitude" pair per line; the map only
fills that field) and pass gis.geojson_input before a geometry is built.
"""

import datetime
from dataclasses import dataclass

from django.contrib.gis.geos import GEOSGeometry, MultiLineString, MultiPoint, MultiPolygon
from django.utils.translation import gettext as _

from gis.errors import InputError
from gis.geojson_input import geometry_from_object, load_json
from gis.srid import storage_srid

from .models import Question, QuestionType

MAX_TEXT = 5000
MAX_DRAWINGS = 50
MAX_VERTICES = 2000
_SINGULAR = {QuestionType.MAP_POINT: "Point", QuestionType.MAP_LINE: "LineString",
             QuestionType.MAP_AREA: "Polygon"}
_MULTI = {QuestionType.MAP_POINT: MultiPoint, QuestionType.MAP_LINE: MultiLineString,
          QuestionType.MAP_AREA: MultiPolygon}


class AnswerError(ValueError):
    pass


@dataclass
class Parsed:
    value: object = None
    geometry: GEOSGeometry | None = None

    @property
    def empty(self) -> bool:
        return self.value in (None, "", []) and self.geometry is None


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def parse(question: Question, data) -> Parsed:
    """The answer to `question` in the posted QueryDict `data`; AnswerError if invalid."""
    name = field_name(question)
    kind = question.type
    if kind == QuestionType.MULTIPLE:
        chosen = [value for value in data.getlist(name) if value]
        if any(value not in question.choices for value in chosen):
            raise AnswerError(_("Choose from the options offered."))
        return Parsed(value=[c for c in question.choices if c in chosen])
    if kind == QuestionType.RANKING:
        return Parsed(value=_ranking(question, data))
    raw = (data.get(name) or "").strip()
    if kind in (QuestionType.SINGLE, QuestionType.SCALE):
        if raw and raw not in question.choices:
            raise AnswerError(_("Choose from the options offered."))
        return Parsed(value=raw or None)
    if kind == QuestionType.TEXT:
        if len(raw) > MAX_TEXT:
            raise AnswerError(_("The text is too long (at most %(max)d characters).")
                              % {"max": MAX_TEXT})
        return Parsed(value=raw or None)
    if kind == QuestionType.NUMBER:
        return Parsed(value=_number(raw))
    if kind == QuestionType.DATE:
        if not raw:
            return Parsed()
        try:
            return Parsed(value=datetime.date.fromisoformat(raw).isoformat())
        except ValueError as exc:
            raise AnswerError(_("Enter a date as YYYY-MM-DD.")) from exc
    return Parsed(geometry=_geometry(question, raw) if raw else None)


def _number(raw: str):
    if not raw:
        return None
    try:
        number = float(raw.replace(",", "."))
    except ValueError as exc:
        raise AnswerError(_("Enter a number.")) from exc
    if number != number or abs(number) > 1e12:
        raise AnswerError(_("Enter a number."))
    return int(number) if number.is_integer() else number


def _ranking(question: Question, data) -> list[str]:
    name = field_name(question)
    ranks = {}
    for index, option in enumerate(question.choices):
        raw = (data.get(f"{name}_{index}") or "").strip()
        if not raw:
            continue
        if not raw.isdigit() or not 1 <= int(raw) <= len(question.choices):
            raise AnswerError(_("Give each option a different rank from 1 to %(n)d.")
                              % {"n": len(question.choices)})
        ranks[option] = int(raw)
    if not ranks:
        return []
    if len(ranks) != len(question.choices) or len(set(ranks.values())) != len(ranks):
        raise AnswerError(_("Give each option a different rank from 1 to %(n)d.")
                          % {"n": len(question.choices)})
    return sorted(ranks, key=ranks.get)


def _coordinate_lines(raw: str) -> list[list[float]]:
    positions = []
    for line in raw.splitlines():
        line = line.strip()
        if not line:
            continue
        parts = line.replace(";", ",").split(",")
        if len(parts) != 2:
            raise AnswerError(_("Enter one “latitude, longitude” pair per line, or GeoJSON."))
        try:
            lat, lon = (float(part) for part in parts)
        except ValueError as exc:
            raise AnswerError(
                _("Enter one “latitude, longitude” pair per line, or GeoJSON.")) from exc
        positions.append([lon, lat])
    return positions


def _as_geojson(question: Question, raw: str):
    if raw.startswith("{"):
        return load_json(raw)
    positions = _coordinate_lines(raw)
    if question.type == QuestionType.MAP_POINT:
        return {"type": "MultiPoint", "coordinates": positions}
    if question.type == QuestionType.MAP_LINE:
        return {"type": "LineString", "coordinates": positions}
    if positions and positions[0] != positions[-1]:
        positions.append(positions[0])
    return {"type": "Polygon", "coordinates": [positions]}


def _geometry(question: Question, raw: str) -> GEOSGeometry:
    singular = _SINGULAR[question.type]
    allowed = {singular, f"Multi{singular}"}
    try:
        data = _as_geojson(question, raw)
        if isinstance(data, dict) and data.get("type") == "FeatureCollection":
            raise AnswerError(_("Send one geometry, not a feature collection."))
        geometry = geometry_from_object(data, allowed=allowed, max_vertices=MAX_VERTICES)
    except InputError as exc:
        raise AnswerError(str(exc)) from exc
    parts = list(geometry) if geometry.geom_type.startswith("Multi") else [geometry]
    if question.type == QuestionType.MAP_AREA and not all(part.valid for part in parts):
        raise AnswerError(_("An area must not cross itself."))
    limit = min(question.max_count or MAX_DRAWINGS, MAX_DRAWINGS)
    if len(parts) > limit:
        raise AnswerError(_("Draw at most %(max)d.") % {"max": limit})
    multi = _MULTI[question.type](*parts, srid=geometry.srid)
    multi.transform(storage_srid())
    if question.limit_area is not None and not question.limit_area.contains(multi):
        raise AnswerError(_("Stay within the marked area."))
    return multi
