"""The staff export of a session's results: CSV (UTF-8 with BOM, semicolons, for German
spreadsheets) and XLSX (openpyxl). One row per answer option, scale value or word; word
answers also one by one (hidden ones marked). Formula-like cells are neutralised (SECURITY.md
C8)."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from planning.exports.tabular import neutralise

from .models import QuestionType
from .results import result


def _rows(session) -> tuple[list[str], list[list]]:
    header = [_("No."), _("Question"), _("Type"), _("State"), _("Answer"), _("Votes"),
              _("Percent"), _("Votes on the question"), _("Average")]
    rows = []
    for number, question in enumerate(session.questions.all(), start=1):
        found = result(question)
        base = [number, question.text, str(question.get_type_display()),
                str(question.get_state_display())]
        for row in found.rows or [None]:
            rows.append([*base, row.label if row else "", row.count if row else 0,
                         row.percent if row else 0, found.total,
                         found.average if found.average is not None else ""])
    return header, rows


def _answer_rows(session) -> tuple[list[str], list[list]]:
    header = [_("No."), _("Question"), _("Answer"), _("Hidden by the moderator"),
              _("Given at")]
    rows = []
    for number, question in enumerate(session.questions.all(), start=1):
        if question.type != QuestionType.WORDS:
            continue
        for vote in question.votes.order_by("created_at", "pk"):
            rows.append([number, question.text, vote.text,
                         _("yes") if vote.hidden else _("no"),
                         vote.created_at.isoformat(timespec="seconds")])
    return header, rows


def _safe(row: list) -> list:
    return [neutralise(value) if isinstance(value, str) else value for value in row]


def results_csv(session) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    header, rows = _rows(session)
    writer.writerow(header)
    writer.writerows(_safe(row) for row in rows)
    header, rows = _answer_rows(session)
    if rows:
        writer.writerow([])
        writer.writerow(header)
        writer.writerows(_safe(row) for row in rows)
    return buffer.getvalue()


def results_xlsx(session) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Results")[:31]
    header, rows = _rows(session)
    sheet.append(header)
    for row in rows:
        sheet.append(_safe(row))
    header, rows = _answer_rows(session)
    if rows:
        answers = workbook.create_sheet(_("Word answers")[:31])
        answers.append(header)
        for row in rows:
            answers.append(_safe(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
