"""The PDF receipt (Eingangsbestätigung) of a statement."""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from ..pdf_fonts import register_fonts
from ..pdf_tagging import TaggedPDF
from .location_text import location_summary


class _Receipt(TaggedPDF):
    def multi_cell(self, w, h, text, **kwargs):  # every block starts on a new line
        kwargs.setdefault("new_x", XPos.LMARGIN)
        kwargs.setdefault("new_y", YPos.NEXT)
        return super().multi_cell(w, h, text, **kwargs)

    def block(self, struct_type: str, height: float, text: str) -> None:
        with self.tag(struct_type):
            self.multi_cell(0, height, text)


def render_receipt(statement) -> bytes:
    """The receipt in the active language, as a tagged PDF (headings, paragraphs, /Lang)."""
    pdf = _Receipt(format="A4", lang=translation.get_language() or "de")
    pdf.set_title(_("Receipt of your statement %(reference)s")
                  % {"reference": statement.reference})
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    family = register_fonts(pdf)
    received = timezone.localtime(statement.received_at)
    pdf.set_font(family, "B", 15)
    pdf.block("H1", 8, _("Receipt of your statement"))
    pdf.ln(2)
    pdf.set_font(family, "", 10)
    rows = [
        (_("Reference number"), statement.reference),
        (_("Authority"), statement.authority.name),
        (_("Plan"), str(statement.plan)),
        (_("Phase"), statement.phase.display_title),
        (_("Received"), formats.date_format(received, "DATETIME_FORMAT")
         + " " + _("(German time)")),
        (_("Location"), location_summary(statement)),
    ]
    if statement.topics:
        rows.append((_("Topics"), ", ".join(statement.topics)))
    if statement.is_late:
        rows.append((_("Note"), _("received after the end of the period")))
    if statement.attachments.exists():
        rows.append((_("Attachments"), ", ".join(a.file_name for a in statement.attachments.all())))
    for label, value in rows:
        pdf.set_font(family, "B", 10)
        pdf.block("H2", 6, label)
        pdf.set_font(family, "", 10)
        pdf.block("P", 6, value)
        pdf.ln(1)
    pdf.ln(3)
    pdf.set_font(family, "B", 11)
    pdf.block("H2", 7, _("Your statement"))
    pdf.set_font(family, "", 10)
    pdf.block("P", 5.5, statement.text or _("No concerns."))
    pdf.ln(4)
    pdf.set_font(family, "", 8)
    pdf.block("P", 4.5, _("Keep this receipt. Quote the reference number in any enquiry. "
                          "The authority examines every statement received on time and "
                          "informs you of the result."))
    return bytes(pdf.output())
