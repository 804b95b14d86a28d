"""Every format made from the 1,000-statement procedure and read back by a real reader."""

import zipfile

import pytest
from django.contrib.gis.db.models.functions import Transform
from django.utils import translation

from planning.exports.formats import write_export
from planning.exports.rows import ExportScope
from planning.models import Statement

from .conftest import GROUP_REASONING, INJECTION, SINGLE_REASONING
from .readers import csv_rows, layer_features, ods_rows, pdf_metadata, pdf_text, xlsx_rows

pytestmark = pytest.mark.django_db

#: 1,000 statements; ST-2026-00401 is split into two sections: 1,001 weighed parts.
PARTS = 1001
GROUP_DECISION = "not considered"


@pytest.fixture
def export(weighed, tmp_path):
    plan, _phase = weighed

    def make(fmt: str, variant: str, phase=None):
        path = tmp_path / f"{variant}.{fmt}"
        with translation.override("en"):
            result = write_export(scope=ExportScope(authority=plan.authority, plan=plan,
                                                    phase=phase),
                                  fmt=fmt, variant=variant, path=path)
        return path, result

    return make


def _by_reference(rows, header):
    index = header.index("Reference")
    found = {}
    for row in rows:
        found.setdefault(row[index], []).append(dict(zip(header, row, strict=False)))
    return found


def test_xlsx_rows_decisions_and_formula_guard(export):
    path, result = export("xlsx", "internal")
    rows = xlsx_rows(path)
    header, data = rows[0], rows[1:]
    assert result.rows == PARTS and len(data) == PARTS
    assert {"No.", "Reference", "Received", "Name", "E-mail", "Statement", "Decision",
            "Reasoning", "Change of the plan"} <= set(header)
    by_ref = _by_reference(data, header)
    assert by_ref["ST-2026-00001"][0]["Decision"] == GROUP_DECISION
    assert by_ref["ST-2026-00001"][0]["Reasoning"] == GROUP_REASONING
    assert by_ref["ST-2026-00300"][0]["Decision"] == GROUP_DECISION  # the 300th of the group
    assert by_ref["ST-2026-00302"][0]["Reasoning"] == SINGLE_REASONING
    assert by_ref["ST-2026-00318"][0]["Name"] == "Person 317"
    assert [r["Part"] for r in by_ref["ST-2026-00401"]] == ["ST-2026-00401-1", "ST-2026-00401-2"]
    assert by_ref["ST-2026-00601"][0]["Statement"] == INJECTION

    from openpyxl import load_workbook

    sheet = load_workbook(path).worksheets[0]
    statement_column = header.index("Statement") + 1
    row_number = next(i for i, row in enumerate(rows, start=1) if row[1] == "ST-2026-00601")
    cell = sheet.cell(row=row_number, column=statement_column)
    assert cell.data_type == "s" and cell.quotePrefix  # a text, never a formula
    received = sheet.cell(row=row_number, column=header.index("Received") + 1)
    assert received.is_date and received.data_type == "d"  # a real date ("Eingegangen am")
    assert received.number_format == "DD.MM.YYYY HH:MM"
    assert cell.alignment.wrap_text
    assert sheet.column_dimensions["A"].width > 0 and sheet.freeze_panes == "D2"
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_xlsx_public_variant_has_numbers_not_names(export):
    path, _result = export("xlsx", "public")
    rows = xlsx_rows(path)
    header = rows[0]
    assert "Submitter" in header and not {"Name", "Street and number", "E-mail"} & set(header)
    by_ref = _by_reference(rows[1:], header)
    assert by_ref["ST-2026-00001"][0]["Submitter"] == "Submitter 1"
    assert by_ref["ST-2026-00319"][0]["Statement"] == "Bereinigter öffentlicher Text 318."
    text = by_ref["ST-2026-00318"][0]["Statement"]
    assert "Person 317" not in text and "[…]" in text and "Höhe" in text


def test_ods_read_back_with_odfpy(export):
    path, result = export("ods", "internal")
    rows = ods_rows(path)
    header, data = rows[0], rows[1:]
    assert result.rows == PARTS and len(data) == PARTS
    by_ref = _by_reference(data, header)
    assert by_ref["ST-2026-00001"][0]["Decision"] == GROUP_DECISION
    assert by_ref["ST-2026-00601"][0]["Statement"] == INJECTION
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    assert "table:formula" not in content  # every text is a string cell
    assert 'office:value-type="date"' in content


def test_csv_bom_semicolons_and_injection_guard(export):
    path, result = export("csv", "internal")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.splitlines()[0].decode("utf-8-sig").count(";") >= 10
    rows = csv_rows(path)
    header, data = rows[0], rows[1:]
    assert result.rows == PARTS and len(data) == PARTS
    by_ref = _by_reference(data, header)
    assert by_ref["ST-2026-00601"][0]["Statement"] == "'" + INJECTION
    assert by_ref["ST-2026-00602"][0]["Reasoning"].startswith("'+cmd")
    assert by_ref["ST-2026-00602"][0]["Change of the plan"] == "'@SUM(1+1)"
    assert by_ref["ST-2026-00001"][0]["Decision"] == GROUP_DECISION
    assert by_ref["ST-2026-00318"][0]["E-mail"] == "person317@example.org"
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
               for row in rows for cell in row)


def test_geopackage_in_25832_with_decisions(export, weighed):
    plan, _phase = weighed
    located = Statement.objects.filter(plan=plan, location__isnull=False)
    path, result = export("gpkg", "internal")
    code, attributes, points = layer_features(path)
    assert code == "25832"
    assert result.rows == len(attributes) == located.count()
    by_ref = {a["reference"]: a for a in attributes}
    first = by_ref["ST-2026-00002"]  # ST-2026-00001 (i=0) has no location
    assert first["decision"] == "not_considered" and first["decision_label"] == GROUP_DECISION
    assert first["reasoning"] == GROUP_REASONING and first["topics"] == "Umwelt"
    assert first["name"] == "Person 1" and first["email"] == "person1@example.org"
    statement = located.annotate(out=Transform("location", 25832)).get(reference="ST-2026-00002")
    x, y = points[[a["reference"] for a in attributes].index("ST-2026-00002")]
    assert abs(x - statement.out.x) < 0.01 and abs(y - statement.out.y) < 0.01


def test_geojson_in_wgs84_public(export, weighed):
    plan, _phase = weighed
    located = Statement.objects.filter(plan=plan, location__isnull=False)
    path, result = export("geojson", "public")
    code, attributes, points = layer_features(path)
    assert code == "4326"
    assert result.rows == len(attributes) == located.count()
    assert "name" not in attributes[0] and "email" not in attributes[0]
    by_ref = {a["reference"]: (a, p) for a, p in zip(attributes, points, strict=True)}
    feature, (lon, lat) = by_ref["ST-2026-00302"]
    assert feature["decision"] == "considered" and feature["reasoning"] == SINGLE_REASONING
    assert feature["submitter"].startswith("Submitter ")
    expected = located.annotate(out=Transform("location", 4326)).get(reference="ST-2026-00302")
    assert abs(lon - expected.out.x) < 1e-6 and abs(lat - expected.out.y) < 1e-6
    assert 13 < lon < 14 and 50 < lat < 52  # longitude first (RFC 7946)


def test_pdf_prints_the_mass_objection_once(export):
    path, result = export("pdf", "internal")
    text = pdf_text(path)
    assert result.rows == 1000 - 299  # the group is one entry
    assert "ST-2026-00001" in text and "ST-2026-00302" in text and "ST-2026-01000" in text
    assert "and 299 further identical statements" in text
    assert "ST-2026-00002 (Person 1, 01001 Dresden)" in text
    assert text.lower().count("wir lehnen die geplante") == 1
    assert GROUP_DECISION in text and "Gutachten" in text and "Baustraße" in text
    assert "Page 1 of" in text


def test_pdf_public_lists_references_only(export):
    path, _result = export("pdf", "public")
    text = pdf_text(path)
    assert "and 299 further identical statements: No. ST-2026-00002, ST-2026-00003" in text
    assert "Submitter 1" in text
    assert "Public:" in pdf_metadata(path)
    # Tagged (PDF/UA basics, tests/tagged_pdf.py) on every page: H1, then one Table of TH/TD
    # rows; the headings repeated on each page, footers and borders are artifacts.
    from ..tagged_pdf import document_language, structure_types, tagged_pdf_problems

    content = path.read_bytes()
    assert tagged_pdf_problems(content) == []
    assert document_language(content) == "en"
    types = structure_types(content)
    assert types[:4] == ["/Document", "/H1", "/P", "/Table"]
    assert types.count("/TH") == 8 and types.count("/TR") > 700 and "/TD" in types


def test_export_of_one_phase(weighed, tmp_path):
    from datetime import UTC, date, datetime

    from planning.services.phases import schedule_phase

    plan, phase = weighed
    later = schedule_phase(plan=plan, kind="baugb_4a_3", start_date=date(2026, 11, 2),
                           end_date=date(2026, 12, 4))
    Statement.objects.create(authority=plan.authority, plan=plan, phase=later,
                             reference="ST-2026-02001", text="Erneut: zu hoch.",
                             received_at=datetime(2026, 11, 3, tzinfo=UTC))
    rows = {}
    for key, scope_phase in (("first", phase), ("later", later), ("all", None)):
        path = tmp_path / f"{key}.csv"
        write_export(scope=ExportScope(authority=plan.authority, plan=plan, phase=scope_phase),
                     fmt="csv", variant="public", path=path)
        rows[key] = len(csv_rows(path)) - 1
    assert rows == {"first": PARTS, "later": 1, "all": PARTS + 1}
