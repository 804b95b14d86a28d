"""The Geltungsbereich on a form: drawn on a map (GeoJSON in WGS84) or read from a file.

The map is progressive enhancement: the field itself is a labelled GeoJSON text area that works
without JavaScript; planning/js/area_editor.js puts a Leaflet map with drawing tools
(Leaflet.draw, bundled with django-leaflet) in front of it and writes what is drawn into the
text area. The non-map alternative is a file (GeoJSON, GeoPackage, zipped Shapefile, KML) read
with gis.vector_files.read_vector_file.
"""

import json
import tempfile
from pathlib import Path, PurePath

from django import forms
from django.conf import settings
from django.contrib.gis.geos import MultiPolygon
from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gis.errors import InputError
from gis.geojson_input import geometry_from_object
from gis.polygon_union import combine_polygons
from gis.srid import WGS84, storage_srid
from gis.vector_files import read_vector_file

AREA_FILE_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip", ".kml")
MAX_AREA_FILE_BYTES = 20 * 1024 * 1024
MAX_AREA_FEATURES = 10_000
MAX_AREA_TEXT = 5_000_000
#: Positions of all drawn or pasted polygons of one area together.
MAX_DRAWN_AREA_VERTICES = 100_000
AREA_TYPES = {"Polygon", "MultiPolygon"}


def _no_constants(name):
    raise ValueError(_("%(name)s is not a number") % {"name": name})


def read_area_file(upload) -> MultiPolygon:
    """The union of the polygons of an uploaded vector file, in the storage SRID.

    Raises InputError with a message for the user.
    """
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in AREA_FILE_SUFFIXES:
        raise InputError(
            _("“%(name)s” is not an accepted file for the Geltungsbereich; use GeoJSON, "
              "GeoPackage, a zipped Shapefile or KML.") % {"name": upload.name}
        )
    if not upload.size:
        raise InputError(_("The file is empty."))
    if upload.size > MAX_AREA_FILE_BYTES:
        raise InputError(
            _("The file is %(size)d MB; at most %(max)d MB are allowed for a Geltungsbereich.")
            % {"size": upload.size // (1024 * 1024), "max": MAX_AREA_FILE_BYTES // (1024 * 1024)}
        )
    with tempfile.TemporaryDirectory(prefix="area-") as tmp:
        path = Path(tmp) / f"area{suffix}"  # a generated name, never the user's
        with open(path, "wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        try:
            data = read_vector_file(path, target_srid=storage_srid(), polygons_only=True,
                                    max_features=MAX_AREA_FEATURES)
        except InputError as exc:
            # GDAL names the temporary file; the user knows the file by its own name.
            raise InputError(exc.message.replace(str(path), upload.name),
                             location=exc.location) from exc
    if not data.features:
        raise InputError(_("The file contains no features."))
    return combine_polygons([feature.geometry for feature in data.features], storage_srid())


def _geometries_of(data) -> list[dict]:
    """The geometry objects of a GeoJSON geometry, Feature or FeatureCollection."""
    if not isinstance(data, dict):
        return []
    kind = data.get("type")
    if kind == "FeatureCollection":
        return [g for f in data.get("features") or [] for g in _geometries_of(f)]
    if kind == "Feature":
        return _geometries_of(data.get("geometry"))
    if kind == "GeometryCollection":
        return [g for item in data.get("geometries") or [] for g in _geometries_of(item)]
    return [data] if kind else []


def _canonical(text) -> str:
    if text is None or not str(text).strip():
        return ""
    try:
        return json.dumps(json.loads(text), sort_keys=True)
    except (ValueError, RecursionError):  # deeply nested JSON is compared as text
        return str(text).strip()


class AreaMapWidget(forms.Textarea):
    """A GeoJSON text area with a drawing map in front of it (see area_editor.js)."""

    template_name = "planning/staff/area_widget.html"

    def __init__(self, attrs=None):
        defaults = {"rows": 6, "cols": 60, "spellcheck": "false", "class": "area-editor__text"}
        super().__init__({**defaults, **(attrs or {})})
        self.jurisdiction = None  # GeoJSON (WGS84) of the authority's jurisdiction, if known

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["invalid"] = context["widget"]["attrs"].get("aria-invalid") == "true"
        context["widget"]["field_label"] = getattr(self, "field_label", "")
        context["widget"]["field_help"] = getattr(self, "field_help", "")
        context["widget"]["ids"] = {
            "input": widget_id, "map": f"{widget_id}-map", "hint": f"{widget_id}-hint",
            "status": f"{widget_id}-status", "config": f"{widget_id}-config",
            "clear": f"{widget_id}-clear",
        }
        context["widget"]["config"] = {
            "inputId": widget_id,
            "mapId": f"{widget_id}-map",
            "statusId": f"{widget_id}-status",
            "clearId": f"{widget_id}-clear",
            "basemap": {
                "url": settings.PORTAL_BASEMAP_URL,
                "attribution": settings.PORTAL_BASEMAP_ATTRIBUTION,
                "maxZoom": settings.PORTAL_BASEMAP_MAX_ZOOM,
            },
            "center": settings.PORTAL_DEFAULT_CENTER,
            "zoom": settings.PORTAL_DEFAULT_ZOOM,
            "jurisdiction": self.jurisdiction,
            "leafletImagePath": static("leaflet/images/"),
            "text": _widget_texts(),
        }
        return context


def _widget_texts() -> dict:
    # The Leaflet.draw strings use django-leaflet's msgids, so its translations apply.
    return {
        "drawn": _("The drawn Geltungsbereich has %(count)s part(s)."),
        "empty": _("No Geltungsbereich is drawn."),
        "invalid": _("The text is not a GeoJSON area; the map shows the last valid area."),
        "loaded": _("The map shows the Geltungsbereich from the text field."),
        "draw": {
            "toolbar": {
                "actions": {"title": _("Cancel drawing"), "text": _("Cancel")},
                "finish": {"title": _("Finish drawing"), "text": _("Finish")},
                "undo": {"title": _("Delete last point drawn"), "text": _("Delete last point")},
                "buttons": {"polygon": _("Draw a polygon"), "rectangle": _("Draw a rectangle")},
            },
            "handlers": {
                "polygon": {"tooltip": {
                    "start": _("Click to start drawing shape."),
                    "cont": _("Click to continue drawing shape."),
                    "end": _("Click first point to close this shape."),
                }},
                "polyline": {"error": _("<strong>Error:</strong> shape edges cannot cross!")},
                "rectangle": {"tooltip": {"start": _("Click and drag to draw rectangle.")}},
                "simpleshape": {"tooltip": {"end": _("Release mouse to finish drawing.")}},
            },
        },
        "edit": {
            "toolbar": {
                "actions": {
                    "save": {"title": _("Save changes."), "text": _("Save")},
                    "cancel": {"title": _("Cancel editing, discards all changes."),
                               "text": _("Cancel")},
                    "clearAll": {"title": _("Clear all layers."), "text": _("Clear all")},
                },
                "buttons": {
                    "edit": _("Edit layers"), "editDisabled": _("No layers to edit."),
                    "remove": _("Delete layers"), "removeDisabled": _("No layers to delete."),
                },
            },
            "handlers": {
                "edit": {"tooltip": {
                    "text": _("Drag handles, or marker to edit feature."),
                    "subtext": _("Click cancel to undo changes."),
                }},
                "remove": {"tooltip": {"text": _("Click on a feature to remove")}},
            },
        },
    }


class AreaField(forms.CharField):
    """GeoJSON (WGS84) of polygons -> a MultiPolygon in WGS84, or None when empty."""

    widget = AreaMapWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", True)
        kwargs.setdefault("max_length", MAX_AREA_TEXT)
        super().__init__(**kwargs)
        # The widget renders its own label and help text (inside a disclosure below the map).
        self.widget.field_label = self.label
        self.widget.field_help = self.help_text

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            data = json.loads(text, parse_constant=_no_constants)
        except (ValueError, RecursionError) as exc:
            raise ValidationError(
                _("The Geltungsbereich is not valid GeoJSON: %(reason)s") % {"reason": str(exc)},
                code="invalid",
            ) from exc
        geometries = []
        for item in _geometries_of(data):
            if item.get("type") not in ("Polygon", "MultiPolygon"):
                raise ValidationError(
                    _("The Geltungsbereich must consist of polygons, not of a %(type)s.")
                    % {"type": item.get("type")}, code="not_polygon",
                )
            try:
                geometry = geometry_from_object(item, allowed=AREA_TYPES,
                                                max_vertices=MAX_DRAWN_AREA_VERTICES)
            except InputError as exc:
                raise ValidationError(exc.message, code="geometry") from exc
            geometries.append(geometry)
        if not geometries:
            raise ValidationError(_("The text contains no area (polygon)."), code="empty")
        if sum(geometry.num_coords for geometry in geometries) > MAX_DRAWN_AREA_VERTICES:
            raise ValidationError(
                _("The drawn geometry has too many points (at most %(max)d).")
                % {"max": MAX_DRAWN_AREA_VERTICES}, code="too_many_points",
            )
        # A drawing that crosses itself is refused, not repaired: the repair of a crafted
        # polygon is unbounded (issue #9); files are repaired in the sandbox instead.
        if not all(geometry.valid for geometry in geometries):
            raise ValidationError(_(
                "The drawn area crosses itself. Draw it again without crossing lines, or upload "
                "it as a file (files are repaired)."
            ), code="self_intersection")
        try:
            return combine_polygons(geometries, WGS84)
        except InputError as exc:
            raise ValidationError(exc.message, code="geometry") from exc

    def has_changed(self, initial, data) -> bool:
        return _canonical(initial) != _canonical(data)


AREA_FILE_HELP = gettext_lazy(
    "The alternative to drawing: a GeoJSON, GeoPackage, zipped Shapefile or KML file with the "
    "coordinate reference system declared. All polygons of its first layer together become the "
    "Geltungsbereich and replace the drawn one."
)
