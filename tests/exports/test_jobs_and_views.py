"""Export jobs: request, progress page, download; tenancy (404) and the background worker."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from planning.exports.jobs import create_export_job, run_export
from planning.exports.rows import ExportError, ExportScope
from planning.models import ExportJob, Statement

from ..factories import make_authority, make_plan, make_staff, square

EN = {"headers": {"accept-language": "en"}}


@pytest.fixture
def stranger(other_town):
    authority, _plan, _phase = other_town
    return make_staff(authority, "admin", "fremde-admin")


@pytest.mark.django_db
def test_request_queue_run_and_download(client, weighed, planner):
    plan, phase = weighed
    client.force_login(planner)
    url = reverse("weighing_export:request", args=[plan.uid])
    page = client.get(url, **EN)
    assert page.status_code == 200 and 'id="export-form"' in page.content.decode()
    response = client.post(url, {"format": "csv", "variant": "public", "phase": phase.pk}, **EN)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "weighing_export:job", args=[job.uid])
    assert (job.status, job.variant, job.phase, job.requested_by, job.authority) == (
        "queued", "public", phase, planner, plan.authority)
    # The same request again while the first is pending: no second job.
    client.post(url, {"format": "csv", "variant": "public", "phase": phase.pk}, **EN)
    assert ExportJob.objects.count() == 1

    page = client.get(response["Location"], **EN).content.decode()
    assert 'aria-live="polite"' in page and 'id="job-reload"' in page
    assert "queued" in page and 'id="download-link"' not in page
    status = client.get(reverse("weighing_export:job-status", args=[job.uid]), **EN).json()
    assert status["final"] is False and status["layers"][0]["status"] == "queued"
    assert client.get(reverse("weighing_export:download", args=[job.uid])).status_code == 404

    ExportJob.objects.filter(pk=job.pk).update(status="running", rows_done=300, rows_total=1000)
    page = client.get(response["Location"], **EN).content.decode()
    assert "<progress" in page and "300 of 1000 statements" in page
    assert client.get(response["Location"]).status_code == 200  # German (default) too
    ExportJob.objects.filter(pk=job.pk).update(status="queued", rows_done=0, rows_total=0)

    assert run_export(job.pk) == "done"
    assert run_export(job.pk) == "skipped"  # never twice
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == ("done", 1000, 1000)
    assert job.file.name.startswith(f"private/exports/{plan.authority_id}/{job.uid}/")
    page = client.get(reverse("weighing_export:job", args=[job.uid]), **EN).content.decode()
    assert 'id="download-link"' in page and 'id="job-reload"' not in page
    download = client.get(reverse("weighing_export:download", args=[job.uid]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert 'filename="Abwaegungstabelle_ms-12_phase-' in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download["Cache-Control"]
    body = b"".join(download.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf") and b"Person " not in body


@pytest.mark.django_db
def test_bad_requests_answer_400(client, weighed, planner):
    plan, _phase = weighed
    client.force_login(planner)
    url = reverse("weighing_export:request", args=[plan.uid])
    assert client.post(url, {"format": "exe", "variant": "public"}, **EN).status_code == 400
    assert client.post(url, {"format": "pdf", "variant": "everything"}, **EN).status_code == 400
    assert client.post(url, {"format": "pdf", "variant": "public", "phase": 999999},
                       **EN).status_code == 400
    assert not ExportJob.objects.exists()


@pytest.mark.django_db
def test_other_authority_gets_404_everywhere(client, weighed, planner, stranger):
    plan, phase = weighed
    job = create_export_job(plan=plan, user=planner, fmt="pdf", variant="internal")
    client.force_login(stranger)
    urls = [reverse("weighing_export:request", args=[plan.uid]),
            reverse("weighing_export:job", args=[job.uid]),
            reverse("weighing_export:job-status", args=[job.uid]),
            reverse("weighing_export:download", args=[job.uid])]
    for url in urls:
        assert client.get(url).status_code == 404, url
    response = client.post(urls[0], {"format": "csv", "variant": "internal"})
    assert response.status_code == 404
    assert ExportJob.objects.count() == 1


@pytest.mark.django_db
def test_staff_may_not_export_a_foreign_phase(client, weighed, planner, other_town):
    plan, _phase = weighed
    _authority, _foreign_plan, foreign_phase = other_town
    client.force_login(planner)
    response = client.post(reverse("weighing_export:request", args=[plan.uid]),
                           {"format": "csv", "variant": "public", "phase": foreign_phase.pk})
    assert response.status_code == 400
    with pytest.raises(ExportError):
        create_export_job(plan=plan, user=planner, fmt="csv", variant="public",
                          phase=foreign_phase)


@pytest.mark.django_db
def test_runner_filters_by_the_plans_authority(weighed, other_town, tmp_path):
    plan, _phase = weighed
    foreign_authority, foreign_plan, _foreign_phase = other_town
    with pytest.raises(ExportError):
        ExportScope(authority=plan.authority, plan=foreign_plan).statements()
    # A job row that mixes tenants (never created by the service) fails without a file.
    job = ExportJob.objects.create(authority=foreign_authority, plan=plan, format="csv",
                                   variant="internal")
    assert run_export(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed" and not job.file
    # The town's export has none of the neighbour's statements (B11).
    from planning.exports.formats import write_export

    path = tmp_path / "town.csv"
    write_export(scope=ExportScope(authority=plan.authority, plan=plan), fmt="csv",
                 variant="internal", path=path)
    text = path.read_text(encoding="utf-8-sig")
    assert "NB-2026-" not in text and "Fremd" not in text


@pytest.mark.django_db
def test_viewer_may_export_and_anonymous_is_sent_to_login(client, weighed, town):
    plan, _phase = weighed
    url = reverse("weighing_export:request", args=[plan.uid])
    assert client.get(url).status_code == 302
    client.force_login(make_staff(town, "viewer", "leserin"))
    assert client.post(url, {"format": "xlsx", "variant": "internal"}).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_the_file(client, run_worker):
    """The real database queue: POST queues the task on commit, the worker runs it."""
    town = make_authority(name="Kleinstadt", slug="kleinstadt",
                          jurisdiction=square(815_000, 5_650_000, 5_000))
    plan = make_plan(town, name="Am Bach", number="KS-1", area=square(816_000, 5_651_000, 500))
    from datetime import date

    from planning.services.phases import schedule_phase

    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(2026, 9, 1),
                           end_date=date(2026, 10, 5))
    Statement.objects.bulk_create([
        Statement(authority=town, plan=plan, phase=phase, reference=f"KS-2026-{i:05d}",
                  text=f"Text {i}", name=f"Person {i}",
                  received_at=datetime(2026, 9, 2, 8, i, tzinfo=UTC))
        for i in range(5)
    ])
    client.force_login(make_staff(town, "planner", "kleinplanerin"))
    response = client.post(reverse("weighing_export:request", args=[plan.uid]),
                           {"format": "csv", "variant": "public"}, **EN)
    assert response.status_code == 302
    run_worker()
    job = ExportJob.objects.get()
    assert (job.status, job.rows_done, job.rows_total) == ("done", 5, 5)
    download = client.get(reverse("weighing_export:download", args=[job.uid]))
    assert download.status_code == 200
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    assert "Reference" in text.splitlines()[0]  # in the requester's language
    assert "KS-2026-00004" in text and "Person" not in text

