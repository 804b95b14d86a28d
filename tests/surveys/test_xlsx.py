"""The XLSX export of the results: read back with openpyxl; formula-like answers stay text."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from participation.surveys.models import Question

from .helpers import fill_all, start

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","klick")'


def _submit(client, survey):
    visitor = client.__class__()
    start(visitor, survey)
    response = survey.responses.filter(is_draft=True).get()
    fill_all(visitor, survey, response)
    return response


def test_xlsx_has_responses_and_one_sheet_per_map_question(client, staff, survey):
    first = _submit(client, survey)
    _submit(client, survey)
    first.answers.filter(question__order=3).update(value=FORMULA + SCRIPT)
    Question.objects.filter(survey=survey, order=1).update(text="@SUM(1+1)")
    client.force_login(staff)
    answer = client.get(reverse("surveys_staff:export-xlsx", args=[survey.uid]))
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(answer.content))
    sheets = workbook.worksheets
    assert len(sheets) == 4  # responses + point, line, area
    rows = list(sheets[0].iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[0][1] == "'@SUM(1+1)"
    cells = [cell for row in sheets[0].iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert all(not str(cell.value or "").startswith(("=", "+", "@", "-")) for cell in cells)
    assert any(str(cell.value).startswith("'=HYPERLINK") for cell in cells)
    points = list(sheets[1].iter_rows(values_only=True))
    assert points[1][3] == "WKT (EPSG:4326)"
    assert len(points) == 2 + 4  # question, header, two places per response
    assert points[2][3].startswith("POINT")
    assert 12.2 < points[2][4] < 12.4 and 51.2 < points[2][5] < 51.4
    kinds = {sheet.cell(row=3, column=4).value.split(" ")[0] for sheet in sheets[1:]}
    assert kinds == {"POINT", "LINESTRING", "POLYGON"}


def test_xlsx_of_another_authority_answers_404(client, other_staff, survey):
    client.force_login(other_staff)
    assert client.get(reverse("surveys_staff:export-xlsx",
                              args=[survey.uid])).status_code == 404
