"""Small database functions for GeoDjango (STYLE.md §7), portable to PostGIS and SpatiaLite."""

from django.contrib.gis.db.models.functions import GeomOutputGeoFunc
from django.db.models import FloatField, Value


class SimplifyPreserveTopology(GeomOutputGeoFunc):
    """ST_SimplifyPreserveTopology(geom, tolerance) in the geometry's own units."""

    name = "SimplifyPreserveTopology"

    def __init__(self, expression, tolerance, **extra):
        super().__init__(expression, Value(float(tolerance), output_field=FloatField()), **extra)
