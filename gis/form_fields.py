"""Form fields for geometry sent by the browser (GeoJSON in WGS84, parsed defensively)."""

from django import forms

from .errors import InputError
from .geojson_coordinates import DRAWING_MAX_VERTICES
from .geojson_input import GEOMETRY_TYPES, parse_geometry


class GeoJSONGeometryField(forms.CharField):
    """A hidden GeoJSON text that cleans to a GEOS geometry in EPSG:4326 (or None)."""

    widget = forms.HiddenInput

    def __init__(self, *, allowed=GEOMETRY_TYPES, max_vertices=DRAWING_MAX_VERTICES, **kwargs):
        kwargs.setdefault("required", False)
        self.allowed = allowed
        self.max_vertices = max_vertices
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value) or ""
        if not text.strip():
            return None
        try:
            return parse_geometry(text, allowed=self.allowed, max_vertices=self.max_vertices)
        except InputError as exc:
            raise forms.ValidationError(exc.message) from exc
