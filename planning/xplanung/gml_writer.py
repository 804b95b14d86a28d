"""GEOS geometries -> GML 3.2 elements (as XPlanGML 6.0 expects them).

Linearised arcs are written as straight segments. Coordinates are written with Python's
shortest exact representation, so reading the output gives the same numbers back. Every
geometry element gets a gml:id (GML 3.2 requires one), derived from the feature's id.
"""

from django.contrib.gis.geos import GEOSGeometry
from lxml import etree

from .namespaces import GML32

_GML = f"{{{GML32}}}"


def _pos_list(parent, coords) -> None:
    element = etree.SubElement(parent, _GML + "posList", srsDimension="2")
    element.text = " ".join(f"{x!r} {y!r}" for x, y, *_rest in coords)


class GmlWriter:
    """Writes geometries of one feature, numbering the gml:ids of its geometry elements."""

    def __init__(self, feature_id: str) -> None:
        self.feature_id = feature_id
        self.count = 0

    def _element(self, parent, name: str, srs: str | None):
        self.count += 1
        attributes = {_GML + "id": f"{self.feature_id}_g{self.count}"}
        if srs:
            attributes["srsName"] = srs
        if parent is None:
            return etree.Element(_GML + name, attributes)
        return etree.SubElement(parent, _GML + name, attributes)

    def write(self, geometry: GEOSGeometry, *, surface_as_multi: bool = False, parent=None):
        srs = f"EPSG:{geometry.srid}" if geometry.srid else None
        return self._write(geometry, parent, srs, surface_as_multi)

    def _write(self, geometry, parent, srs, surface_as_multi):
        kind = geometry.geom_type
        if kind == "Polygon" and surface_as_multi:
            multi = self._element(parent, "MultiSurface", srs)
            member = etree.SubElement(multi, _GML + "surfaceMember")
            self._polygon(geometry, member, None)
            return multi
        if kind == "Polygon":
            return self._polygon(geometry, parent, srs)
        if kind == "MultiPolygon":
            multi = self._element(parent, "MultiSurface", srs)
            for polygon in geometry:
                self._polygon(polygon, etree.SubElement(multi, _GML + "surfaceMember"), None)
            return multi
        if kind in ("LineString", "LinearRing"):
            line = self._element(parent, "LineString", srs)
            _pos_list(line, geometry.coords)
            return line
        if kind == "MultiLineString":
            multi = self._element(parent, "MultiCurve", srs)
            for line in geometry:
                self._write(line, etree.SubElement(multi, _GML + "curveMember"), None, False)
            return multi
        if kind == "Point":
            point = self._element(parent, "Point", srs)
            position = etree.SubElement(point, _GML + "pos", srsDimension="2")
            position.text = f"{geometry.x!r} {geometry.y!r}"
            return point
        if kind == "MultiPoint":
            multi = self._element(parent, "MultiPoint", srs)
            for point in geometry:
                self._write(point, etree.SubElement(multi, _GML + "pointMember"), None, False)
            return multi
        collection = self._element(parent, "MultiGeometry", srs)
        for member in geometry:
            self._write(member, etree.SubElement(collection, _GML + "geometryMember"), None, False)
        return collection

    def _polygon(self, polygon, parent, srs):
        element = self._element(parent, "Polygon", srs)
        for index, ring in enumerate(polygon):
            boundary = etree.SubElement(element, _GML + ("exterior" if index == 0 else "interior"))
            _pos_list(etree.SubElement(boundary, _GML + "LinearRing"), ring.coords)
        return element
