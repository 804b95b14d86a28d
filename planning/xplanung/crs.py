"""Coordinate reference systems of XPlanGML: srsName -> EPSG code, axis order, transformations.

srsName values are parsed here into an EPSG integer; a user-supplied string never reaches
osr.SetFromUserInput or SpatialReference(str) (those accept URLs and file names). Only
ImportFromEPSG(int) is called.

Axis order: all geometries in this package are in traditional GIS order (x = easting or
longitude, y = northing or latitude), and every osr.SpatialReference gets
OAMS_TRADITIONAL_GIS_ORDER (SECURITY.md E17). For geographic CRS the order of the numbers in
the file depends on how the CRS is named: the URN/URL forms (urn:ogc:def:crs:EPSG::4326,
http://www.opengis.net/def/crs/EPSG/0/4258) and the AdV "Lat-Lon" names mean latitude first
as the EPSG definition says, so they are swapped on reading; the short form "EPSG:4326" and
"CRS:84" mean longitude first (the GIS convention GDAL also follows).
"""

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from osgeo import osr

osr.UseExceptions()

WGS84 = 4326
ETRS89_LAEA = 3035

#: AdV CRS names (urn:adv:crs:<name>) -> EPSG. Compound names with a height system
#: ("ETRS89_UTM32*DHHN2016_NH") use their horizontal part.
ADV_CRS = {
    "ETRS89_UTM32": 25832,
    "ETRS89_UTM33": 25833,
    "ETRS89_UTM32_3D": 25832,
    "ETRS89_UTM33_3D": 25833,
    "DE_DHDN_3GK2": 31466,
    "DE_DHDN_3GK3": 31467,
    "DE_DHDN_3GK4": 31468,
    "DE_DHDN_3GK5": 31469,
    "DE_RD/83_3GK4": 3398,
    "DE_RD/83_3GK5": 3399,
    "DE_PD/83_3GK3": 3396,
    "DE_PD/83_3GK4": 3397,
    "DE_42/83_3GK4": 2398,
    "DE_42/83_3GK5": 2399,
    "ETRS89_LAT-LON": 4258,
    "ETRS89_LAT-LON_H": 4258,
    "WGS84_LAT-LON": 4326,
    "DE_DHDN_LAT-LON": 4314,
    "ETRS89_LAEA": 3035,
}

_EPSG_SHORT = re.compile(r"^EPSG:(\d{4,6})$", re.IGNORECASE)
_EPSG_URN = re.compile(r"^urn:(?:x-)?ogc:def:crs:EPSG:(?:[0-9.]*:)?(\d{4,6})$", re.IGNORECASE)
_EPSG_URL = re.compile(
    r"^https?://www\.opengis\.net/def/crs/EPSG/[0-9.]+/(\d{4,6})$", re.IGNORECASE
)
_EPSG_XML = re.compile(r"^https?://www\.opengis\.net/gml/srs/epsg\.xml#(\d{4,6})$", re.IGNORECASE)
_ADV_URN = re.compile(r"^urn:adv:crs:([A-Za-z0-9_/.\-]+)(?:\*.*)?$", re.IGNORECASE)
_CRS84 = {"CRS:84", "OGC:CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84"}


@dataclass(frozen=True)
class ParsedCrs:
    """An srsName understood: the EPSG code and whether the file lists latitude first."""

    epsg: int
    latitude_first: bool


@lru_cache(maxsize=256)
def parse_srs_name(srs_name: str) -> ParsedCrs | None:
    """Map an srsName to an EPSG code, or None if it is not understood."""
    text = (srs_name or "").strip()
    if not text or len(text) > 200:
        return None
    if text.upper() in _CRS84 or text.upper().endswith("CRS84"):
        return ParsedCrs(WGS84, latitude_first=False)
    epsg = None
    authority_order = False
    for pattern, authority in (
        (_EPSG_SHORT, False),
        (_EPSG_URN, True),
        (_EPSG_URL, True),
        (_EPSG_XML, False),
    ):
        match = pattern.match(text)
        if match:
            epsg, authority_order = int(match.group(1)), authority
            break
    if epsg is None:
        match = _ADV_URN.match(text)
        if not match:
            return None
        name = match.group(1).upper()
        epsg = ADV_CRS.get(name)
        if epsg is None:
            return None
        authority_order = "LAT-LON" in name
    srs = spatial_reference(epsg)
    if srs is None:
        return None
    latitude_first = bool(authority_order and srs.IsGeographic() and srs.EPSGTreatsAsLatLong())
    return ParsedCrs(epsg, latitude_first=latitude_first)


@lru_cache(maxsize=64)
def spatial_reference(epsg: int) -> osr.SpatialReference | None:
    """The CRS for an EPSG code in traditional GIS axis order, or None if PROJ does not know it."""
    srs = osr.SpatialReference()
    try:
        srs.ImportFromEPSG(int(epsg))
    except RuntimeError:
        return None
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def is_geographic(epsg: int) -> bool:
    srs = spatial_reference(epsg)
    return bool(srs is not None and srs.IsGeographic())


def metres_to_crs_units(epsg: int, metres: float) -> float:
    """A length in metres expressed in the CRS's units (degrees for geographic CRS)."""
    if is_geographic(epsg):
        return metres / 111_000.0
    return metres


_local = threading.local()


def transformation(source: int, target: int) -> osr.CoordinateTransformation:
    """A coordinate transformation, cached per thread (GDAL's are not thread-safe); both ends
    in traditional GIS order."""
    cache = getattr(_local, "transformations", None)
    if cache is None:
        cache = _local.transformations = {}
    key = (source, target)
    if key not in cache:
        cache[key] = osr.CoordinateTransformation(
            spatial_reference(source), spatial_reference(target)
        )
    return cache[key]


def crs_label(epsg: int | None) -> str | None:
    return f"EPSG:{epsg}" if epsg else None
