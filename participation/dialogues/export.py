"""The staff exports of a dialogue's comments: CSV (UTF-8 with BOM, semicolons, for German
spreadsheets), XLSX (openpyxl) and GeoPackage (the comments with a place as one layer, through
GDAL/OGR). Cells a spreadsheet would run as a formula are neutralised (SECURITY.md C8); in the
XLSX every text is also written as a string cell, never a formula."""

import csv
import html
import io
from pathlib import Path

import nh3
from django.conf import settings
from django.contrib.gis.db.models.functions import Transform
from django.db.models import Count, Q
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GPKG_CONTENT_TYPE = "application/geopackage+sqlite3"
GPKG_LAYER = "kommentare"


def neutralise(value) -> str:
    """Text of a cell; formula-like text (also after leading blanks) gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(" ").startswith(FORMULA_STARTS) else text


def plain_text(sanitised_html: str) -> str:
    """The comment as plain text: links become their text."""
    return html.unescape(nh3.clean(sanitised_html, tags=set()))


def _comments(dialogue):
    return (dialogue.comments.select_related("author", "parent")
            .annotate(agree=Count("ratings", filter=Q(ratings__value=1), distinct=True),
                      disagree=Count("ratings", filter=Q(ratings__value=-1), distinct=True),
                      flag_count=Count("flags", distinct=True),
                      wgs84=Transform("location", 4326))
            .order_by("created_at", "pk"))


def _header() -> list[str]:
    return [_("Comment"), _("Reply to"), _("Written"), _("Status"), _("Topic"), _("Text"),
            _("Place (WKT, WGS84)"), _("Written by"), _("Agree"), _("Disagree"), _("Flags"),
            _("Reason shown publicly"), _("Moderator note (internal)")]


def _row(comment) -> list:
    return [comment.uid, comment.parent.uid if comment.parent_id else "",
            comment.created_at.isoformat(timespec="seconds"), comment.get_status_display(),
            comment.topic, plain_text(comment.text),
            comment.wgs84.wkt if comment.wgs84 is not None else "", comment.author_name,
            comment.agree, comment.disagree, comment.flag_count, comment.public_reason,
            comment.moderator_note]


def comments_csv(dialogue) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(_header())
    for comment in _comments(dialogue):
        writer.writerow([neutralise(value) for value in _row(comment)])
    return buffer.getvalue()


def comments_xlsx(dialogue) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("Comments"))[:31])
    sheet.freeze_panes = "A2"

    def cell(value, *, bold=False):
        if isinstance(value, int | float) and not isinstance(value, bool):
            result = WriteOnlyCell(sheet, value=value)
        else:
            result = WriteOnlyCell(sheet, value=neutralise(value))
            result.data_type = "s"  # never a formula, whatever the text
        if bold:
            result.font = Font(bold=True)
        return result

    sheet.append([cell(title, bold=True) for title in _header()])
    for comment in _comments(dialogue):
        sheet.append([cell(value) for value in _row(comment)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_gpkg(dialogue, path: Path) -> int:
    """The comments with a place as one layer (in the storage SRID); returns the feature count."""
    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    srid = settings.PORTAL_STORAGE_SRID
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(srid)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    count = 0
    try:
        layer = dataset.CreateLayer(GPKG_LAYER, srs, ogr.wkbUnknown)
        fields = [("comment", ogr.OFTString), ("reply_to", ogr.OFTString),
                  ("written", ogr.OFTString), ("status", ogr.OFTString),
                  ("topic", ogr.OFTString), ("text", ogr.OFTString),
                  ("written_by", ogr.OFTString), ("agree", ogr.OFTInteger),
                  ("disagree", ogr.OFTInteger), ("flags", ogr.OFTInteger),
                  ("public_reason", ogr.OFTString), ("moderator_note", ogr.OFTString)]
        for name, kind in fields:
            layer.CreateField(ogr.FieldDefn(name, kind))
        definition = layer.GetLayerDefn()
        layer.StartTransaction()
        for comment in _comments(dialogue).filter(location__isnull=False):
            feature = ogr.Feature(definition)
            values = _row(comment)
            del values[6]  # the WKT column: the geometry is the feature's own
            for (name, kind), value in zip(fields, values, strict=True):
                if kind == ogr.OFTInteger:
                    feature.SetField(name, int(value))
                else:
                    feature.SetField(name, neutralise(value))
            geometry = comment.location.transform(srid, clone=True)
            feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(geometry.wkb)))
            layer.CreateFeature(feature)
            count += 1
        layer.CommitTransaction()
    finally:
        del dataset
    return count
