"""The layer GeoJSON (/api/layers/<uid>/features.geojson): bbox, the feature cap, one query.

Features are stored directly (no ingest), a grid of small squares near Dresden.
"""

import json

import pytest
from django.contrib.gis.geos import Point, Polygon
from django.test import Client

from gis.models import Feature, IngestStatus, Layer, LayerKind
from gis.views import layers

pytestmark = pytest.mark.django_db

#: 4 x 3 points 0.01° apart from 13.70°E 51.00°N (stored in the storage SRID).
GRID = [(13.70 + 0.01 * i, 51.00 + 0.01 * j) for j in range(3) for i in range(4)]


def _stored(lon, lat):
    srid = Feature._meta.get_field("geometry").srid
    return Point(lon, lat, srid=4326).transform(srid, clone=True)


@pytest.fixture
def layer():
    layer = Layer.objects.create(name="grid", kind=LayerKind.VECTOR, status=IngestStatus.DONE,
                                 is_public=True, feature_count=len(GRID))
    square = Polygon.from_bbox((13.737, 51.005, 13.745, 51.015))
    square.srid = 4326
    srid = Feature._meta.get_field("geometry").srid
    for index, (lon, lat) in enumerate(GRID):
        Feature.objects.create(layer=layer, geometry=_stored(lon, lat), label=f"{lon:.2f} {lat:.2f}",
                               feature_class="punkt", style_key="a", source_index=index,
                               attributes={"n": index, "leer": None, "class": "überschrieben"})
    Feature.objects.create(layer=layer, geometry=square.transform(srid, clone=True),
                           label="Fläche", source_index=len(GRID), attributes={})
    Layer.objects.filter(pk=layer.pk).update(feature_count=len(GRID) + 1)
    layer.refresh_from_db()
    return layer


def url(layer):
    return f"/api/layers/{layer.uid}/features.geojson"


def labels(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return [f["properties"]["label"] for f in json.loads(response.content)["features"]]


def test_whole_layer_keeps_its_properties_and_order(layer):
    data = json.loads(Client().get(url(layer)).content)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == len(GRID) + 1
    first = data["features"][0]
    assert first["type"] == "Feature" and isinstance(first["id"], int)
    # Attributes override the built-in members, as before; null attributes stay null.
    assert first["properties"] == {"class": "überschrieben", "key": "a", "label": "13.70 51.00",
                                   "n": 0, "leer": None}
    lon, lat = first["geometry"]["coordinates"]
    assert abs(lon - 13.70) < 1e-6 and abs(lat - 51.00) < 1e-6
    assert [f["properties"].get("n") for f in data["features"]][:len(GRID)] == list(range(len(GRID)))


def test_bbox_selects_the_features_that_intersect_it(layer, django_assert_max_num_queries):
    with django_assert_max_num_queries(2) as captured:
        response = Client().get(url(layer), {"bbox": "13.715,51.005,13.735,51.025"})
    assert labels(response) == ["13.72 51.01", "13.73 51.01", "13.72 51.02", "13.73 51.02"]
    assert not any("COUNT(" in q["sql"].upper() for q in captured.captured_queries)
    # A bbox inside the polygon, without any vertex of it, selects it.
    assert labels(Client().get(url(layer), {"bbox": "13.739,51.009,13.741,51.011"})) == ["Fläche"]
    assert labels(Client().get(url(layer), {"bbox": "9,48,9.1,48.1"})) == []


def test_bbox_has_its_own_etag(layer):
    whole = Client().get(url(layer))
    boxed = Client().get(url(layer), {"bbox": "13.715,51.005,13.735,51.025"})
    assert whole["ETag"] != boxed["ETag"]
    again = Client().get(url(layer), {"bbox": "13.715,51.005,13.735,51.025"},
                         HTTP_IF_NONE_MATCH=boxed["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize("bbox", ["1,2,3", "13.7,51,13.6,51.1", "13,51,200,52", "nan,1,2,3",
                                  "x" * 500, ""])
def test_invalid_bbox_is_400(layer, bbox):
    response = Client().get(url(layer), {"bbox": bbox}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert json.loads(response.content)["bbox"][0]


def test_cap_applies_to_the_features_in_the_bbox(layer, monkeypatch):
    monkeypatch.setattr(layers, "GEOJSON_MAX_FEATURES", 4)
    # The whole layer is over the cap: refused without reading a feature.
    response = Client().get(url(layer), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413 and "vector tiles" in json.loads(response.content)["error"]
    # A bbox with exactly the cap is answered; one with more is refused with the reason.
    assert len(labels(Client().get(url(layer), {"bbox": "13.715,51.005,13.735,51.025"}))) == 4
    response = Client().get(url(layer), {"bbox": "13.69,50.99,13.75,51.03"},
                            HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert json.loads(response.content)["error"].startswith("More than 4 features lie in this bbox")
