"""manage.py import_trails on the real Dresden–Prague trail (../shared/data/trails)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from participation.trails.models import Signpost, Trail
from participation.trails.services.signposts import save_signpost

pytestmark = pytest.mark.django_db
GPX = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "trails"
       / "inslichtruecken-gpx__DresdenPrag.Gesamt.gpx")


def run(*args) -> dict:
    out = StringIO()
    call_command("import_trails", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.skipif(not GPX.exists(), reason="../shared/data/trails is absent (real data)")
def test_dresden_prague_imports_with_its_documented_length(forest):
    result = run(str(GPX), "--authority", "walddorf")
    # README of ../shared/data: "a 196 km hiking route Dresden–Pirna–Malerweg–Prague".
    [row] = result["trails"]
    assert row["name"] == "DresdenPrag.Gesamt"
    assert 196_000 <= row["length_m"] < 197_000
    trail = Trail.objects.get(pk=row["id"])
    assert trail.authority == forest["authority"]
    assert trail.geometry.num_geom == 11  # the GPX's 11 track segments
    # A signpost 10 m beside the route (north of a vertex in its middle) gets the trail.
    vertex = trail.geometry[5].coords[len(trail.geometry[5].coords) // 2]
    signpost = save_signpost(Signpost(authority=forest["authority"], location=Point(
        vertex[0], vertex[1] + 10, srid=trail.geometry.srid)))
    assert trail in signpost.trails.all()


def test_geojson_with_name_field(forest, tmp_path):
    path = tmp_path / "wege.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"titel": "Rundweg"},
        "geometry": {"type": "LineString", "coordinates": [[13.0, 51.0], [13.0, 51.01]]}}]}))
    [row] = run(str(path), "--authority", "walddorf", "--name-field", "titel")["trails"]
    assert row["name"] == "Rundweg"
    assert 1100 < row["length_m"] < 1120  # 0.01° of latitude at 51° N: about 1113 m


def test_refuses_points_and_unknown_suffix(forest, tmp_path):
    path = tmp_path / "punkte.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {},
        "geometry": {"type": "Point", "coordinates": [13.0, 51.0]}}]}))
    with pytest.raises(CommandError, match="Linien|lines"):  # in the active language
        run(str(path), "--authority", "walddorf")
    other = tmp_path / "wege.csv"
    other.write_text("x")
    with pytest.raises(CommandError):
        run(str(other), "--authority", "walddorf")
    assert not Trail.objects.filter(name="Rundweg").exists()
