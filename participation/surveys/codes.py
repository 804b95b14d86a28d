"""Invitation codes of a token survey: printed codes (shown once: on the page, as CSV or as a
printable PDF) and codes mailed to a list of addresses (one code per address, each address once
per survey; the address itself is not stored, only a keyed hash to recognise it again)."""

import csv
import hashlib
import hmac
import io

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from fpdf import FPDF

from planning.exports.tabular import neutralise
from planning.pdf_fonts import register_fonts

from .models import Survey, SurveyToken

PRINTED_LABEL = "print"
MAIL_LABEL_PREFIX = "mail:"


def address_label(survey: Survey, address: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{survey.uid}:{address.lower()}".encode(),
                      hashlib.sha256).hexdigest()
    return MAIL_LABEL_PREFIX + digest[:40]


def create_printed(survey: Survey, count: int) -> list[str]:
    tokens = SurveyToken.objects.bulk_create(
        [SurveyToken(survey=survey, label=PRINTED_LABEL) for _i in range(count)])
    return [token.code for token in tokens]


def codes_csv(survey: Survey, codes: list[str], start_url: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["code", "survey", "url"])
    for code in codes:
        writer.writerow([neutralise(code), neutralise(survey.title), start_url])
    return "\ufeff" + buffer.getvalue()


def codes_pdf(survey: Survey, codes: list[str], start_url: str, *, intro: str,
              code_label: str) -> bytes:
    """One slip per code, eight to an A4 page, with cutting lines."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_title(survey.title)
    family = register_fonts(pdf)

    def safe(text: str) -> str:
        if family == "Helvetica":
            return text.encode("latin-1", "replace").decode("latin-1")
        return text

    pdf.set_auto_page_break(auto=False)
    slip_w, slip_h = 95.0, 68.0
    for index, code in enumerate(codes):
        if index % 8 == 0:
            pdf.add_page()
        column, row = index % 2, (index % 8) // 2
        x, y = 10 + column * slip_w, 10 + row * slip_h
        pdf.set_draw_color(160, 160, 160)
        pdf.set_dash_pattern(dash=1, gap=1)
        pdf.rect(x, y, slip_w, slip_h)
        pdf.set_dash_pattern()
        pdf.set_xy(x + 5, y + 5)
        pdf.set_font(family, "B", 11)
        pdf.multi_cell(slip_w - 10, 5, safe(survey.title[:120]))
        pdf.set_x(x + 5)
        pdf.set_font(family, "", 9)
        pdf.multi_cell(slip_w - 10, 4.5, safe(intro))
        pdf.set_x(x + 5)
        pdf.multi_cell(slip_w - 10, 4.5, safe(start_url))
        pdf.set_xy(x + 5, y + slip_h - 18)
        pdf.set_font(family, "", 9)
        pdf.cell(slip_w - 10, 5, safe(code_label))
        pdf.set_xy(x + 5, y + slip_h - 12)
        pdf.set_font("Courier", "B", 14)
        pdf.cell(slip_w - 10, 7, code)
    return bytes(pdf.output())


class MailResult:
    def __init__(self, sent: int, skipped: int):
        self.sent, self.skipped = sent, skipped


def mail_codes(survey: Survey, addresses: list[str], *, subject: str, start_url: str) -> MailResult:
    """One new code per address not yet invited to this survey; all or nothing: when the mail
    server refuses, no code stays."""
    labels = {address: address_label(survey, address) for address in addresses}
    known = set(SurveyToken.objects.filter(survey=survey, label__in=labels.values())
                .values_list("label", flat=True))
    fresh = [address for address in addresses if labels[address] not in known]
    with transaction.atomic():
        tokens = SurveyToken.objects.bulk_create(
            [SurveyToken(survey=survey, label=labels[address]) for address in fresh])
        messages = [
            EmailMessage(subject=subject, to=[address], from_email=settings.DEFAULT_FROM_EMAIL,
                         body=render_to_string("surveys/mail/invitation.txt", {
                             "survey": survey, "code": token.code, "url": start_url}))
            for address, token in zip(fresh, tokens, strict=True)]
        if messages:
            get_connection(fail_silently=False).send_messages(messages)
    return MailResult(sent=len(fresh), skipped=len(addresses) - len(fresh))
