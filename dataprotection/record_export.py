"""The record of processing activities as a tagged PDF and as an ODT text document."""

import io

from django.utils.translation import gettext as _
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.text import H, P

from .record import Record, activity_rows
from .subject_pdf import new_document


def _title(record: Record) -> str:
    return _("Record of processing activities of %(name)s") % {"name": record.authority.name}


def _sections(record: Record) -> list[tuple[str, str]]:
    sections = [(_("Controller"), record.controller),
                (_("Data protection officer"), record.dpo)]
    if record.recipients:
        sections.append((_("Further recipients"), record.recipients))
    if record.security_measures:
        sections.append((_("Technical and organisational measures"),
                         record.security_measures))
    if record.notes:
        sections.append((_("Further notes"), record.notes))
    return sections


def render_record_pdf(record: Record) -> bytes:
    pdf, family = new_document(_title(record))
    for heading, text in _sections(record):
        pdf.set_font(family, "B", 12)
        pdf.block("H2", 7, heading)
        pdf.set_font(family, "", 10)
        pdf.block("P", 5.5, text)
        pdf.ln(2)
    for number, activity in enumerate(record.activities, start=1):
        pdf.ln(2)
        pdf.set_font(family, "B", 12)
        pdf.block("H2", 7, f"{number}. {activity.title}")
        pdf.set_font(family, "", 10)
        for label, value in activity_rows(activity):
            pdf.block("P", 5.5, f"{label}: {value}")
        for detail in activity.details:
            pdf.block("P", 5.5, f"– {detail}")
    return bytes(pdf.output())


def render_record_odt(record: Record) -> bytes:
    document = OpenDocumentText()
    bold = Style(name="Label", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    document.text.addElement(H(outlinelevel=1, text=_title(record)))
    for heading, text in _sections(record):
        document.text.addElement(H(outlinelevel=2, text=heading))
        for line in text.splitlines() or [""]:
            document.text.addElement(P(text=line))
    for number, activity in enumerate(record.activities, start=1):
        document.text.addElement(H(outlinelevel=2, text=f"{number}. {activity.title}"))
        for label, value in activity_rows(activity):
            document.text.addElement(P(text=f"{label}: {value}"))
        for detail in activity.details:
            document.text.addElement(P(text=f"– {detail}"))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
