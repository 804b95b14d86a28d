"""The official XPlanGML 6.0 schema in the import and the export: an invalid 6.0 upload is
refused with its schema errors (line, element, gml:id) unless staff import it with warnings;
`export_xplan --validate --json`; the staff export page shows the validation."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from planning.models import Plan, XPlanImportJob
from planning.xplan_import import import_xplan
from planning.xplanung.schema_validation import SCHEMA_ERROR, schema_directory
from portal.models import Role

from ..factories import make_authority, make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]
SAMPLE_60 = "xplanbox__BPlan001_6-0__bp60.gml"
SAMPLE_41 = "xplanbox__Eidelstedt_4_V4__bp41.gml"


@pytest.fixture(autouse=True)
def schema_available():
    directory = schema_directory()
    if directory is None or not (directory / "6_0").is_dir():
        pytest.skip("the XPlanung 6.0 schemas (PORTAL_XPLAN_SCHEMA_DIR) are absent")


@pytest.fixture
def broken_60(sample, tmp_path):
    """A genuine 6.0 plan with an unknown planning status (not in the 6.0 code list)."""
    text = sample(SAMPLE_60).read_text(encoding="utf-8")
    assert "<xplan:rechtsstand>3000</xplan:rechtsstand>" in text
    path = tmp_path / "broken.gml"
    path.write_text(text.replace("<xplan:rechtsstand>3000</xplan:rechtsstand>",
                                 "<xplan:rechtsstand>3333</xplan:rechtsstand>"), encoding="utf-8")
    line = next(i for i, row in enumerate(path.read_text().splitlines(), 1) if "3333" in row)
    return path, line


def _schema_errors(items):
    return [m for m in items if m["code"] == SCHEMA_ERROR]


def test_an_invalid_60_upload_is_refused_with_its_schema_errors(broken_60, everywhere):
    path, line = broken_60
    report = import_xplan(path, authority=everywhere)
    [error] = _schema_errors(report["errors"])
    assert error["line"] == line
    assert error["gml_id"] == "GML_bf2168c4-c292-4340-bc50-7a2aa2cab5be"  # the BP_Plan
    assert "rechtsstand" in error["message"] and "3333" in error["message"]
    assert error["message"].startswith("Not valid against the XPlanGML 6.0 schema")
    assert not Plan.objects.exists()


def test_import_with_warnings_stores_the_plan_and_lists_the_schema_errors(broken_60, everywhere):
    path, line = broken_60
    report = import_xplan(path, authority=everywhere, accept_schema_errors=True)
    assert report["errors"] == []
    [warning] = _schema_errors(report["warnings"])
    assert (warning["level"], warning["line"]) == ("warning", line)
    assert Plan.objects.count() == 1


def test_a_valid_60_upload_and_an_older_file_have_no_schema_findings(sample, everywhere):
    for name in (SAMPLE_60, SAMPLE_41):
        report = import_xplan(sample(name), authority=everywhere, dry_run=True)
        assert _schema_errors(report["errors"] + report["warnings"]) == [], name


def test_without_the_schema_the_import_says_so_and_goes_on(sample, everywhere, settings,
                                                           tmp_path):
    settings.PORTAL_XPLAN_SCHEMA_DIR = tmp_path / "missing"
    report = import_xplan(sample(SAMPLE_60), authority=everywhere, dry_run=True)
    assert report["errors"] == []
    assert [w["code"] for w in report["warnings"] if w["code"].startswith("schema")] == [
        "schema_unavailable"
    ]


def test_upload_option_and_job_page(client, everywhere, broken_60):
    path, line = broken_60
    client.force_login(make_staff(everywhere, Role.PLANNER))
    response = client.post("/staff/xplan/", {
        "authority": everywhere.pk, "accept_schema_errors": "on",
        "file": SimpleUploadedFile("plan.gml", path.read_bytes(), "application/gml+xml"),
    })
    assert response.status_code == 302
    assert XPlanImportJob.objects.get().accept_schema_errors is True
    # A refused job (the report the task stores) explains the option and lists the errors.
    report = import_xplan(path, authority=everywhere, dry_run=True)
    job = XPlanImportJob.objects.create(authority=everywhere, source_name="b.gml",
                                        status=XPlanImportJob.Status.FAILED, report=report)
    page = client.get(f"/staff/xplan/{job.uid}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="report-schema-hint"' in page
    assert "GML_bf2168c4-c292-4340-bc50-7a2aa2cab5be" in page and f"<td>{line}</td>" in page


@pytest.fixture
def plan_41(sample, everywhere):
    report = import_xplan(sample(SAMPLE_41), authority=everywhere)
    return Plan.objects.get(pk=report["plans"][0]["id"])


def test_export_command_validates_and_reports_json(plan_41, tmp_path, capsys):
    out = tmp_path / "plan.gml"
    call_command("export_xplan", str(plan_41.uid), "--validate", "--json", "-o", str(out))
    report = json.loads(capsys.readouterr().out)
    assert report["validation"]["available"] is True
    assert report["validation"]["valid"] is True and report["validation"]["errors"] == []
    # The 4.1 plan's report names what was migrated or could not be carried to 6.0.
    codes = {(m["code"], m["gml_id"]) for m in report["messages"]}
    assert ("class_migrated", "GML_AE8AC554-FCCB-4328-8A54-51B5BE7F5B7F") in codes
    assert any(code == "property_dropped" for code, _id in codes)
    assert out.read_bytes().startswith(b"<?xml")


def test_export_command_json_needs_an_output_file(plan_41):
    with pytest.raises(CommandError, match="-o FILE"):
        call_command("export_xplan", str(plan_41.uid), "--json")


def test_export_command_fails_when_it_cannot_validate(plan_41, tmp_path, settings):
    settings.PORTAL_XPLAN_SCHEMA_DIR = tmp_path / "missing"
    with pytest.raises(CommandError, match="could not be validated"):
        call_command("export_xplan", str(plan_41.uid), "--validate", "-o",
                     str(tmp_path / "x.gml"))


def test_staff_export_page_shows_the_validation(client, plan_41, everywhere):
    client.force_login(make_staff(everywhere, Role.VIEWER))
    url = f"/staff/xplan/plaene/{plan_41.uid}/export/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="validation-valid"' in page
    assert 'id="export-messages"' in page and "GML_AE8AC554-FCCB-4328-8A54-51B5BE7F5B7F" in page
    assert f"/staff/xplan/plaene/{plan_41.uid}/xplan.gml" in page
    client.force_login(make_staff(make_authority(slug="fremd"), Role.ADMIN))
    assert client.get(url).status_code == 404
