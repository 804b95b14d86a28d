"""Staff upload at /staff/xplan/: roles and tenancy, the stored file, the job and its task
(run by the real worker), the job page and its status endpoint, hostile uploads."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gis.models import IngestStatus, Layer, LayerKind
from planning.models import Plan, XPlanImportJob
from portal.models import Role

from ..factories import make_authority, make_staff
from .conftest import box, stored_files
from .documents import X0, Y0, minimal_pdf, rich_archive
from .test_hostile import CASES

URL = "/staff/xplan/"


@pytest.fixture
def town():
    return make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=box(X0 - 1000, Y0 - 1000, X0 + 2000, Y0 + 2000))


def upload(client, authority, name="plan.zip", data=None):
    data = rich_archive() if data is None else data
    return client.post(URL, {"authority": authority.pk,
                             "file": SimpleUploadedFile(name, data, "application/zip")},
                       HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [
    (Role.ADMIN, 302), (Role.PLANNER, 302), (Role.MODERATOR, 403), (Role.VIEWER, 403),
])
def test_roles_that_may_upload(client, town, role, status, media_root):
    client.force_login(make_staff(town, role))
    assert client.get(URL).status_code == (200 if status == 302 else 403)
    response = upload(client, town)
    assert response.status_code == status
    assert XPlanImportJob.objects.count() == (1 if status == 302 else 0)


@pytest.mark.django_db
def test_foreign_authority_is_not_found(client, town, media_root):
    other = make_authority(slug="andere")
    client.force_login(make_staff(town, Role.PLANNER))
    assert upload(client, other).status_code == 404
    assert client.post(URL, {"authority": 999_999}).status_code == 404
    assert not XPlanImportJob.objects.exists() and stored_files(media_root) == []


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_request_only_stores_the_file_and_queues_the_job(client, town, media_root):
    planner = make_staff(town, Role.PLANNER)
    client.force_login(planner)
    response = upload(client, town, name="Mühlgraben B-12.zip")
    job = XPlanImportJob.objects.get()
    assert response["Location"] == f"/staff/xplan/{job.uid}/"
    assert (job.status, job.authority, job.created_by) == ("queued", town, planner)
    assert job.source_name == "Mühlgraben B-12.zip" and job.size == len(rich_archive())
    # Stored privately under a generated name, never the user's.
    assert job.upload.name.startswith(f"private/xplan-imports/{town.pk}/{job.uid}/upload")
    assert stored_files(media_root) == [job.upload.name]
    assert not Plan.objects.exists()
    page = client.get(f"/staff/xplan/{job.uid}/")
    assert page.status_code == 200
    assert b'data-layers-pending="true"' in page.content and b'role="status"' in page.content
    assert b'id="job-reload"' in page.content
    status = client.get(f"/staff/xplan/{job.uid}/status/").json()
    assert status["final"] is False and status["layers"][0]["status"] == "queued"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "text"), [
    ("plan.pdf", minimal_pdf(), "is not an XPlanGML file"),
    ("plan.zip", b"<xml/>", "is not a zip archive"),
    ("plan.gml", minimal_pdf(), "is not XML"),
    ("plan.gml", b"", "empty"),
])
def test_wrong_files_are_refused_in_the_request(client, town, media_root, name, data, text):
    client.force_login(make_staff(town, Role.PLANNER))
    response = client.post(URL, {"authority": town.pk, "file": SimpleUploadedFile(name, data)},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert text in response.content.decode()
    assert b'id="error-summary"' in response.content
    assert not XPlanImportJob.objects.exists() and stored_files(media_root) == []


@pytest.mark.django_db
def test_oversized_upload_is_refused_in_the_request(client, town, media_root, settings):
    settings.PORTAL_MAX_XPLAN_UPLOAD_BYTES = 1024
    client.force_login(make_staff(town, Role.PLANNER))
    response = upload(client, town)
    assert response.status_code == 400 and "at most 1.0\xa0KB are accepted" in response.content.decode()
    assert not XPlanImportJob.objects.exists() and stored_files(media_root) == []


@pytest.mark.django_db
def test_jobs_of_other_authorities_are_not_found(client, town):
    other = make_authority(slug="andere")
    job = XPlanImportJob.objects.create(authority=other, source_name="x.gml")
    client.force_login(make_staff(town, Role.ADMIN))
    assert client.get(f"/staff/xplan/{job.uid}/").status_code == 404
    assert client.get(f"/staff/xplan/{job.uid}/status/").status_code == 404
    assert b"x.gml" not in client.get(URL).content


@pytest.mark.django_db(transaction=True)
def test_worker_imports_the_upload_and_ingests_the_scan(client, town, media_root, run_worker):
    client.force_login(make_staff(town, Role.PLANNER))
    upload(client, town)
    job = XPlanImportJob.objects.get()
    run_worker()
    job.refresh_from_db()
    assert job.status == "done", job.report
    assert job.report["errors"] == [] and job.started_at and job.finished_at
    (plan,) = Plan.objects.filter(pk__in=job.plan_ids)
    assert plan.xplan_record.job == job
    assert not job.upload  # the upload is gone; the plan keeps its own copy
    assert not any(name.startswith("private/xplan-imports/") for name in stored_files(media_root))
    assert plan.source_file and plan.source_file.storage.exists(plan.source_file.name)
    scan = Layer.objects.get(plan_link__plan=plan, kind=LayerKind.RASTER)
    assert scan.status == IngestStatus.DONE, scan.status_message
    assert scan.cog_file and scan.raster_info["bounds_wgs84"]

    page = client.get(f"/staff/xplan/{job.uid}/").content.decode()
    assert 'id="report-warnings"' in page and "document_content_mismatch" in page
    assert f"/staff/plaene/{plan.uid}/" in page
    assert "data-layers-pending" not in page
    status = client.get(f"/staff/xplan/{job.uid}/status/").json()
    assert status["final"] is True and status["layers"][0]["status"] == "done"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("case", ["xxe", "zip-slip", "zip-symlink", "zip-bomb", "truncated"])
def test_hostile_upload_fails_the_job_and_keeps_nothing(client, town, media_root, run_worker,
                                                        case):
    name, data, code, _text = CASES[case]
    client.force_login(make_staff(town, Role.PLANNER))
    assert upload(client, town, name=name, data=data).status_code == 302
    run_worker()
    job = XPlanImportJob.objects.get()
    assert job.status == "failed"
    assert [e["code"] for e in job.report["errors"]] == [code]
    assert not Plan.objects.exists() and not Layer.objects.exists()
    assert stored_files(media_root) == []
    page = client.get(f"/staff/xplan/{job.uid}/").content.decode()
    assert 'id="report-errors"' in page and 'id="report-refused"' in page
    assert "root:" not in page and json.dumps(job.report).count("root:") == 0


@pytest.mark.django_db(transaction=True)
def test_a_crash_in_the_task_ends_as_a_failed_job(client, town, media_root, run_worker,
                                                  monkeypatch):
    from planning.xplan_import import service

    def crash(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(service, "import_xplan", crash)
    client.force_login(make_staff(town, Role.PLANNER))
    upload(client, town)
    run_worker()
    job = XPlanImportJob.objects.get()
    assert job.status == "failed"
    assert [e["code"] for e in job.report["errors"]] == ["internal_error"]
    assert "database gone" not in json.dumps(job.report)
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_report_shows_where_each_problem_is(client, town):
    report = {
        "file": "plan.gml", "xplan_version": "6.0", "feature_counts": {},
        "plans": [{"id": None, "uid": None, "class": "BP_Plan", "name": "X", "number": None,
                   "plan_art": ["1000"], "legal_status": "4000", "ags": "14612000",
                   "source_crs": "EPSG:25832", "bbox": None, "bbox_wgs84": None, "area_m2": None,
                   "external_references": [], "rasters": []}],
        "warnings": [],
        "errors": [{"level": "error", "code": "ring_not_closed", "message": "Ring <b>open</b>",
                    "line": 42, "gml_id": "GML_7", "coordinates": [400010.5, 5650020.25]}],
    }
    job = XPlanImportJob.objects.create(authority=town, source_name="plan.gml", status="failed",
                                        report=report)
    client.force_login(make_staff(town, Role.VIEWER))
    page = client.get(f"/staff/xplan/{job.uid}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<td>42</td>" in page and "<code>GML_7</code>" in page
    assert "400010.5, 5650020.25" in page and "Ring &lt;b&gt;open&lt;/b&gt;" in page
    assert "4000 – " in page
    assert "Import another file" not in page  # a viewer cannot upload


@pytest.mark.django_db(transaction=True)
def test_a_refused_import_keeps_an_error_record_without_file_or_server_paths(
        client, town, media_root, run_worker, monkeypatch):
    from gis.errors import InputError
    from planning import xplan_import
    from planning.xplanung import build_failure_report

    def failing_import(path, **kwargs):  # a reader error that names the worker's temp file
        return build_failure_report(kwargs["source_name"], InputError(
            f"Die Datei {path} ist kaputt ({path.parent}/upload.gml, line 3)"))

    monkeypatch.setattr(xplan_import, "import_xplan", failing_import)
    client.force_login(make_staff(town, Role.PLANNER))
    upload(client, town)
    run_worker()
    job = XPlanImportJob.objects.get()
    assert job.status == "failed"
    assert "/tmp" not in json.dumps(job.report) and "xplan-job-" not in json.dumps(job.report)
    assert "Die Datei … ist kaputt" in job.report["errors"][0]["message"]
    assert not job.upload and stored_files(media_root) == []
    page = client.get(f"/staff/xplan/{job.uid}/").content.decode()
    assert "xplan-job-" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "plans", "expected"), [
    ("en", 1, "Imported: 1 plan, 2 warnings."),
    ("en", 3, "Imported: 3 plans, 1 warning."),
    ("de", 1, "Importiert: 1 Plan, 2 Warnungen."),
    ("de", 3, "Importiert: 3 Pläne, 1 Warnung."),
])
def test_job_summary_uses_real_plurals(client, town, language, plans, expected):
    job = XPlanImportJob.objects.create(
        authority=town, source_name="x.gml", status=XPlanImportJob.Status.DONE,
        report={"plans": [{"id": n} for n in range(1, plans + 1)], "errors": [],
                "warnings": ["w"] * (2 if plans == 1 else 1)})
    client.force_login(make_staff(town, Role.PLANNER))
    status = client.get(f"/staff/xplan/{job.uid}/status/", HTTP_ACCEPT_LANGUAGE=language).json()
    assert status["layers"][0]["details"] == expected
