"""Exports of the submitted responses: CSV and XLSX (one row per response, formula-safe; the
XLSX has one more sheet per map question with WKT and longitude/latitude per drawing) and
GeoPackage (one layer per map question, EPSG:25832), written with GDAL/OGR."""

import csv
import io
import json
import re
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from osgeo import gdal, ogr, osr

from planning.exports.tabular import neutralise

from .models import QuestionType, Response, Survey

gdal.UseExceptions()
GPKG_SRID = 25832
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_GEOMETRY_TYPES = {QuestionType.MAP_POINT: ogr.wkbMultiPoint,
                   QuestionType.MAP_LINE: ogr.wkbMultiLineString,
                   QuestionType.MAP_AREA: ogr.wkbMultiPolygon}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return neutralise(str(value))


def _responses(survey: Survey):
    return (Response.objects.filter(survey=survey, is_draft=False).order_by("submitted_at", "pk")
            .prefetch_related("answers"))


def csv_text(survey: Survey) -> str:
    questions = list(survey.questions.all())
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["submitted", *[neutralise(q.text) for q in questions]])
    for response in _responses(survey):
        answers = {a.question_id: a for a in response.answers.all()}
        row = [response.submitted_at.strftime("%Y-%m-%dT%H:%M:%S")]
        for question in questions:
            answer = answers.get(question.pk)
            if answer is None:
                row.append("")
            elif answer.geometry is not None:
                row.append(answer.geometry.transform(4326, clone=True).json)
            else:
                row.append(_cell(answer.value))
        writer.writerow(row)
    return "\ufeff" + buffer.getvalue()


def _xlsx_cell(sheet, value):
    """A string cell (never a formula), formula-like text neutralised as in the CSV."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=neutralise(value))
        cell.data_type = "s"  # openpyxl would otherwise turn "=…" into a formula
        return cell
    return WriteOnlyCell(sheet, value=value)


def _sheet_title(text: str, used: set[str]) -> str:
    for char in "[]:*?/\\'":
        text = text.replace(char, " ")
    title = text[:28].strip() or "Sheet"
    candidate, number = title, 2
    while candidate.lower() in used:
        candidate, number = f"{title[:26]} {number}", number + 1
    used.add(candidate.lower())
    return candidate


def xlsx_bytes(survey: Survey) -> bytes:
    questions = list(survey.questions.all())
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    sheet = workbook.create_sheet(_sheet_title(_("Responses"), used))
    sheet.append([_xlsx_cell(sheet, _("Submitted"))]
                 + [_xlsx_cell(sheet, q.text) for q in questions])
    map_rows: dict[int, list] = {q.pk: [] for q in questions if q.type in _GEOMETRY_TYPES}
    for response in _responses(survey):
        answers = {a.question_id: a for a in response.answers.all()}
        submitted = response.submitted_at.strftime("%Y-%m-%dT%H:%M:%S")
        row = [_xlsx_cell(sheet, submitted)]
        for question in questions:
            answer = answers.get(question.pk)
            if answer is None:
                row.append(_xlsx_cell(sheet, ""))
            elif answer.geometry is not None:
                geometry = answer.geometry.transform(4326, clone=True)
                row.append(_xlsx_cell(sheet, geometry.wkt))
                if question.pk in map_rows:
                    for index, part in enumerate(geometry, start=1):
                        map_rows[question.pk].append(
                            (str(response.uid), submitted, index, part.wkt,
                             round(part.centroid.x, 6), round(part.centroid.y, 6)))
            else:
                row.append(_xlsx_cell(sheet, _cell(answer.value)))
        sheet.append(row)
    for question in questions:
        if question.pk not in map_rows:
            continue
        layer = workbook.create_sheet(_sheet_title(layer_name(question), used))
        layer.append([_xlsx_cell(layer, question.text)])
        layer.append([_xlsx_cell(layer, text) for text in (
            _("Response"), _("Submitted"), _("Drawing"), "WKT (EPSG:4326)",
            _("Longitude"), _("Latitude"))])
        for response_uid, submitted, index, wkt, lon, lat in map_rows[question.pk]:
            layer.append([_xlsx_cell(layer, response_uid), _xlsx_cell(layer, submitted), index,
                          _xlsx_cell(layer, wkt), lon, lat])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def layer_name(question) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", question.text.lower()).strip("_")[:40]
    return f"q{question.pk}_{slug}" if slug else f"q{question.pk}"


def write_gpkg(survey: Survey, path: Path) -> dict[str, int]:
    """Write the map answers to `path`; returns features per layer."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(GPKG_SRID)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    counts = {}
    try:
        for question in survey.questions.filter(type__in=list(_GEOMETRY_TYPES)):
            name = layer_name(question)
            layer = dataset.CreateLayer(name, srs, _GEOMETRY_TYPES[question.type])
            layer.CreateField(ogr.FieldDefn("response", ogr.OFTString))
            layer.CreateField(ogr.FieldDefn("submitted", ogr.OFTString))
            layer.CreateField(ogr.FieldDefn("question", ogr.OFTString))
            definition = layer.GetLayerDefn()
            layer.StartTransaction()
            count = 0
            answers = question.answers.filter(response__is_draft=False,
                                              geometry__isnull=False).select_related("response")
            for answer in answers:
                feature = ogr.Feature(definition)
                feature.SetField("response", str(answer.response.uid))
                feature.SetField("submitted",
                                 answer.response.submitted_at.strftime("%Y-%m-%dT%H:%M:%S"))
                feature.SetField("question", question.text)
                geometry = answer.geometry.transform(GPKG_SRID, clone=True)
                feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(geometry.wkb)))
                layer.CreateFeature(feature)
                count += 1
            layer.CommitTransaction()
            counts[name] = count
    finally:
        del dataset
    return counts


def map_geojson(survey: Survey) -> str:
    features = []
    for question in survey.questions.filter(type__in=list(_GEOMETRY_TYPES)):
        for answer in question.answers.filter(response__is_draft=False, geometry__isnull=False):
            features.append({"type": "Feature",
                             "geometry": json.loads(answer.geometry.transform(4326,
                                                                              clone=True).json),
                             "properties": {"question": question.text}})
    return json.dumps({"type": "FeatureCollection", "features": features})
