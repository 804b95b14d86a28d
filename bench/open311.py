"""Open311 GeoReport v2 service requests (POST /open311/v2/requests.json) through gunicorn.

`gunicorn -w 2` serves the test settings (their rate limits are high); CLIENTS threads each
POST REQUESTS_PER_CLIENT service requests (api_key, jurisdiction_id, service_code, lat/long,
a description unique to the request, a name and e-mail address). A request answered other than
201 with a service_request_id is sent again, as a client would. Reported, with kept and with
per-request database connections: requests per second, median and p95 latency of an
acknowledged request, retries, and, checked against the database: lost (acknowledged id not
stored) and duplicated (one request's description stored twice – Open311 has no idempotency
key, so a retry of a request that was stored but whose answer got lost would show here).

The floor: the same writes (the API key's last use, the reference counter, the report row,
its first status change) from one psycopg connection, a transaction per request, one after
another.

Run: make bench, or python -m bench.open311 (PostGIS)
"""

import json
import tempfile
import uuid

from ._support import (
    CONNECTION_SETTINGS,
    WRITE_HEADER,
    bench_database,
    burst,
    database_url,
    floor_inserts,
    post_form,
    setup_django,
    write_path_portal,
    write_row,
)

CLIENTS = 20
REQUESTS_PER_CLIENT = 10
PATH = "/open311/v2/requests.json"


def _sender(port: int, fields: dict, run: str):
    def send(number: int, item: int):
        body = {**fields, "description": f"Schlagloch {run}-{number}-{item}",
                "email": f"melder{number}@example.org"}
        status, _location, content = post_form(port, PATH, body)
        if status != 201:
            return None, status
        try:
            return json.loads(content)[0]["service_request_id"], status
        except (ValueError, LookupError, TypeError):
            return None, status
    return send


def _floor_writer(report_fields: dict):
    """The writes of one report, as create_report and the view make them."""
    def write(cursor, n: int) -> None:
        cursor.execute("UPDATE incidents_open311key SET last_used_at = now() WHERE id = %s",
                       [report_fields["api_client_id"]])
        cursor.execute("SELECT id, last FROM incidents_referencecounter WHERE authority_id = %s "
                       "AND year = %s FOR UPDATE", [report_fields["authority_id"], report_fields["year"]])
        row = cursor.fetchone()
        cursor.execute("UPDATE incidents_referencecounter SET last = %s WHERE id = %s",
                       [row[1] + 1, row[0]])
        cursor.execute(
            "INSERT INTO incidents_incidentreport (uid, reference, location, address, "
            "description, answers, status, public_answer, reporter_name, reporter_email, "
            "reporter_phone, channel, previous_reference, idempotency_key, fingerprint, "
            "created_at, updated_at, authority_id, category_id, api_client_id) VALUES "
            "(%s, %s, ST_GeomFromEWKB(%s), '', %s, '{}', 'open', '', '', %s, '', 'open311', '', "
            "NULL, %s, now(), now(), %s, %s, %s) RETURNING id",
            [uuid.uuid4(), f"FLOOR-{n:06d}", report_fields["ewkb"], f"Schlagloch floor-{n}",
             "melder@example.org", "0" * 64, report_fields["authority_id"],
             report_fields["category_id"], report_fields["api_client_id"]])
        report_id = cursor.fetchone()[0]
        cursor.execute("INSERT INTO incidents_statuschange (status, public_answer, note, "
                       "changed_at, report_id) VALUES ('open', '', '', now(), %s)", [report_id])
    return write


def main() -> None:
    setup_django()
    from django.contrib.gis.geos import Point
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from gis.srid import storage_srid
    from participation.incidents.models import Channel, IncidentCategory, IncidentReport
    from participation.incidents.services.api_keys import issue_key
    from portal.models import AuthorityKind
    from tests.factories import make_authority, square

    if connection.vendor != "postgresql":
        print("skipped: concurrent Open311 requests are measured on PostGIS")
        return
    with bench_database(), tempfile.TemporaryDirectory(prefix="bench-open311-") as tmp:
        town = make_authority(name="Benchdorf", slug="benchdorf", ags="14730010",
                              kind=AuthorityKind.MUNICIPALITY, enabled_modules=["incidents"],
                              jurisdiction=square(318_000, 5_690_000, 2000))
        category = IncidentCategory.objects.create(authority=town, service_code="pothole",
                                                   name="Schlagloch")
        api_key, plain = issue_key(authority=town, client_name="Bench-App")
        point = Point(319_000, 5_691_000, srid=storage_srid())
        wgs84 = point.transform(4326, clone=True)
        fields = {"api_key": plain, "jurisdiction_id": town.slug, "service_code": "pothole",
                  "lat": f"{wgs84.y:.6f}", "long": f"{wgs84.x:.6f}", "first_name": "Bench",
                  "last_name": "Melder"}
        url = database_url(connection)
        total = CLIENTS * REQUESTS_PER_CLIENT
        print(f"\nOpen311 POST requests.json through gunicorn -w 2, {CLIENTS} clients, "
              f"{total} service requests each run")
        print(WRITE_HEADER)
        for label, max_age in CONNECTION_SETTINGS:
            with write_path_portal(url, tmp, max_age) as server:
                result = burst(CLIENTS, REQUESTS_PER_CLIENT,
                               _sender(server.port, fields, f"{max_age}"))
            stored = IncidentReport.objects.filter(authority=town, channel=Channel.OPEN311,
                                                   description__startswith=f"Schlagloch {max_age}-")
            references = set(stored.values_list("reference", flat=True))
            lost = sum(1 for reference in result["acknowledged"] if reference not in references)
            duplicated = (stored.values("description").annotate(n=Count("pk"))
                          .filter(n__gt=1).count())
            write_row(label, result, lost=lost, duplicated=duplicated, expected=total)
        floor = floor_inserts(connection, _floor_writer({
            "authority_id": town.pk, "category_id": category.pk, "api_client_id": api_key.pk,
            "ewkb": bytes(point.ewkb), "year": timezone.localtime().year}), total)
        write_row("floor: the writes, one psycopg connection", floor)


if __name__ == "__main__":
    main()
