"""Exports of the submitted responses: CSV (one row per response, formula-safe) and
GeoPackage (one layer per map question, EPSG:25832), written with GDAL/OGR."""

import csv
import io
import json
import re
from pathlib import Path

from osgeo import gdal, ogr, osr

from planning.exports.tabular import neutralise

from .models import QuestionType, Response, Survey

gdal.UseExceptions()
GPKG_SRID = 25832
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
