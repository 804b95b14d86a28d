"""The server-side tile cache (gis/tiles/server_cache.py): public layer tiles answered without
sessions or the database, never after the layer changed, never for private previews."""

import re
from datetime import timedelta

import mapbox_vector_tile
import pytest
import time_machine
from django.contrib.gis.geos import Point
from django.utils import timezone

from gis.models import Feature, IngestStatus, Layer, LayerKind
from gis.srid import storage_srid
from gis.tiles.grid import lonlat_to_tile
from gis.tiles.middleware import HIT_ROUTE
from planning.models import PlanLayer
from planning.services.plans import unpublish_plan

from ..factories import make_authority, make_plan, make_user, square

pytestmark = pytest.mark.django_db

# A square of 400 m near 13.7322°E 51.0316°N, in the storage SRID.
LON, LAT = 13.7322, 51.0316
TILE = lonlat_to_tile(LON, LAT, 14)


def _square_here(size=400.0):
    centre = Point(LON, LAT, srid=4326).transform(storage_srid(), clone=True)
    return square(centre.x - size / 2, centre.y - size / 2, size)


def make_layer(*, public=True, label="Wohngebiet") -> Layer:
    layer = Layer.objects.create(name="Nutzung", kind=LayerKind.VECTOR, status=IngestStatus.DONE,
                                 is_public=public, feature_count=1)
    Feature.objects.create(layer=layer, geometry=_square_here(), attributes={}, label=label,
                           feature_class="Fläche", style_key="WA", source_index=0)
    return layer


def tile_url(layer, tile=TILE, query=""):
    return f"/tiles/layers/{layer.uid}/{tile.z}/{tile.x}/{tile.y}.pbf{query}"


def labels(response):
    decoded = mapbox_vector_tile.decode(response.content)
    return [feature["properties"]["label"] for feature in decoded["features"]["features"]]


def test_a_kept_tile_is_answered_without_the_database_and_with_the_same_headers(
        client, django_assert_num_queries):
    layer = make_layer()
    first = client.get(tile_url(layer))
    assert first.status_code == 200 and first["X-Tile-Cache"] == "miss"
    assert labels(first) == ["Wohngebiet"]
    with django_assert_num_queries(0):
        hit = client.get(tile_url(layer))
    assert hit.status_code == 200 and hit["X-Tile-Cache"] == "hit"
    assert hit.content == first.content
    for header in ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary",
                   "X-Content-Type-Options", "Content-Security-Policy"):
        assert hit[header] == first[header], header
    assert "sessionid" not in hit.cookies and "csrftoken" not in hit.cookies
    assert hit["X-Request-ID"] != first["X-Request-ID"]


def test_a_kept_tile_answers_304_to_a_client_that_has_it(client, django_assert_num_queries):
    layer = make_layer()
    first = client.get(tile_url(layer))
    with django_assert_num_queries(0):
        by_etag = client.get(tile_url(layer), HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.get(tile_url(layer), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        other = client.get(tile_url(layer), HTTP_IF_NONE_MATCH='"another"')
    assert by_etag.status_code == 304 and by_etag["ETag"] == first["ETag"]
    assert by_etag.content == b"" and "Content-Type" not in by_etag
    assert by_etag["Cache-Control"] == first["Cache-Control"]
    assert by_date.status_code == 304
    assert other.status_code == 200 and other.content == first.content


def test_empty_tiles_and_the_version_query_of_the_url_templates_are_kept(client):
    layer = make_layer()
    far = lonlat_to_tile(9.0, 48.0, 14)
    assert client.get(tile_url(layer, far)).status_code == 204
    empty = client.get(tile_url(layer, far))
    assert empty.status_code == 204 and empty["X-Tile-Cache"] == "hit"
    assert client.get(tile_url(layer, query="?v=1"))["X-Tile-Cache"] == "miss"
    assert client.get(tile_url(layer, query="?v=1"))["X-Tile-Cache"] == "hit"
    # Any other query string goes through the whole stack every time: it cannot fill the cache.
    for _ in range(2):
        odd = client.get(tile_url(layer, query="?v=1&x=2"))
        assert odd.status_code == 200 and "X-Tile-Cache" not in odd


def test_a_changed_layer_is_never_answered_from_the_cache(client):
    layer = make_layer()
    assert client.get(tile_url(layer))["X-Tile-Cache"] == "miss"
    Feature.objects.filter(layer=layer).update(label="Gewerbe")
    layer.version += 1  # as every ingest does (gis/ingest/)
    layer.save()
    changed = client.get(tile_url(layer))
    assert changed["X-Tile-Cache"] == "miss" and labels(changed) == ["Gewerbe"]
    layer.delete()
    assert client.get(tile_url(layer)).status_code == 404


def test_a_layer_queued_again_is_not_answered_from_the_cache(client):
    from gis.services.layers import requeue

    layer = make_layer()
    client.get(tile_url(layer))
    requeue(layer)  # QuerySet.update(): no signal, the service forgets the tiles itself
    assert client.get(tile_url(layer)).status_code == 404


def test_unpublishing_the_plan_takes_its_layers_tiles_off_at_once(client):
    authority = make_authority()
    plan = make_plan(authority)
    layer = make_layer()
    PlanLayer.objects.create(plan=plan, layer=layer, order=0)
    assert client.get(tile_url(layer))["X-Tile-Cache"] == "miss"
    assert client.get(tile_url(layer))["X-Tile-Cache"] == "hit"
    unpublish_plan(plan=plan)
    assert client.get(tile_url(layer)).status_code == 404


def test_a_private_preview_is_never_kept(client):
    layer = make_layer(public=False)
    client.force_login(make_user(is_superuser=True, is_staff=True))
    preview = client.get(tile_url(layer))
    assert preview.status_code == 200 and preview["Cache-Control"].startswith("private")
    assert "X-Tile-Cache" not in preview
    client.logout()
    assert client.get(tile_url(layer)).status_code == 404


def test_a_kept_tile_lives_no_longer_than_its_max_age(client, settings):
    settings.PORTAL_TILE_CACHE_SECONDS = 3600  # longer than the tile's own max-age=300
    layer = make_layer()
    client.get(tile_url(layer))
    with time_machine.travel(timezone.now() + timedelta(seconds=290), tick=False):
        assert client.get(tile_url(layer))["X-Tile-Cache"] == "hit"
    with time_machine.travel(timezone.now() + timedelta(seconds=310), tick=False):
        assert client.get(tile_url(layer))["X-Tile-Cache"] == "miss"


def test_large_tiles_are_not_kept_and_the_cache_can_be_switched_off(client, settings):
    layer = make_layer()
    settings.PORTAL_TILE_CACHE_MAX_BYTES = 10
    for _ in range(2):
        assert "X-Tile-Cache" not in client.get(tile_url(layer))
    settings.PORTAL_TILE_CACHE_MAX_BYTES = 256 * 1024
    settings.PORTAL_TILE_CACHE_SECONDS = 0
    for _ in range(2):
        response = client.get(tile_url(layer))
        assert response.status_code == 200 and "X-Tile-Cache" not in response


def test_a_cache_that_is_gone_does_not_fail_a_tile(client, settings):
    layer = make_layer()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # A closed local port: every call to the tile cache fails.
        "tiles": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                  "LOCATION": "redis://127.0.0.1:9/0"},
    }
    for _ in range(2):
        response = client.get(tile_url(layer))
        assert response.status_code == 200 and labels(response) == ["Wohngebiet"]
        assert "X-Tile-Cache" not in response


def test_a_kept_tile_keeps_the_host_check(client):
    layer = make_layer()
    client.get(tile_url(layer))
    assert client.get(tile_url(layer), HTTP_HOST="evil.example").status_code == 400


def _requests(client, route) -> float:
    scraped = client.get("/health/metrics", HTTP_AUTHORIZATION="Bearer " + "t" * 32)
    assert scraped.status_code == 200
    pattern = re.compile(r'portal_http_requests_total\{(.*)\} (\S+)')
    return sum(float(match[2]) for match in pattern.finditer(scraped.content.decode())
               if f'route="{route}"' in match[1] and 'status="2xx"' in match[1])


def test_hits_are_counted_under_their_own_route(client, settings):
    settings.METRICS_TOKEN = "t" * 32
    layer = make_layer()
    hits, misses = _requests(client, HIT_ROUTE), _requests(client, "layer-vector-tile")
    for _ in range(3):
        client.get(tile_url(layer))
    assert _requests(client, HIT_ROUTE) - hits == 2
    assert _requests(client, "layer-vector-tile") - misses == 1
