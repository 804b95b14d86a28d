"""GeoJSON of many features: the public statement feed and a layer's GeoJSON in a bbox (issue #17).

For 10,000 public statements (and 1,000 pending ones the feed must skip): the feed endpoint
(one page of 10,000; pages of 1,000 following `next`) against the floor, one `json_agg`
FeatureCollection built in SQL over the same rows and properties, and against the peer, a stock
DRF-gis GeoFeatureModelSerializer + ListAPIView without pagination (the way the feed was built
before, minus the paging), defined here.

For a layer of 12,100 parcels, a bbox holding at most 10,000 of them (the endpoint's cap): the
layer GeoJSON endpoint against the same floor and peer.

The endpoints are measured through Django's test client (middleware included); the peer is
called through its view function without middleware, which favours the peer. In-process only;
PostGIS only (on SpatiaLite: "skipped"). Reports medians and ratios, never asserts a time.

Run: make bench, or DATABASE_URL=postgis://…/portal_x python -m bench.geojson
"""

from ._support import bench_database, measure, report, setup_django

STATEMENTS = 10_000
PENDING = 1_000
LAYER_PER_SIDE = 110  # 12,100 parcels
BBOX_FEATURES = 10_000


def _load_statements():
    from datetime import UTC, date, datetime, timedelta

    from django.contrib.gis.geos import Point

    from planning.models import ModerationState, Statement, StatementSettings
    from planning.services.phases import schedule_phase
    from tests.factories import make_authority, make_plan, square

    town = make_authority(name="Benchstadt", slug="benchstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    plan = make_plan(town, area=square(820_000, 5_655_000, 2_000))
    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(2026, 9, 1),
                           end_date=date(2026, 10, 31))
    StatementSettings.objects.create(phase=phase, topics=["Verkehr", "Grün"],
                                     display_publicly=True)
    start = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    rows = []
    for n in range(STATEMENTS + PENDING):
        public = n < STATEMENTS
        rows.append(Statement(
            reference=f"ST-2026-{n + 1:05d}", authority=town, plan=plan, phase=phase,
            text=f"Eingabe {n} von Erika Mustermann", topics=["Verkehr"] if n % 3 else [],
            location=Point(820_010 + (n % 100) * 19.7, 5_655_010 + (n // 100) * 17.9,
                           srid=25832) if n % 10 else None,
            name="Erika Mustermann", email="erika@example.org", street="Bachweg 3",
            received_at=start + timedelta(minutes=7 * n),
            moderation=ModerationState.APPROVED if public else ModerationState.PENDING,
            public_text=f"Bitte die Bäume am Weg {n} erhalten. „Zitat“ <b>nicht fett</b>"
            if public else "",
        ))
    Statement.objects.bulk_create(rows, batch_size=2000)
    return town


def _statement_floor_sql():
    """One json_agg FeatureCollection over the feed's rows and properties, in SQL."""
    from planning.models import Plan, Statement, StatementSettings
    from portal.models import Authority, Phase

    t = {m.__name__: m._meta.db_table for m in (Statement, Plan, Authority, Phase,
                                                 StatementSettings)}
    return (
        "SELECT json_build_object('type','FeatureCollection','features',"
        " json_agg(f ORDER BY id DESC))::text FROM ("
        " SELECT s.id, json_build_object('id', s.uid, 'type', 'Feature', 'geometry',"
        "  ST_AsGeoJSON(ST_Transform(s.location, 4326), 4)::json, 'properties', json_build_object("
        "  'reference', s.reference, 'authority', a.slug, 'plan', p.uid, 'plan_name', p.name,"
        "  'phase', COALESCE(NULLIF(ph.title, ''), ph.kind),"
        "  'received', (s.received_at AT TIME ZONE 'Europe/Berlin')::date,"
        "  'topics', s.topics, 'text', s.public_text)) AS f"
        f" FROM {t['Statement']} s JOIN {t['Authority']} a ON a.id = s.authority_id"
        f" JOIN {t['Plan']} p ON p.id = s.plan_id JOIN {t['Phase']} ph ON ph.id = s.phase_id"
        f" JOIN {t['StatementSettings']} ss ON ss.phase_id = ph.id"
        " WHERE s.moderation = 'approved' AND p.is_published AND a.is_active"
        " AND ss.display_publicly AND s.public_text <> '') q"
    )


def _statement_peer():
    """Stock DRF-gis: a GeoFeatureModelSerializer and a ListAPIView without pagination."""
    from django.contrib.gis.db.models.functions import Transform
    from django.utils import timezone
    from rest_framework import generics, serializers
    from rest_framework_gis.fields import GeometryField
    from rest_framework_gis.serializers import GeoFeatureModelSerializer

    from planning.api.public_statements import public_statements
    from planning.models import Statement

    class PeerSerializer(GeoFeatureModelSerializer):
        location = GeometryField(source="location_wgs84", read_only=True, precision=4)
        plan = serializers.UUIDField(source="plan.uid", read_only=True)
        plan_name = serializers.CharField(source="plan.name", read_only=True)
        authority = serializers.CharField(source="authority.slug", read_only=True)
        phase = serializers.CharField(source="phase.display_title", read_only=True)
        received = serializers.SerializerMethodField()
        text = serializers.CharField(source="public_text", read_only=True)

        class Meta:
            model = Statement
            geo_field = "location"
            id_field = "uid"
            fields = ["uid", "reference", "authority", "plan", "plan_name", "phase", "received",
                      "topics", "text"]

        def get_received(self, obj) -> str:
            return timezone.localtime(obj.received_at).date().isoformat()

    class PeerView(generics.ListAPIView):
        serializer_class = PeerSerializer
        pagination_class = None
        filter_backends: list = []

        def get_queryset(self):
            return (public_statements().select_related("plan", "phase", "authority")
                    .only("uid", "reference", "received_at", "topics", "public_text", "plan__uid",
                          "plan__name", "phase__kind", "phase__title", "authority__slug")
                    .annotate(location_wgs84=Transform("location", 4326)).order_by("-pk"))

    return PeerView.as_view()


def _layer_peer(layer, box):
    from django.contrib.gis.db.models.functions import Transform
    from rest_framework import generics, serializers
    from rest_framework_gis.fields import GeometryField
    from rest_framework_gis.serializers import GeoFeatureModelSerializer

    from gis.models import Feature

    class PeerSerializer(GeoFeatureModelSerializer):
        geometry = GeometryField(source="geometry_wgs84", read_only=True, precision=7)
        attributes = serializers.JSONField(read_only=True)

        class Meta:
            model = Feature
            geo_field = "geometry"
            fields = ["id", "feature_class", "style_key", "label", "attributes"]

    class PeerView(generics.ListAPIView):
        serializer_class = PeerSerializer
        pagination_class = None
        filter_backends: list = []

        def get_queryset(self):
            return (Feature.objects.filter(layer=layer, geometry__intersects=box)
                    .annotate(geometry_wgs84=Transform("geometry", 4326)).order_by("source_index"))

    return PeerView.as_view()


def _bbox_with_at_most(layer, limit: int):
    """A WGS84 bbox around the layer's centre holding as many features as possible, ≤ limit."""
    from django.contrib.gis.geos import Polygon

    from gis.models import Feature

    features = Feature.objects.filter(layer=layer)
    centre = Polygon.from_bbox((830_000, 5_650_000, 830_000 + 40 * LAYER_PER_SIDE,
                                5_650_000 + 40 * LAYER_PER_SIDE))
    centre.srid = 25832
    lon, lat = centre.centroid.transform(4326, clone=True).coords
    low, high, best = 0.0, 0.05, None
    for _ in range(18):
        half = (low + high) / 2
        box = Polygon.from_bbox((lon - half * 1.6, lat - half, lon + half * 1.6, lat + half))
        box.srid = 4326
        count = features.filter(geometry__intersects=box).count()
        if count <= limit:
            low, best = half, (box, count)
        else:
            high = half
    return best


def _layer_floor_sql():
    from gis.models import Feature

    table = Feature._meta.db_table
    return (
        "SELECT json_build_object('type','FeatureCollection','features',"
        " json_agg(json_build_object('type','Feature','id',id,'geometry',"
        " ST_AsGeoJSON(ST_Transform(geometry, 4326), 7)::json,'properties',"
        " json_build_object('class', feature_class, 'key', style_key, 'label', label)::jsonb"
        " || attributes) ORDER BY source_index))::text"
        f" FROM {table} WHERE layer_id = %s"
        " AND ST_Intersects(geometry, ST_Transform(ST_GeomFromText(%s, 4326), 25832))"
    )


def main() -> None:
    setup_django()
    import json

    from django.db import connection
    from django.test import Client, RequestFactory

    from .tiles import _load_layer

    if connection.vendor != "postgresql":
        print("skipped: GeoJSON of 10,000 features is measured on PostGIS")
        return
    with bench_database():
        _load_statements()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        client, factory = Client(), RequestFactory()
        floor_sql = _statement_floor_sql()

        def floor():
            with connection.cursor() as cursor:
                cursor.execute(floor_sql)
                return cursor.fetchone()[0]

        def one_page():
            return client.get("/api/statements/", {"page_size": STATEMENTS})

        def pages_of_1000():
            url, pages = "/api/statements/?page_size=1000", 0
            while url:
                url, pages = client.get(url).json()["next"], pages + 1
            return pages

        peer_view = _statement_peer()

        def peer():
            response = peer_view(factory.get("/peer/statements/"))
            response.render()
            return response

        body = one_page().content
        returned = len(json.loads(body)["features"])
        assert returned == STATEMENTS == len(json.loads(floor())["features"])
        assert len(json.loads(peer().content)["features"]) == STATEMENTS
        results = {
            "json_agg FeatureCollection SQL (floor)": measure(floor, repeat=9),
            "GET /api/statements/ page_size=10000": measure(one_page, repeat=9),
            "GET /api/statements/ 10 pages of 1000": measure(pages_of_1000, repeat=5),
            "stock DRF-gis ListAPIView (peer)": measure(peer, repeat=3, warmup=1),
        }
        report(f"Public statement feed, {returned} statements ({len(body):,} bytes)",
               "json_agg FeatureCollection SQL (floor)", results)

        layer = _load_layer(LAYER_PER_SIDE)
        box, count = _bbox_with_at_most(layer, BBOX_FEATURES)
        url = f"/api/layers/{layer.uid}/features.geojson"
        bbox = ",".join(f"{v:.7f}" for v in box.extent)
        layer_sql = _layer_floor_sql()

        def layer_floor():
            with connection.cursor() as cursor:
                cursor.execute(layer_sql, [layer.pk, box.wkt])
                return cursor.fetchone()[0]

        layer_peer_view = _layer_peer(layer, box)

        def layer_peer():
            response = layer_peer_view(factory.get("/peer/layer/"))
            response.render()
            return response

        response = client.get(url, {"bbox": bbox})
        assert response.status_code == 200, response.content[:200]
        returned = len(json.loads(response.content)["features"])
        assert returned == count == len(json.loads(layer_floor())["features"])
        results = {
            "json_agg FeatureCollection SQL (floor)": measure(layer_floor, repeat=9),
            "GET layer GeoJSON ?bbox=": measure(lambda: client.get(url, {"bbox": bbox}),
                                                repeat=9),
            "stock DRF-gis ListAPIView (peer)": measure(layer_peer, repeat=3, warmup=1),
        }
        report(f"Layer GeoJSON in a bbox, {returned} of {layer.feature_count} features "
               f"({len(response.content):,} bytes)", "json_agg FeatureCollection SQL (floor)",
               results)


if __name__ == "__main__":
    main()
