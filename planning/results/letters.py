"""Print-ready result letters: one PDF for all letters of a plan, sorted by postcode, then name.

DIN A4, layout of DIN 5008 form B: the address field 45 mm from the top and 20 mm from the left
edge (text 5 mm inset), 85 x 45 mm, for a DL window envelope; the return line in its first zone,
the recipient from 62.7 mm; the information block at 125 mm from the left, 50 mm from the top;
fold marks at 105 and 210 mm, the hole mark at 148.5 mm. Each letter starts on a new page;
pages after the first carry the reference and a page number in the footer.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..models import NotificationChannel, Plan, ResultNotification, Statement
from ..pdf_fonts import register_fonts
from ..pdf_tagging import TaggedPDF
from ..weighing.results import StatementResult, statement_results
from .mail import parts_context, public_result_url
from .recipients import postal_lines
from .text import excerpt, one_line

LEFT, RIGHT_MARGIN, TOP = 25.0, 20.0, 20.0
ADDRESS_TOP, ADDRESS_WIDTH = 62.7, 80.0
RETURN_LINE_Y = 56.0
RETURN_LINE_SIZES = (7.0, 6.0, 5.0)  # points: shrink before wrapping, never cut
RETURN_LINE_MAX_LINES = 2  # the return zone above the address holds two lines at 5–6 pt
INFO_X, INFO_Y, INFO_WIDTH = 125.0, 50.0, 75.0
SUBJECT_Y = 100.0


@dataclass
class Letter:
    notification: ResultNotification
    result: StatementResult
    lines: list[str]
    group_size: int

    @property
    def sort_key(self) -> tuple:
        statement = self.result.statement
        return (one_line(statement.postcode, 10), one_line(statement.name).casefold(),
                statement.reference)


def letter_notifications(plan: Plan, *, pending_only: bool = False, up_to_id: int | None = None):
    queryset = ResultNotification.objects.filter(statement__plan=plan,
                                                 channel=NotificationChannel.LETTER)
    if pending_only:
        queryset = queryset.filter(sent_at__isnull=True)
    if up_to_id is not None:
        queryset = queryset.filter(pk__lte=up_to_id)
    return queryset.order_by("pk")


def letters_for(plan: Plan, *, pending_only: bool = False, up_to_id: int | None = None
                ) -> list[Letter]:
    notifications = list(letter_notifications(plan, pending_only=pending_only,
                                              up_to_id=up_to_id))
    results = statement_results(Statement.objects.filter(
        pk__in=[n.statement_id for n in notifications]))
    by_statement = {r.statement.pk: r for r in results}
    group_ids = {r.statement.group_id for r in results if r.statement.group_id}
    sizes = dict(Statement.objects.filter(group_id__in=group_ids).values("group_id")
                 .annotate(n=Count("pk")).values_list("group_id", "n"))
    letters = []
    for notification in notifications:
        result = by_statement[notification.statement_id]
        lines = postal_lines(result.statement)
        if lines:
            letters.append(Letter(notification, result, lines,
                                  sizes.get(result.statement.group_id, 0)))
    return sorted(letters, key=lambda letter: letter.sort_key)


class _LetterPDF(TaggedPDF):
    reference = ""
    first_page = 1
    letter_font = "Helvetica"
    page_label = "page"

    def multi_cell(self, w, h, text, **kwargs):
        """Left-aligned block from the left margin, wrapped by `wrap` (fpdf2's own line
        breaking measures each line character by character: 30+ ms per letter)."""
        for line in self.wrap(str(text), w or (self.w - self.l_margin - self.r_margin)):
            self.cell(w, h, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def block(self, struct_type: str, w, h, text) -> None:
        """A paragraph or heading, tagged for assistive technology."""
        with self.tag(struct_type):
            self.multi_cell(w, h, text)

    def _width(self, word: str) -> float:
        key = (self.font_family, self.font_style, self.font_size_pt, word)
        cache = self.__dict__.setdefault("_widths", {})
        if key not in cache:
            cache[key] = self.get_string_width(word)
        return cache[key]

    def wrap(self, text: str, width: float) -> list[str]:
        lines = []
        space = self._width(" ")
        for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            line, used = [], 0.0
            for word in paragraph.split():
                size = self._width(word)
                while size > width:  # a word longer than the line (a URL): break it
                    cut = len(word)
                    while cut > 1 and self._width(word[:cut]) > width:
                        cut = max(1, cut * 3 // 4)
                    if line:
                        lines.append(" ".join(line))
                        line, used = [], 0.0
                    lines.append(word[:cut])
                    word = word[cut:]
                    size = self._width(word)
                if line and used + space + size > width:
                    lines.append(" ".join(line))
                    line, used = [], 0.0
                used += (space if line else 0.0) + size
                line.append(word)
            lines.append(" ".join(line))
        return lines

    def footer(self):
        if not self.reference:
            return
        number = self.page_no() - self.first_page + 1
        with self.artifact():
            self.set_y(-14)
            self.set_font(self.letter_font, "", 8)
            self.cell(0, 4, f"{self.reference} · {self.page_label} {number}", align="R")

    def fold_marks(self):
        with self.artifact():
            self.set_draw_color(120, 120, 120)
            self.set_line_width(0.2)
            self.line(3, 105, 8, 105)
            self.line(3, 210, 8, 210)
            self.line(3, 148.5, 10, 148.5)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    while text and pdf.get_string_width(text) > width:
        text = text[:-1]
    return text


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def greeting(statement: Statement) -> str:
    """The salutation: by name when the submitter gave one (the portal does not ask for a
    form of address, so never "Frau"/"Herr" guessed from a name)."""
    name = one_line(statement.name, 120)
    if name:
        return _("Hello %(name)s,") % {"name": name}
    return _("Dear Sir or Madam,")


def _return_line(pdf: _LetterPDF, text: str) -> None:
    """The sender line above the address: the full text in the largest size that fits one
    line, else wrapped to two lines at the smallest size (DIN 5008 return zone)."""
    for size in RETURN_LINE_SIZES:
        pdf.set_font(pdf.letter_font, "", size)
        if pdf.get_string_width(text) <= ADDRESS_WIDTH:
            lines = [text]
            break
    else:
        lines = pdf.wrap(text, ADDRESS_WIDTH)
        if len(lines) > RETURN_LINE_MAX_LINES:
            lines = lines[:RETURN_LINE_MAX_LINES - 1] + [
                _fit(pdf, " ".join(lines[RETURN_LINE_MAX_LINES - 1:]), ADDRESS_WIDTH)]
    height = pdf.font_size * 1.15
    with pdf.tag("P"):
        for index, line in enumerate(lines):
            pdf.set_xy(LEFT, RETURN_LINE_Y + index * height)
            pdf.cell(ADDRESS_WIDTH, height, line)


def _address(pdf: _LetterPDF, letter: Letter, authority) -> None:
    family = pdf.letter_font
    return_line = " · ".join(x for x in [one_line(authority.name, 80),
                                         one_line(authority.contact_address, 120)] if x)
    _return_line(pdf, return_line)
    pdf.set_font(family, "", 10)
    with pdf.tag("P"):
        for i, line in enumerate(letter.lines[:6]):
            pdf.set_xy(LEFT, ADDRESS_TOP + i * 4.5)
            pdf.cell(ADDRESS_WIDTH, 4.5, _fit(pdf, line, ADDRESS_WIDTH))


def _info_block(pdf: _LetterPDF, letter: Letter, authority) -> None:
    family = pdf.letter_font
    statement = letter.result.statement
    rows = [
        (_("Reference number"), statement.reference),
        (_("Your statement of"), _date(timezone.localtime(statement.received_at))),
        (_("Date"), _date(timezone.localtime(letter.notification.created_at))),
    ]
    if authority.contact_email:
        rows.append((_("E-mail"), authority.contact_email))
    if authority.contact_phone:
        rows.append((_("Phone"), one_line(authority.contact_phone, 50)))
    y = INFO_Y
    for label, value in rows:
        with pdf.tag("P"):
            pdf.set_xy(INFO_X, y)
            pdf.set_font(family, "", 7)
            pdf.cell(INFO_WIDTH, 3.2, label)
            pdf.set_xy(INFO_X, y + 3.2)
            pdf.set_font(family, "", 9)
            pdf.cell(INFO_WIDTH, 4.2, _fit(pdf, value, INFO_WIDTH - 10))
        y += 8.2


def _body(pdf: _LetterPDF, letter: Letter, public_url: str) -> None:
    family = pdf.letter_font
    statement = letter.result.statement
    plan = statement.plan
    width = pdf.w - LEFT - RIGHT_MARGIN
    pdf.set_xy(LEFT, SUBJECT_Y)
    pdf.set_font(family, "B", 11)
    pdf.block("H1", width, 5.5,
              _("Result of the weighing of your statement on the plan “%(plan)s”")
              % {"plan": one_line(plan.name)})
    pdf.ln(4)
    pdf.set_font(family, "", 10)
    pdf.block("P", width, 5, greeting(statement))
    pdf.ln(2)
    pdf.block("P", width, 5, _(
        "you submitted a statement on the plan “%(plan)s” of %(authority)s. The authority has "
        "examined and weighed every statement (§3(2) BauGB). This is the result for your "
        "statement.") % {"plan": one_line(plan.name), "authority": statement.authority.name})
    pdf.ln(3)
    pdf.set_font(family, "B", 10)
    pdf.block("H2", width, 5, _("Your statement (excerpt)"))
    pdf.set_font(family, "", 9)
    pdf.block("P", width, 4.5, excerpt(statement.text) or _("No concerns."))
    if letter.group_size > 1 and statement.group_id:
        pdf.ln(2)
        others = letter.group_size - 1
        pdf.block("P", width, 4.5, translation.ngettext(
            "The statement was weighed together with %(count)s statement of the same or "
            "similar content.",
            "The statement was weighed together with %(count)s statements of the same or "
            "similar content.", others) % {"count": others})
    parts = parts_context(letter.result)
    if len(parts) > 1:
        pdf.ln(3)
        pdf.set_font(family, "B", 10)
        pdf.block("H2", width, 5, _("Result: %(decision)s") % {
            "decision": letter.result.decision_label})
    for part in parts:
        pdf.ln(2)
        if part["label"]:
            pdf.set_font(family, "B", 10)
            quoted = f" („{part['text']}“)" if part["text"] else ""
            pdf.block("H3", width, 5, part["label"] + quoted)
        pdf.set_font(family, "", 10)
        pdf.block("P", width, 5, _("Decision: %(decision)s") % {
            "decision": part["decision_label"]})
        if part["reasoning"]:
            pdf.block("P", width, 5, _("Reasoning:") + " " + part["reasoning"])
        if part["plan_change"]:
            pdf.block("P", width, 5, _("Resulting change of the plan:") + " "
                      + part["plan_change"])
    pdf.ln(3)
    if public_url:
        pdf.block("P", width, 5, _("The results on all statements are published at:"))
        pdf.set_font(family, "", 8)
        pdf.block("P", width, 4, public_url)
        pdf.set_font(family, "", 10)
    pdf.block("P", width, 5, _("This notice informs you of the result of the weighing. It is "
                                "not an administrative decision (Verwaltungsakt) and needs no "
                                "reply."))
    pdf.ln(4)
    pdf.block("P", width, 5, _("Yours faithfully"))
    pdf.block("P", width, 5, statement.authority.name)


def render_letters(plan: Plan, *, base_url: str = "", pending_only: bool = False,
                   up_to_id: int | None = None) -> bytes:
    """All result letters of the plan in one PDF (at least one page: an empty batch says so)."""
    letters = letters_for(plan, pending_only=pending_only, up_to_id=up_to_id)
    release = getattr(plan, "result_release", None)
    public_url = (public_result_url(plan, base_url)
                  if release is not None and release.publish and plan.is_published else "")
    with translation.override(settings.LANGUAGE_CODE):
        pdf = _LetterPDF(format="A4", unit="mm", lang=settings.LANGUAGE_CODE)
        pdf.set_margins(LEFT, TOP, RIGHT_MARGIN)
        pdf.set_auto_page_break(auto=True, margin=20)
        pdf.letter_font = family = register_fonts(pdf)
        pdf.set_font(family, "", 10)
        pdf.set_title(one_line(_("Result letters: %(plan)s") % {"plan": plan.name}))
        pdf.set_creator(settings.PORTAL_NAME)
        pdf.page_label = _("page")
        if not letters:
            pdf.add_page()
            pdf.block("P", 0, 6, _("There are no letters to print."))
        for letter in letters:
            pdf.add_page()  # prints the previous letter's last footer first
            pdf.reference = letter.result.statement.reference
            pdf.first_page = pdf.page_no()
            pdf.fold_marks()
            _address(pdf, letter, plan.authority)
            _info_block(pdf, letter, plan.authority)
            _body(pdf, letter, public_url)
        return bytes(pdf.output())
