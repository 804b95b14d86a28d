"""manage.py release_results: the same service, with a JSON report for scripts."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from planning.models import ResultNotification, ResultRelease

from .conftest import decide_everything

pytestmark = pytest.mark.django_db


def _run(*args) -> dict:
    out = StringIO()
    call_command("release_results", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_refused_with_a_report_then_released_once(small_plan, after_phase):
    plan, _phase, _s = small_plan
    out = StringIO()
    with pytest.raises(CommandError, match="11 undecided"):
        call_command("release_results", str(plan.uid), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["released"] is False and report["undecided"] == 11
    assert "ST-2026-00001" in report["undecided_references"]
    assert not ResultRelease.objects.exists()

    decide_everything(plan)
    assert _run(str(plan.uid), "--dry-run")["ready"] is True
    assert not ResultRelease.objects.exists()
    first = _run(str(plan.uid), "--no-publish", "--base-url", "https://portal.example.org")
    assert first["created"] is True and first["publish"] is False
    assert first["new_notifications"] == {"email": 7, "letter": 5} and first["unreachable"] == 1
    second = _run(str(plan.uid))
    assert second["created"] is False and second["new_notifications"] == {"email": 0, "letter": 0}
    assert ResultNotification.objects.count() == 12


def test_bad_arguments(small_plan):
    plan, _phase, _s = small_plan
    with pytest.raises(CommandError, match="not a plan UID"):
        call_command("release_results", "nope")
    with pytest.raises(CommandError, match="No plan"):
        call_command("release_results", "00000000-0000-0000-0000-000000000000")
    with pytest.raises(CommandError, match="base_url"):
        call_command("release_results", str(plan.uid), "--base-url", "javascript:x")
