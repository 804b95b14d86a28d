"""GeoJSON built by the database and spliced into a FeatureCollection without re-parsing.

The fast path of every GeoJSON endpoint with many features (the layer GeoJSON, the public
statement feed): the database reprojects each geometry to WGS84 and writes it as GeoJSON text
(ST_AsGeoJSON / SpatiaLite's AsGeoJSON); Python never builds a GEOS object or a dict per
coordinate. Two ways to add the rest of a feature, both used:

* `feature_object(...)`: the whole feature, properties included, is one JSON text written by
  the database (`json_build_object` on PostgreSQL, `json_object` on SQLite), with the members
  in the given order. Python only joins the texts.
* `splice_feature(...)`: the geometry text comes from the database, the properties are
  serialised by `json` (for properties the database cannot merge the same way on both
  engines, such as a layer's free attributes).

`collection_chunks` wraps the feature texts into a FeatureCollection; `geojson_response`
answers it as application/geo+json. All values reach SQL as parameters, never formatted in.
"""

import json
from collections.abc import Iterable, Iterator

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.db.models import Func, TextField, Value
from django.http import HttpResponse

from .srid import WGS84

GEOJSON_CONTENT_TYPE = "application/geo+json"
#: Features joined per chunk of the response body.
CHUNK_FEATURES = 500


class JsonObject(Func):
    """A JSON object with the given members in the given order, written by the database."""

    output_field = TextField()

    def __init__(self, members: dict, **extra):
        arguments = []
        for key, value in members.items():
            arguments += [Value(key), value]
        super().__init__(*arguments, **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_BUILD_OBJECT", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_OBJECT", **extra_context)


class AsJson(Func):
    """JSON text (or a JSON column) taken as a JSON value, so it nests instead of being quoted."""

    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s)::json",
                           **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON", **extra_context)


class JsonText(Func):
    """A JSON value read back as text (psycopg would parse a `json` column into Python)."""

    output_field = TextField()
    template = "%(expressions)s"

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s)::text",
                           **extra_context)


class UuidText(Func):
    """A UUID column as its canonical text (8-4-4-4-12 lower-case hex) on both engines."""

    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s)::text",
                           **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django keeps UUIDs on SQLite as 32 hex digits without hyphens.
        sql, params = compiler.compile(self.source_expressions[0])
        parts = [f"SUBSTR({sql}, {start}, {length})"
                 for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))]
        return "LOWER(" + " || '-' || ".join(parts) + ")", list(params) * len(parts)


def geometry_text(field: str, *, precision: int) -> AsGeoJSON:
    """The geometry reprojected to WGS84 as GeoJSON text (NULL stays NULL)."""
    return AsGeoJSON(Transform(field, WGS84), precision=precision)


def feature_object(*, id, geometry: str, precision: int, properties: dict) -> JsonText:
    """One GeoJSON Feature as JSON text written by the database: id, geometry in WGS84 with
    `precision` decimals, and `properties` (name → expression) in the given order."""
    return JsonText(JsonObject({
        "id": id, "type": Value("Feature"),
        "geometry": AsJson(geometry_text(geometry, precision=precision)),
        "properties": JsonObject(properties),
    }))


def splice_feature(id: int | str, geometry: str | None, properties: dict) -> str:
    """One GeoJSON Feature from the database's geometry text and properties serialised here."""
    return ('{"type":"Feature","id":' + json.dumps(id) + ',"geometry":' + (geometry or "null")
            + ',"properties":' + json.dumps(properties, ensure_ascii=False) + "}")


def collection_chunks(features: Iterable[str], members: dict | None = None) -> Iterator[str]:
    """A FeatureCollection in pieces: `members` (serialised here) first, then the features."""
    head = {"type": "FeatureCollection", **(members or {})}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ',"features":['
    batch: list[str] = []
    first = True
    for feature in features:
        batch.append(feature)
        if len(batch) == CHUNK_FEATURES:
            yield ("" if first else ",") + ",".join(batch)
            first, batch = False, []
    if batch:
        yield ("" if first else ",") + ",".join(batch)
    yield "]}"


def geojson_response(features: Iterable[str], members: dict | None = None) -> HttpResponse:
    """The FeatureCollection as an application/geo+json response."""
    return HttpResponse((chunk.encode() for chunk in collection_chunks(features, members)),
                        content_type=GEOJSON_CONTENT_TYPE)
