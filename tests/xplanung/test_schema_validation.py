"""Validation of XPlanGML 6.0 against the official schema: offline, errors with line,
element and gml:id, "not available" without the schema directory; every sample plan
exported as 6.0 validates."""

import pytest

from planning.xplanung import open_xplan, write_xplan_60
from planning.xplanung.schema_validation import validate_xplan_60

from .builders import bereich, bp_plan, content, document, polygon, square
from .conftest import manifest_params

X0, Y0 = 400000.0, 5650000.0


@pytest.fixture
def schema_dir(schema_60, settings):
    return settings.PORTAL_XPLAN_SCHEMA_DIR


def _plan_with_object(extra: str = "", cls: str = "BP_BaugebietsTeilFlaeche") -> bytes:
    extra = "<xplan:flaechenschluss>true</xplan:flaechenschluss>" + extra
    return document(
        bp_plan(bereiche=("b1",)),
        bereich("b1", "plan1", extra='<xplan:planinhalt xlink:href="#o1"/>'),
        content("o1", "b1", polygon(square(X0, Y0, 10), gml_id="g"), cls=cls, extra=extra),
    )


def test_a_valid_document_passes(schema_dir):
    result = validate_xplan_60(_plan_with_object())
    assert result.available and result.valid, result.errors
    assert result.as_dict()["errors"] == []


def test_errors_name_line_element_and_gml_id(schema_dir):
    data = _plan_with_object("<xplan:unbekannt>1</xplan:unbekannt>")
    result = validate_xplan_60(data)
    assert result.valid is False
    error = result.errors[0]
    assert error.element == "unbekannt"
    assert error.gml_id == "o1"
    line = data.decode().splitlines()[error.line - 1]
    assert "<xplan:unbekannt>" in line
    assert "unbekannt" in error.message


def test_a_bad_code_value_is_an_error(schema_dir):
    data = document(bp_plan(rechtsstand="1234"))
    result = validate_xplan_60(data)
    assert result.valid is False
    assert [(e.element, e.gml_id) for e in result.errors] == [("rechtsstand", "plan1")]


def test_without_the_schema_directory_validation_is_not_available(settings, tmp_path):
    settings.PORTAL_XPLAN_SCHEMA_DIR = tmp_path / "missing"
    result = validate_xplan_60(_plan_with_object())
    assert result.available is False
    assert result.valid is None
    assert "XPlanGML 6.0" in result.reason


def test_schema_documents_are_never_fetched_from_the_network(settings, tmp_path, canary):
    folder = tmp_path / "xsd" / "6_0"
    folder.mkdir(parents=True)
    remote = f"http://127.0.0.1:{canary.server_port}/remote.xsd"
    (folder / "XPlanung-Operationen-offline.xsd").write_text(
        '<schema xmlns="http://www.w3.org/2001/XMLSchema">'
        f'<include schemaLocation="{remote}"/></schema>'
    )
    settings.PORTAL_XPLAN_SCHEMA_DIR = tmp_path / "xsd"
    result = validate_xplan_60(_plan_with_object())
    assert result.available is False
    assert canary.hits == []


def test_an_unreadable_document_is_reported_not_raised(schema_dir):
    result = validate_xplan_60(b"<xplan:XPlanAuszug")
    assert result.valid is False and result.errors[0].line == 1


@pytest.mark.shared_data
@pytest.mark.parametrize("entry", manifest_params())
def test_every_sample_plan_exports_schema_valid_60(entry, sample, schema_dir):
    if entry is None:
        pytest.skip("../shared/data is absent")
    with open_xplan(sample(entry)) as document_:
        data = write_xplan_60(document_)
    result = validate_xplan_60(data)
    assert result.valid, [e.as_dict() for e in result.errors[:5]]


def test_a_schema_location_in_the_document_is_not_followed(schema_dir, canary):
    remote = f"http://127.0.0.1:{canary.server_port}/evil.xsd"
    data = _plan_with_object().replace(
        b'gml:id="doc"',
        f'gml:id="doc" xsi:schemaLocation="http://www.xplanung.de/xplangml/6/0 {remote}"'.encode(),
    )
    assert remote.encode() in data
    assert validate_xplan_60(data).valid
    assert canary.hits == []
