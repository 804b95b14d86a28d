"""Uploading map layers of a plan: vector files and raster scans."""

from functools import lru_cache

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from osgeo import osr

from gis.services.layers import CHOOSABLE_SRIDS


@lru_cache(maxsize=32)
def crs_name(srid: int) -> str:
    """The official name of an EPSG code (from PROJ's database), e.g. 'ETRS89 / UTM zone 32N'."""
    srs = osr.SpatialReference()
    try:
        srs.ImportFromEPSG(srid)
    except RuntimeError:
        return ""
    return srs.GetName() or ""


def srid_choices() -> list[tuple[str, str]]:
    choices = [("", _("As declared in the file (GeoTIFF)"))]
    for srid in CHOOSABLE_SRIDS:
        name = crs_name(srid)
        choices.append((str(srid), f"EPSG:{srid} – {name}" if name else f"EPSG:{srid}"))
    return choices


class VectorLayerForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the layer"), max_length=200,
                           required=False,
                           help_text=gettext_lazy("The file name is used when left empty."))
    file = forms.FileField(
        label=gettext_lazy("Vector file"),
        help_text=gettext_lazy("GeoJSON, GeoPackage, zipped Shapefile or KML with its "
                               "coordinate reference system."),
    )
    style_attribute = forms.CharField(
        label=gettext_lazy("Attribute for styling (optional)"), max_length=100, required=False,
        help_text=gettext_lazy("Features with different values of this attribute are drawn "
                               "in different styles."),
    )

    def style(self) -> dict | None:
        attribute = self.cleaned_data.get("style_attribute")
        return {"attribute": attribute} if attribute else None


class RasterLayerForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the layer"), max_length=200,
                           required=False,
                           help_text=gettext_lazy("The file name is used when left empty."))
    file = forms.FileField(label=gettext_lazy("Raster file"),
                           help_text=gettext_lazy("GeoTIFF, or a PNG/JPEG scan with world file."))
    world_file = forms.FileField(
        label=gettext_lazy("World file"), required=False,
        help_text=gettext_lazy("Required for PNG and JPEG: .pgw, .jgw, .wld (or .tfw)."),
    )
    srid = forms.TypedChoiceField(
        label=gettext_lazy("Coordinate reference system"), required=False, coerce=int,
        empty_value=None,
        help_text=gettext_lazy("Required with a world file; a GeoTIFF declares its own."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["srid"].choices = srid_choices()

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        is_image = bool(upload) and upload.name.lower().endswith((".png", ".jpg", ".jpeg"))
        if is_image and not cleaned.get("world_file"):
            self.add_error("world_file", _(
                "A PNG or JPEG scan needs its world file (.pgw, .jgw, .wld) to be placed on "
                "the map."
            ))
        if (is_image or cleaned.get("world_file")) and cleaned.get("srid") is None \
                and "srid" not in self.errors:
            self.add_error("srid", _("Choose the coordinate reference system of the world file."))
        return cleaned
