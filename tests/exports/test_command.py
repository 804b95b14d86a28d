"""manage.py export_weighing_table PLAN_UID --format … [--phase ID] [--public] -o FILE [--json]"""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from .readers import layer_features, personal_data_found, xlsx_rows

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("export_weighing_table", *args, "--language", "en", stdout=out)
    return out.getvalue()


def test_command_writes_public_xlsx_with_json_report(weighed, tmp_path):
    plan, phase = weighed
    target = tmp_path / "tabelle.xlsx"
    report = json.loads(_run(str(plan.uid), "--format", "xlsx", "--public", "--phase",
                             str(phase.pk), "-o", str(target), "--json"))
    assert report["rows"] == 1001 and report["variant"] == "public"
    assert report["phase"] == phase.pk and report["bytes"] == target.stat().st_size
    rows = xlsx_rows(target)
    assert len(rows) == 1002 and "Submitter" in rows[0]
    assert personal_data_found(" ".join(str(v) for row in rows for v in row)) == []
    assert [p.name for p in tmp_path.iterdir()] == ["tabelle.xlsx"]  # no temp files left


def test_command_writes_a_geopackage(weighed, tmp_path):
    plan, _phase = weighed
    target = tmp_path / "orte.gpkg"
    assert "rows written" in _run(str(plan.uid), "--format", "gpkg", "-o", str(target))
    code, attributes, _points = layer_features(target)
    assert code == "25832" and attributes and "name" in attributes[0]


def test_command_refuses_bad_arguments(weighed, other_town, tmp_path):
    plan, _phase = weighed
    _authority, _foreign_plan, foreign_phase = other_town
    with pytest.raises(CommandError):
        _run("not-a-uid", "--format", "csv", "-o", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError):
        _run(str(plan.uid), "--format", "csv", "--phase", str(foreign_phase.pk),
             "-o", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError):
        _run(str(plan.uid), "--format", "csv", "-o", str(tmp_path / "missing" / "x.csv"))
    assert list(tmp_path.iterdir()) == []
