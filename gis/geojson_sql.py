"""GeoJSON built by the database and spliced into a FeatureCollection without re-parsing.

The fast path of every GeoJSON endpoint with many features (the layer GeoJSON, the public
statement feed): the database reprojects each geometry to WGS84 and writes the whole feature,
geometry and properties, as one JSON text (`feature_object`: `json_build_object` on
PostgreSQL, `json_object` on SQLite, members in the given order). Python never builds a GEOS
object, a dict per feature or a coordinate list; it only joins the texts.

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


class JsonWithDefaults(Func):
    """The JSON object in `field` with the members of `defaults` added where it lacks them
    (its own members win, null values included). Member order differs between the engines."""

    output_field = TextField()

    def __init__(self, field, defaults: dict, **extra):
        self.keys = list(defaults)
        super().__init__(field, *defaults.values(), **extra)

    def _compiled(self, compiler):
        own, *values = (compiler.compile(e) for e in self.source_expressions)
        return own, values

    def as_postgresql(self, compiler, connection, **extra_context):
        (own, params), values = self._compiled(compiler)
        pairs, pair_params = [], []
        for key, (value_sql, value_params) in zip(self.keys, values, strict=True):
            pairs.append(f"%s, {value_sql}")
            pair_params += [key, *value_params]
        return (f"(JSONB_BUILD_OBJECT({', '.join(pairs)}) || ({own})::jsonb)",
                [*pair_params, *params])

    def as_sqlite(self, compiler, connection, **extra_context):
        # json_insert adds a member only where the path does not exist yet.
        (own, params), values = self._compiled(compiler)
        parts, part_params = [], []
        for key, (value_sql, value_params) in zip(self.keys, values, strict=True):
            parts.append(f"%s, {value_sql}")
            part_params += ['$."' + key.replace('"', "") + '"', *value_params]
        return f"JSON_INSERT({own}, {', '.join(parts)})", [*params, *part_params]


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


def feature_object(*, id, geometry: str, precision: int, properties) -> JsonText:
    """One GeoJSON Feature as JSON text written by the database: id, geometry in WGS84 with
    `precision` decimals, and `properties`: name → expression in the given order, or one
    expression giving the object (e.g. JsonWithDefaults)."""
    if isinstance(properties, dict):
        properties = JsonObject(properties)
    return JsonText(JsonObject({
        "id": id, "type": Value("Feature"),
        "geometry": AsJson(geometry_text(geometry, precision=precision)),
        "properties": properties,
    }))


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
