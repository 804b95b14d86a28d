"""Routing of incident reports: the ORM lookup against the same spatial SQL run directly.

Loads the 419 real Saxon municipalities (import_authorities on ../shared/data/boundaries/),
switches the incident module on for all, and measures for a fixed set of points inside Saxony:
the raw ST_Intersects / ST_Contains query via the cursor (floor), the ORM query that routing
runs (`authorities_at`), and the whole `responsible_authority()` call. Then adds 11,000
generated square jurisdictions (a grid east of Saxony) and measures again. Reports ratios and
the p50 of routing; asserts nothing.

Run: make bench (PostGIS), or
DATABASE_URL=spatialite:///var/bench.sqlite3 python -m bench.incident_routing
"""

from io import StringIO

from ._support import SHARED, bench_database, measure, report, setup_django

SAXONY = SHARED / "data" / "boundaries" / "DERIVED__VG5000_2021_Gemeinden_Sachsen.geojson"
GENERATED = 11_000
#: (latitude, longitude) inside Saxony: Dresden, Leipzig, Chemnitz, Görlitz, Plauen, Bautzen.
POINTS = [(51.0504, 13.7373), (51.3397, 12.3731), (50.8327, 12.9252), (51.1526, 14.9877),
          (50.4950, 12.1380), (51.1814, 14.4275)]


def _generated_authorities():
    from django.contrib.gis.geos import MultiPolygon, Polygon

    from gis.srid import storage_srid
    from portal.models import Authority, AuthorityKind

    srid, size, per_row = storage_srid(), 500.0, 110
    x0, y0 = 1_000_000.0, 5_500_000.0  # east of Saxony in UTM 32: no overlap with the real ones
    rows = []
    for n in range(GENERATED):
        x, y = x0 + (n % per_row) * size, y0 + (n // per_row) * size
        ring = ((x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y))
        rows.append(Authority(name=f"Generiert {n}", slug=f"generiert-{n}",
                              kind=AuthorityKind.MUNICIPALITY, enabled_modules=["incidents"],
                              jurisdiction=MultiPolygon(Polygon(ring, srid=srid), srid=srid)))
    Authority.objects.bulk_create(rows, batch_size=1000)


def _run(label, connection, points):
    from participation.incidents.routing import authorities_at, responsible_authority
    from portal.models import Authority

    table = Authority._meta.db_table
    postgis = connection.vendor == "postgresql"
    predicate = ("ST_Intersects(jurisdiction, ST_GeomFromEWKB(%s))" if postgis
                 else "Intersects(jurisdiction, GeomFromWKB(%s, %s))")
    contains = ("ST_Contains(jurisdiction, ST_GeomFromEWKB(%s))" if postgis
                else "Contains(jurisdiction, GeomFromWKB(%s, %s))")

    def params(point):
        return [bytes(point.ewkb)] if postgis else [bytes(point.wkb), point.srid]

    def raw(sql_predicate):
        def run():
            with connection.cursor() as cursor:
                for point in points:
                    cursor.execute(f"SELECT id FROM {table} WHERE is_active AND {sql_predicate}",
                                   params(point))
                    cursor.fetchall()
        return run

    def orm():
        for point in points:
            authorities_at(point)

    def routing():
        for point in points:
            responsible_authority(point)

    results = {
        "raw SQL ST_Intersects (floor)": measure(raw(predicate)),
        "raw SQL ST_Contains": measure(raw(contains)),
        "ORM authorities_at()": measure(orm),
        "responsible_authority()": measure(routing),
    }
    report(f"Routing {len(points)} points on {connection.vendor}, {label}",
           "raw SQL ST_Intersects (floor)", results)
    print(f"routing p50 per point: {results['responsible_authority()'] / len(points) * 1000:.2f} ms")


def main() -> None:
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from participation.incidents.location import point_from_lat_lon
    from portal.models import Authority

    if not SAXONY.exists():
        print(f"skipped: {SAXONY} is absent")
        return
    with bench_database():
        call_command("import_authorities", str(SAXONY), "--kind", "municipality", "--json",
                     stdout=StringIO())
        Authority.objects.update(enabled_modules=["incidents"])
        points = [point_from_lat_lon(lat, lon) for lat, lon in POINTS]
        _run(f"{Authority.objects.count()} real jurisdictions", connection, points)
        _generated_authorities()
        _run(f"{Authority.objects.count()} jurisdictions (419 real + {GENERATED} generated)",
             connection, points)


if __name__ == "__main__":
    main()
