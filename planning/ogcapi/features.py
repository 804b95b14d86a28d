"""Features of a collection as GeoJSON text, the geometry written by the database.

The geometry is reprojected to WGS84 longitude/latitude (CRS84 axis order, as GeoJSON) and
encoded with AsGeoJSON in SQL; its text is spliced into the Feature as it is, never parsed and
re-serialised per feature. Only the properties are serialised in Python, from `values_list`
rows (no model instances).
"""

import json
from dataclasses import dataclass
from datetime import date

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.contrib.gis.geos import Polygon
from django.db.models import Q, QuerySet

from gis.srid import WGS84

from .params import Interval
from .published import Collection

#: Decimals: 7 for degrees (about 1 cm), 2 for metres.
PRECISION = {4326: 7}
METRIC_PRECISION = 2


@dataclass
class FeatureRow:
    """One feature: its id, its geometry as GeoJSON text, its properties."""

    id: str | int
    geometry: str
    properties: dict

    def as_json(self) -> str:
        feature_id = json.dumps(self.id)
        return ('{"type":"Feature","id":' + feature_id + ',"geometry":'
                + (self.geometry or "null") + ',"properties":'
                + json.dumps(self.properties, ensure_ascii=False, default=_plain) + "}")


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def filtered(collection: Collection, bbox: tuple | None, interval: Interval | None) -> QuerySet:
    """`bbox`: (box, srid) as params.bbox returns it."""
    features = collection.features()
    if bbox is not None:
        corners, srid = bbox
        box = Polygon.from_bbox(corners)
        box.srid = srid
        features = features.filter(**{f"{collection.geometry_field}__intersects": box})
    if interval is not None and collection.date_field:
        # Features without the date do not intersect any interval.
        condition = Q(**{f"{collection.date_field}__isnull": False})
        if interval.start is not None:
            condition &= Q(**{f"{collection.date_field}__gte": interval.start})
        if interval.end is not None:
            condition &= Q(**{f"{collection.date_field}__lte": interval.end})
        features = features.filter(condition)
    return features


def rows(collection: Collection, features: QuerySet, srid: int = WGS84) -> list[FeatureRow]:
    """Features with their geometry in `srid` (WGS84 longitude/latitude by default)."""
    lookups = list(collection.properties.values())
    extra = [collection.attributes_field] if collection.attributes_field else []
    precision = PRECISION.get(srid, METRIC_PRECISION)
    values = (
        features.annotate(ogc_geojson=AsGeoJSON(Transform(collection.geometry_field, srid),
                                                precision=precision))
        .values_list(collection.id_field, "ogc_geojson", *lookups, *extra)
    )
    names = list(collection.properties)
    result = []
    for row in values:
        properties = dict(zip(names, row[2:2 + len(names)], strict=True))
        if extra:
            attributes = row[-1] if isinstance(row[-1], dict) else {}
            properties |= {k: v for k, v in attributes.items() if k not in properties}
        feature_id = str(row[0]) if collection.id_field == "uid" else row[0]
        result.append(FeatureRow(feature_id, row[1], properties))
    return result


def page(collection: Collection, features: QuerySet, offset: int, limit: int,
         srid: int = WGS84) -> list[FeatureRow]:
    return rows(collection, features.order_by("pk")[offset:offset + limit], srid)
