"""Vector tiles (Mapbox Vector Tiles) for any queryset with a geometry.

On PostGIS the tile is built in the database (ST_AsMVTGeom + ST_AsMVT over the queryset's own
SQL). On SpatiaLite, which has no MVT functions, the database still selects, reprojects to
EPSG:3857 and clips the geometries; only the protobuf encoding happens in Python
(mapbox-vector-tile). Either way no feature is reprojected in Python.
"""

import re

from django.contrib.gis.db.models.functions import AsWKB, Intersection, Transform
from django.db import connections
from django.db.models import F, QuerySet

from ..srid import WEB_MERCATOR
from .grid import Tile

EXTENT = 4096
BUFFER = 64  # in tile units, as ST_AsMVTGeom's default
_GEOM = "mvt_geom"


_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def _property_aliases(properties: dict[str, str]) -> dict[str, F]:
    # Property names become SQL column aliases: only plain identifiers written in code.
    for name in properties:
        if not _IDENTIFIER.match(name):
            raise ValueError(f"invalid tile property name {name!r}")
    return {f"mvt_{name}": F(lookup) for name, lookup in properties.items()}


def _candidates(queryset: QuerySet, geometry_field: str, tile: Tile) -> QuerySet:
    # The envelope stays in EPSG:3857: the database reprojects it to the storage SRID (creating a
    # coordinate transformation in Python costs more than the whole tile query).
    envelope = tile.envelope(buffer_ratio=BUFFER / EXTENT, densify=1)
    # PostGIS: && (bounding boxes intersect, uses the GiST index). SpatiaLite's MbrOverlaps
    # excludes containment, so it gets an exact intersects test instead.
    lookup = "bboverlaps" if connections[queryset.db].vendor == "postgresql" else "intersects"
    return queryset.filter(**{f"{geometry_field}__{lookup}": envelope})


def encode_tile(queryset: QuerySet, *, geometry_field: str, properties: dict[str, str],
                tile: Tile, layer_name: str) -> bytes:
    """Encode the rows of `queryset` that touch `tile` as one MVT layer.

    `properties` maps property names in the tile to lookups on the queryset's model.
    """
    candidates = _candidates(queryset, geometry_field, tile)
    if connections[queryset.db].vendor == "postgresql":
        return _postgis_tile(candidates, geometry_field, properties, tile, layer_name)
    return _python_encoded_tile(candidates, geometry_field, properties, tile, layer_name)


def encode_tiles(layers: list[tuple[QuerySet, str, dict[str, str], str]], tile: Tile) -> bytes:
    """Several MVT layers in one tile: (queryset, geometry_field, properties, layer_name) each.

    A Mapbox Vector Tile's only top-level field is the repeated `layers`, so the layers encoded
    one by one and concatenated are one valid tile. On PostGIS that is one query for all of
    them (one round trip instead of one per layer); empty layers add nothing.
    """
    if not layers:
        return b""
    database = layers[0][0].db
    if connections[database].vendor != "postgresql":
        return b"".join(
            encode_tile(queryset, geometry_field=geometry_field, properties=properties,
                        tile=tile, layer_name=layer_name)
            for queryset, geometry_field, properties, layer_name in layers)
    parts, args = [], []
    for queryset, geometry_field, properties, layer_name in layers:
        sql, params = _postgis_tile_sql(_candidates(queryset, geometry_field, tile),
                                        geometry_field, properties, tile, layer_name)
        parts.append(f"COALESCE(({sql}), ''::bytea)")
        args.extend(params)
    with connections[database].cursor() as cursor:
        cursor.execute("SELECT " + " || ".join(parts), args)
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""


def _postgis_tile(queryset, geometry_field, properties, tile, layer_name) -> bytes:
    tile_sql, args = _postgis_tile_sql(queryset, geometry_field, properties, tile, layer_name)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(tile_sql, args)
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""


def _postgis_tile_sql(queryset, geometry_field, properties, tile, layer_name):
    aliases = _property_aliases(properties)
    inner = queryset.order_by().annotate(
        **{_GEOM: Transform(geometry_field, WEB_MERCATOR)}, **aliases
    ).values(_GEOM, *aliases.keys())
    sql, params = inner.query.sql_with_params()
    columns = ", ".join(f't."mvt_{name}" AS "{name}"' for name in properties)
    separator = ", " if columns else ""
    # Only the checked aliases and Django's own compiled SQL are formatted in; values are params.
    # No `WHERE geom IS NOT NULL` around it: PostgreSQL pushes such a filter down into the scan,
    # so every row was reprojected, clipped and simplified twice (once for the filter, once for
    # the aggregate). ST_AsMVT skips rows whose geometry clipped away to NULL by itself.
    tile_sql = (
        "SELECT ST_AsMVT(q, %s, %s, 'geom') FROM ("  # noqa: S608
        f"  SELECT ST_AsMVTGeom(t.{_GEOM}, ST_TileEnvelope(%s, %s, %s), %s, %s, true) AS geom"
        f"  {separator}{columns}"
        f"  FROM ({sql}) AS t"
        ") AS q"
    )
    return tile_sql, [layer_name, EXTENT, tile.z, tile.x, tile.y, EXTENT, BUFFER, *params]


def _python_encoded_tile(queryset, geometry_field, properties, tile, layer_name) -> bytes:
    import mapbox_vector_tile
    from shapely import wkb

    clip = tile.envelope(buffer_ratio=BUFFER / EXTENT, densify=1)
    aliases = _property_aliases(properties)
    rows = queryset.annotate(
        **{_GEOM: AsWKB(Intersection(Transform(geometry_field, WEB_MERCATOR), clip))}, **aliases
    ).values(_GEOM, *aliases.keys())
    features = []
    for row in rows:
        raw = row[_GEOM]
        if raw is None:
            continue
        geometry = wkb.loads(bytes(raw))
        if geometry.is_empty:
            continue
        features.append(
            {
                "geometry": geometry,
                "properties": {
                    name: row[f"mvt_{name}"] for name in properties if row[f"mvt_{name}"] is not None
                },
            }
        )
    if not features:
        return b""
    return mapbox_vector_tile.encode(
        [{"name": layer_name, "features": features}],
        default_options={"quantize_bounds": tile.bounds, "extents": EXTENT},
    )
