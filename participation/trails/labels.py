"""The printable QR label sheet of a trail's signposts (a tagged PDF, A4, 2 × 4 labels).

Each label: the signpost ID, a QR code (segno) of the short URL that opens the report form
prefilled with the signpost, and the short URL in plain text for people without a camera.
"""

import io

import segno
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf.enums import Align, XPos, YPos

from planning.pdf_fonts import register_fonts
from planning.pdf_tagging import TaggedPDF

COLUMNS, ROWS = 2, 4
LABEL_W, LABEL_H = 90.0, 66.0
MARGIN_X, MARGIN_Y = 15.0, 12.0
QR_SIZE = 40.0


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=10, border=4)
    buffer.seek(0)
    return buffer


def render_labels(trail, signposts, short_url) -> bytes:
    """`short_url(signpost)` gives the absolute short URL of a signpost."""
    pdf = TaggedPDF(format="A4", lang=translation.get_language() or "de")
    pdf.set_title(_("Signpost labels: %(trail)s") % {"trail": trail.name})
    pdf.set_auto_page_break(auto=False)
    family = register_fonts(pdf)
    per_page = COLUMNS * ROWS
    for index, signpost in enumerate(signposts):
        if index % per_page == 0:
            pdf.add_page()
            with pdf.tag("H1"):
                pdf.set_font(family, "B", 11)
                pdf.set_xy(MARGIN_X, 4)
                pdf.cell(0, 6, _("Signpost labels: %(trail)s") % {"trail": trail.name})
        slot = index % per_page
        x = MARGIN_X + (slot % COLUMNS) * LABEL_W
        y = MARGIN_Y + (slot // COLUMNS) * LABEL_H
        with pdf.artifact():
            pdf.rect(x, y, LABEL_W - 4, LABEL_H - 4)
        url = short_url(signpost)
        with pdf.tag("P"):
            pdf.set_font(family, "B", 10)
            pdf.set_xy(x, y + 2)
            pdf.cell(LABEL_W - 4, 5, signpost.public_id, align=Align.C,
                     new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        with pdf.tag("Figure", alt=_("QR code opening the report form for signpost "
                                     "%(id)s") % {"id": signpost.public_id}):
            pdf.image(_qr_png(url), x=x + (LABEL_W - 4 - QR_SIZE) / 2, y=y + 8, w=QR_SIZE,
                      h=QR_SIZE)
        with pdf.tag("P"):
            pdf.set_font(family, "", 8)
            pdf.set_xy(x, y + 9 + QR_SIZE)
            pdf.cell(LABEL_W - 4, 4, _("Report a problem:"), align=Align.C)
            pdf.set_xy(x, y + 13 + QR_SIZE)
            pdf.cell(LABEL_W - 4, 4, url, align=Align.C)
    if not signposts:
        pdf.add_page()
        with pdf.tag("P"):
            pdf.set_font(family, "", 11)
            pdf.cell(0, 10, _("This trail has no signposts yet."))
    return bytes(pdf.output())
