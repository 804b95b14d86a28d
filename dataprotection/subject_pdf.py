"""The export of a person's data as a readable, tagged PDF."""

from django.utils import translation
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from planning.pdf_fonts import register_fonts
from planning.pdf_tagging import TaggedPDF


class _Document(TaggedPDF):
    def block(self, struct_type: str, height: float, text: str) -> None:
        with self.tag(struct_type):
            self.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def new_document(title: str) -> tuple[_Document, str]:
    pdf = _Document(format="A4", lang=translation.get_language() or "de")
    pdf.set_title(title)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    family = register_fonts(pdf)
    pdf.set_font(family, "B", 15)
    pdf.block("H1", 8, title)
    pdf.ln(2)
    return pdf, family


def render_subject_export(data: dict, *, reference: str) -> bytes:
    labels = {
        "reference": _("Reference number"), "authority": _("Authority"), "plan": _("Plan"),
        "phase": _("Phase"), "received_at": _("Received"), "channel": _("Channel"),
        "name": _("Name"), "organisation": _("Organisation"), "street": _("Street and number"),
        "postcode": _("Postcode"), "city": _("City"), "email": _("E-mail"),
        "place": _("Place"), "decision": _("Decision"), "reasoning": _("Reasoning"),
        "status": _("Status"), "phone": _("Phone"),
    }
    pdf, family = new_document(_("Data stored about you (%(reference)s)")
                               % {"reference": reference})
    pdf.set_font(family, "", 10)
    pdf.block("P", 5.5, _("This is the information under Art. 15 GDPR: every statement and "
                          "co-signature stored under your name or e-mail address."))
    for statement in data["statements"]:
        pdf.ln(3)
        pdf.set_font(family, "B", 12)
        pdf.block("H2", 7, _("Statement %(reference)s") % {"reference": statement["reference"]})
        pdf.set_font(family, "", 10)
        for key, label in labels.items():
            value = statement.get(key)
            if value:
                pdf.block("P", 5.5, f"{label}: {value}")
        pdf.block("P", 5.5, _("Text: %(text)s") % {"text": statement["text"]})
        if statement["attachments"]:
            pdf.block("P", 5.5, _("Attachments: %(names)s")
                      % {"names": ", ".join(statement["attachments"])})
    for cosignature in data["cosignatures"]:
        pdf.ln(3)
        pdf.set_font(family, "B", 12)
        pdf.block("H2", 7, _("Co-signature of %(reference)s")
                  % {"reference": cosignature["statement"]})
        pdf.set_font(family, "", 10)
        pdf.block("P", 5.5, f"{labels['name']}: {cosignature['name']}")
        pdf.block("P", 5.5, f"{labels['email']}: {cosignature['email']}")
        if cosignature["postcode"]:
            pdf.block("P", 5.5, f"{labels['postcode']}: {cosignature['postcode']}")
    for report in data.get("incident_reports", []):
        pdf.ln(3)
        pdf.set_font(family, "B", 12)
        pdf.block("H2", 7, _("Incident report %(reference)s") % {"reference": report["reference"]})
        pdf.set_font(family, "", 10)
        for key in ("received_at", "place", "status", "name", "email", "phone"):
            if report.get(key):
                pdf.block("P", 5.5, f"{labels.get(key, key)}: {report[key]}")
        pdf.block("P", 5.5, _("Text: %(text)s") % {"text": report["description"]})
    for support in data.get("incident_supports", []):
        pdf.block("P", 5.5, _("Support of %(reference)s: %(email)s")
                  % {"reference": support["report"], "email": support["email"]})
    for subscription in data.get("subscriptions", []):
        pdf.block("P", 5.5, _("Subscription for %(area)s: %(email)s")
                  % {"area": subscription["area"], "email": subscription["email"]})
    if not any(data.get(key) for key in ("statements", "cosignatures", "incident_reports",
                                         "incident_supports", "subscriptions")):
        pdf.block("P", 5.5, _("Nothing is stored about you."))
    return bytes(pdf.output())
