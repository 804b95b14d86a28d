"""PDF (fpdf2): the weighing table in print layout, A4 landscape.

One table row per weighed part; the column headings repeat on every page; a row taller than a
page continues on the next one (nothing is cut off). A mass objection (identical texts) is
printed once, followed by a full-width line "and 299 further identical statements: No. …"
(internal: with each submitter's name and place; public: the reference numbers only).

Tagged (planning/pdf_tagging.py): heading and subheading, then one Table whose first row holds
the column headings (TH); each row, or each page's piece of a row taller than the page, is a TR
of TDs. The headings repeated on later pages, the footer and the cell borders are artifacts.
"""

from contextlib import nullcontext
from pathlib import Path

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import GroupKind
from ..pdf_fonts import register_fonts
from ..pdf_tagging import TaggedPDF
from .about import phase_label, title, variant_note
from .rows import Entry, ExportScope, build_entries

SUFFIX = ".pdf"
CONTENT_TYPE = "application/pdf"

FONT_SIZE = 7.5
LINE_HEIGHT = 3.4
PAD = 1.0
MIN_LINES = 3
HEADER_FILL = (225, 225, 225)
NOTE_FILL = (245, 245, 245)


def _columns() -> list[tuple[str, float]]:
    return [
        (_("No. / reference"), 24), (_("Received"), 20), (_("Submitter"), 32),
        (_("Statement"), 67), (_("Location"), 32), (_("Decision"), 27),
        (_("Reasoning"), 49), (_("Change of the plan"), 26),
    ]


class _TablePDF(TaggedPDF):
    def __init__(self, *, heading: str, subheading: str, footer_note: str):
        super().__init__(orientation="L", unit="mm", format="A4",
                         lang=translation.get_language() or "de")
        self.heading, self.subheading, self.footer_note = heading, subheading, footer_note
        self.columns = _columns()
        self.family = register_fonts(self, condensed=True)
        self.set_auto_page_break(auto=False, margin=12)
        self.set_margins(10, 10, 10)
        self.alias_nb_pages()
        self._widths: dict[tuple, float] = {}

    def text_safe(self, text: str) -> str:
        text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
        if self.family == "Helvetica":
            return text.encode("latin-1", "replace").decode("latin-1")
        return text

    def header(self):
        """On the first page the document's heading; on later pages a running repetition
        (artifact) of the heading and of the column headings."""
        first = self.page_no() == 1
        self.set_font(self.family, "B", 11)
        self.set_xy(self.l_margin, 8)
        with self.tag("H1") if first else self.artifact():
            self.cell(0, 5, self.text_safe(self.heading))
        self.set_font(self.family, "", 7.5)
        self.set_xy(self.l_margin, 13.5)
        with self.tag("P") if first else self.artifact():
            self.cell(0, 4, self.text_safe(self.subheading))
        self.set_y(19)
        if not first:
            self.column_headings(cell_tag=None)

    def column_headings(self, *, cell_tag: str | None = "TH") -> None:
        self.draw_row([(label, width) for label, width in self.columns], bold=True,
                      fill=HEADER_FILL, repeat_header=False, cell_tag=cell_tag)

    def footer(self):
        with self.artifact():
            self.set_font(self.family, "", 7)
            self.set_xy(self.l_margin, self.h - 9)
            self.cell(0, 4, self.text_safe(self.footer_note))
            self.set_xy(self.l_margin, self.h - 9)
            self.cell(0, 4, _("Page %(page)s of %(pages)s") % {"page": self.page_no(),
                                                                "pages": "{nb}"}, align="R")

    def _width(self, word: str) -> float:
        key = (self.font_style, self.font_size_pt, word)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.get_string_width(word)
        return width

    def lines(self, text: str, width: float) -> list[str]:
        """Greedy word wrap with cached word widths (fpdf2's own line breaking measures every
        character of every cell again, which is slow for a thousand rows)."""
        available = width - 2 * PAD
        space = self._width(" ")
        result = []
        for paragraph in self.text_safe(text).replace("\t", " ").split("\n"):
            line, line_width = "", 0.0
            for word in paragraph.split(" "):
                word_width = self._width(word)
                if word_width > available:  # a word longer than the column: break it
                    if line:
                        result.append(line)
                    pieces = self._break_word(word, available)
                    result.extend(pieces[:-1])
                    line, line_width = pieces[-1], self._width(pieces[-1])
                    continue
                candidate = line_width + (space if line else 0) + word_width
                if line and candidate > available:
                    result.append(line)
                    line, line_width = word, word_width
                else:
                    line = f"{line} {word}" if line else word
                    line_width = candidate
            result.append(line)
        return result or [""]

    def _break_word(self, word: str, available: float) -> list[str]:
        pieces, piece, piece_width = [], "", 0.0
        for char in word:
            char_width = self._width(char)
            if piece and piece_width + char_width > available:
                pieces.append(piece)
                piece, piece_width = "", 0.0
            piece += char
            piece_width += char_width
        pieces.append(piece)
        return pieces

    def draw_row(self, cells: list[tuple[str, float]], *, bold: bool = False,
                 fill: tuple[int, int, int] | None = None, repeat_header: bool = True,
                 cell_tag: str | None = "TD") -> None:
        """Draw one table row; if it does not fit, continue it on the next page(s). Each
        page's piece is a TR of `cell_tag` cells (None: an artifact, e.g. repeated headings)."""
        self.set_font(self.family, "B" if bold else "", FONT_SIZE)
        line_sets = [self.lines(text, width) for text, width in cells]
        needed = max(len(lines) for lines in line_sets)
        offset = 0
        while offset < needed:
            space = int((self.page_break_trigger - self.get_y() - 2 * PAD) // LINE_HEIGHT)
            if space < min(needed - offset, MIN_LINES) and repeat_header:
                self.add_page()
                self.set_font(self.family, "B" if bold else "", FONT_SIZE)
                continue
            take = max(1, min(space, needed - offset))
            height = take * LINE_HEIGHT + 2 * PAD
            x, y = self.l_margin, self.get_y()
            with self.structure("TR") if cell_tag else nullcontext():
                for (_text, width), lines in zip(cells, line_sets, strict=True):
                    with self.artifact():
                        if fill:
                            self.set_fill_color(*fill)
                            self.rect(x, y, width, height, style="DF")
                        else:
                            self.rect(x, y, width, height)
                    with self.tag(cell_tag) if cell_tag else self.artifact():
                        for index, line in enumerate(lines[offset:offset + take]):
                            if line:
                                baseline = y + PAD + index * LINE_HEIGHT + LINE_HEIGHT / 2 \
                                    + 0.3 * self.font_size
                                self.text(x + PAD, baseline, line)
                    x += width
            self.set_xy(self.l_margin, y + height)
            offset += take


def _decision_text(entry: Entry, part) -> str:
    text = part.decision_label or _("not yet decided")
    if entry.group_title and entry.group_kind != GroupKind.IDENTICAL:
        text += "\n" + _("weighed with the group “%(group)s”") % {"group": entry.group_title}
    return text


def _entry_rows(entry: Entry) -> list[list[str]]:
    received = formats.date_format(entry.received_at, "SHORT_DATETIME_FORMAT")
    if entry.late:
        received += "\n" + _("(late)")
    topics = ("\n" + _("Topics: %(topics)s") % {"topics": ", ".join(entry.topics)}
              if entry.topics else "")
    rows = []
    for index, part in enumerate(entry.parts):
        first = index == 0
        label = f"{entry.number}\n{entry.reference}" if first else part.label
        if first and len(entry.parts) > 1:
            label += "\n" + part.label
        rows.append([
            label,
            received if first else "",
            (entry.submitter + "\n" + entry.submitter_kind) if first else "",
            part.text + (topics if first else ""),
            entry.location if first else "",
            _decision_text(entry, part),
            part.reasoning,
            part.plan_change,
        ])
    return rows


def further_note(entry: Entry) -> str:
    references = ", ".join(
        f"{member.reference} ({member.submitter})" if member.submitter else member.reference
        for member in entry.further)
    count = len(entry.further)
    return ngettext("and %(count)d further identical statement: No. %(references)s",
                    "and %(count)d further identical statements: No. %(references)s",
                    count) % {"count": count, "references": references}


def write(scope: ExportScope, path: Path, *, variant: str, progress=None) -> int:
    created = formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")
    subheading = " · ".join([scope.authority.name, phase_label(scope),
                             _("as of %(date)s") % {"date": created}])
    pdf = _TablePDF(heading=title(scope), subheading=subheading,
                    footer_note=variant_note(variant))
    pdf.set_title(title(scope))
    pdf.set_creator(scope.authority.name)
    pdf.set_subject(variant_note(variant))
    pdf.add_page()
    widths = [width for _label, width in pdf.columns]
    count = 0
    with pdf.structure("Table"):
        pdf.column_headings()
        for entry in build_entries(scope, variant=variant, collapse_identical=True,
                                   progress=progress):
            for values in _entry_rows(entry):
                pdf.draw_row(list(zip(values, widths, strict=True)))
            if entry.further:
                pdf.draw_row([(further_note(entry), sum(widths))], fill=NOTE_FILL)
            count += 1
        if not count:
            pdf.draw_row([(_("No statements."), sum(widths))])
    pdf.output(str(path))
    return count

