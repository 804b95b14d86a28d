"""Importing a trail network: read through gis.vector_files (its driver allow-list, archive
limits, CRS check, geometry guard and repair), keep the lines, store them in one transaction."""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from gis.errors import InputError
from gis.srid import storage_srid
from gis.vector_files import read_vector_file

from ..length import as_multilinestring, geodesic_length_m
from ..models import Trail

MAX_TRAILS = 5000
NAME_FIELDS = ("name", "NAME", "Name", "bezeichnung", "BEZEICHNUNG")


@dataclass
class TrailDefaults:
    operator: str = ""
    marking: str = ""


def import_trails(path: Path, *, authority, name_field: str | None = None,
                  defaults: TrailDefaults | None = None) -> list[Trail]:
    """Create one Trail per line feature of the file; InputError for anything unreadable."""
    defaults = defaults or TrailDefaults()
    path = Path(path)
    layer_name = "tracks" if path.suffix.lower() == ".gpx" else None
    layer = read_vector_file(path, target_srid=storage_srid(), max_features=MAX_TRAILS,
                             layer_name=layer_name,
                             required_fields=(name_field,) if name_field else ())
    field = name_field or next((f for f in NAME_FIELDS if f in layer.fields), None)
    trails = []
    for feature in layer.features:
        geometry = as_multilinestring(feature.geometry)
        if geometry is None:
            raise InputError(_("Trails must be lines; feature %(index)d is a %(type)s.")
                             % {"index": feature.index, "type": feature.geometry.geom_type})
        name = str(feature.attributes.get(field) or "").strip() if field else ""
        trails.append(Trail(authority=authority, name=name[:200] or _("Trail %(index)d")
                            % {"index": feature.index}, operator=defaults.operator,
                            marking=defaults.marking, geometry=geometry,
                            length_m=geodesic_length_m(geometry)))
    if not trails:
        raise InputError(_("The file contains no trails."))
    with transaction.atomic():
        for trail in trails:
            trail.save()
    return trails
