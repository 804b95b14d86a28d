"""The ticket as a QR code (segno) and as a tagged PDF (fpdf2), one page per person.

The QR code holds the signed token only (tokens.ticket_token); the page beside it names the
event, time, place and person for people, not for the scanner."""

import io

import segno
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from planning.pdf_fonts import register_fonts
from planning.pdf_tagging import TaggedPDF

from .tokens import ticket_token

QR_SIZE = 80.0


def qr_svg_data_uri(token: str) -> str:
    return segno.make(token, error="m", micro=False).svg_data_uri(scale=6, border=4)


def _qr_png(token: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(token, error="m", micro=False).save(buffer, kind="png", scale=10, border=4)
    buffer.seek(0)
    return buffer


def when(event) -> str:
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    return "{}, {} – {}".format(formats.date_format(start, "DATE_FORMAT"),
                            formats.time_format(start, "TIME_FORMAT"),
                            formats.time_format(end, "TIME_FORMAT"))


def render_tickets(registration) -> bytes:
    event = registration.event
    pdf = TaggedPDF(format="A4", lang=translation.get_language() or "de")
    pdf.set_title(_("Ticket: %(title)s") % {"title": event.title})
    family = register_fonts(pdf)
    for ticket in registration.tickets.all():
        pdf.add_page()
        with pdf.tag("H1"):
            pdf.set_font(family, "B", 16)
            pdf.multi_cell(0, 8, _("Ticket: %(title)s") % {"title": event.title},
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        lines = [event.authority.name, when(event), event.address or event.online_url,
                 _("Person %(number)d of %(persons)d: %(name)s") % {
                     "number": ticket.number, "persons": registration.persons,
                     "name": registration.name}]
        with pdf.tag("P"):
            pdf.set_font(family, "", 11)
            for line in lines:
                if line:
                    pdf.multi_cell(0, 6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        with pdf.tag("Figure", alt=_("QR code of the ticket for the check-in")):
            pdf.image(_qr_png(ticket_token(ticket.token_id)), x=(210 - QR_SIZE) / 2,
                      y=pdf.get_y() + 8, w=QR_SIZE, h=QR_SIZE)
        pdf.set_y(pdf.get_y() + QR_SIZE + 14)
        with pdf.tag("P"):
            pdf.set_font(family, "", 9)
            pdf.multi_cell(0, 5, _("Show this code at the entrance, on paper or on your phone. "
                                   "It can be checked in once."),
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
