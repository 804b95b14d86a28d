"""SECURITY.md G1: no public export, in any format, contains the submitters' personal data.

The fixture's submitters are "Person N", "Gasse N", postcode 01000+N, "personN@example.org";
statement ST-2026-00318 also names its submitter inside its text and place description.
"""

import pytest
from django.utils import translation

from planning.exports.formats import write_export
from planning.exports.rows import ExportScope
from planning.models.export_job import ExportFormat

from .readers import everything_readable, personal_data_found

pytestmark = pytest.mark.django_db


def _export(plan, fmt, variant, path):
    with translation.override("en"):
        write_export(scope=ExportScope(authority=plan.authority, plan=plan), fmt=fmt,
                     variant=variant, path=path)
    return everything_readable(path, fmt)


@pytest.mark.parametrize("fmt", ExportFormat.values)
def test_public_export_contains_no_personal_data(weighed, tmp_path, fmt):
    plan, _phase = weighed
    text = _export(plan, fmt, "public", tmp_path / f"public.{fmt}")
    assert "ST-2026-00302" in text  # the scan reads the real content
    assert personal_data_found(text) == []


def test_the_scan_finds_personal_data_in_the_internal_variant(weighed, tmp_path):
    plan, _phase = weighed
    text = _export(plan, "csv", "internal", tmp_path / "internal.csv")
    found = personal_data_found(text)
    assert {"Person ", "Gasse ", "@example.org"} <= set(found)
    assert any(item.startswith("01") and item.isdigit() for item in found)  # postcodes
