"""Survey responses submitted through the public form, 20 clients at once (PostGIS).

`gunicorn -w 2` serves the test settings; CLIENTS threads each fill in RESPONSES_PER_CLIENT
responses of the test survey (tests/surveys/world.py: ten questions of every kind on three
pages, with a point, a line and an area drawn on the map) the way a browser does: the start
button (POST), then each page (POST, redirect to the next), the last one submitting. A step
answered otherwise is sent again from where it failed. Reported, with kept and with per-request
database connections: responses per second, median and p95 latency of a whole response (four
POSTs), retries, and, checked against the database: lost (the thank-you redirect came, but the
response is not stored as submitted with its answers) and duplicated (a question answered twice
in one response).

The floor: the same rows (the response, its nine answers with the geometries, the submission)
copied from a stored response and written from one psycopg connection, a transaction per
response, one after another.

Run: make bench, or python -m bench.surveys (PostGIS)
"""

import os
import tempfile

from ._support import (
    CONNECTION_SETTINGS,
    CSRF,
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
RESPONSES_PER_CLIENT = int(os.environ.get("BENCH_SURVEY_RESPONSES", "5"))
LINE = "51.30, 12.30\n51.31, 12.31"
AREA = "51.30, 12.30\n51.30, 12.32\n51.32, 12.32"


def _pages(survey) -> list[dict]:
    q = {question.order: f"q{question.pk}" for question in survey.questions.all()}
    return [{q[1]: "ja", q[2]: "51.30, 12.30\n51.31, 12.31"},
            {q[4]: LINE, q[5]: AREA},
            {q[6]: ["Autos", "Ampeln"], q[7]: "4", q[8]: "12,5", q[9]: "2024-05-01",
             f"{q[10]}_0": "2", f"{q[10]}_1": "1", "action": "next"}]


def _sender(port: int, start_path: str, pages: list[dict]):
    progress: dict[tuple[int, int], dict] = {}  # a retry goes on where the last try stopped

    def send(number: int, item: int):
        state = progress.setdefault((number, item), {"url": None, "page": 1})
        if state["url"] is None:
            status, location, _body = post_form(port, start_path,
                                                {"csrfmiddlewaretoken": CSRF, "begin": "1"})
            if status != 302 or "/antworten/" not in location:
                return None, status
            state["url"] = location.split("?")[0]
        while state["page"] <= len(pages):
            page = state["page"]
            status, location, _body = post_form(port, f"{state['url']}?seite={page}",
                                                {"csrfmiddlewaretoken": CSRF, **pages[page - 1]})
            last = page == len(pages)
            done = status == 302 and (("/danke/" in location) if last else "seite=" in location)
            if not done and not (last and status == 409):  # 409: submitted by an earlier try
                return None, status
            state["page"] += 1
        return state["url"].rstrip("/").rsplit("/", 1)[-1], 302
    return send


def _floor_writer(response):
    """One stored response's rows, written again as a new response."""
    answers = [(a.question_id, a.value, bytes(a.geometry.ewkb) if a.geometry else None)
               for a in response.answers.all()]

    def write(cursor, n: int) -> None:
        import uuid

        from psycopg.types.json import Jsonb

        cursor.execute("INSERT INTO surveys_response (uid, resume_key, is_draft, created_at, "
                       "survey_id) VALUES (%s, %s, true, now(), %s) RETURNING id",
                       [uuid.uuid4(), f"floor-{uuid.uuid4().hex}", response.survey_id])
        response_id = cursor.fetchone()[0]
        for question_id, value, ewkb in answers:
            cursor.execute("INSERT INTO surveys_answer (value, geometry, question_id, response_id)"
                           " VALUES (%s, ST_GeomFromEWKB(%s), %s, %s)",
                           [Jsonb(value), ewkb, question_id, response_id])
        cursor.execute("UPDATE surveys_response SET is_draft = false, submitted_at = now() "
                       "WHERE id = %s AND is_draft", [response_id])
    return write


def main() -> None:
    setup_django()
    from django.db import connection
    from django.db.models import Count
    from django.urls import reverse

    from participation.surveys.models import Answer, Response
    from tests.factories import make_authority
    from tests.surveys.world import make_survey

    if connection.vendor != "postgresql":
        print("skipped: concurrent survey responses are measured on PostGIS")
        return
    with bench_database(), tempfile.TemporaryDirectory(prefix="bench-surveys-") as tmp:
        town = make_authority(name="Umfragestadt", slug="umfragestadt",
                              enabled_modules=["surveys"])
        survey = make_survey(town)
        start_path = reverse("surveys:start", args=[town.slug, survey.uid])
        pages = _pages(survey)
        url = database_url(connection)
        total = CLIENTS * RESPONSES_PER_CLIENT
        print(f"\nSurvey responses through gunicorn -w 2, {CLIENTS} clients, {total} responses "
              f"(4 POSTs each) each run")
        print(WRITE_HEADER)
        for label, max_age in CONNECTION_SETTINGS:
            with write_path_portal(url, tmp, max_age) as server:
                result = burst(CLIENTS, RESPONSES_PER_CLIENT,
                               _sender(server.port, start_path, pages))
            submitted = set(
                Response.objects.filter(survey=survey, is_draft=False,
                                        resume_key__in=result["acknowledged"])
                .annotate(n=Count("answers")).filter(n__gt=0).values_list("resume_key", flat=True))
            lost = sum(1 for key in result["acknowledged"] if key not in submitted)
            duplicated = (Answer.objects.filter(response__resume_key__in=result["acknowledged"])
                          .values("response", "question").annotate(n=Count("pk"))
                          .filter(n__gt=1).count())
            write_row(label, result, lost=lost, duplicated=duplicated, expected=total)
        example = Response.objects.filter(survey=survey, is_draft=False).first()
        if example is not None:
            floor = floor_inserts(connection, _floor_writer(example), total)
            write_row("floor: the rows, one psycopg connection", floor)


if __name__ == "__main__":
    main()
