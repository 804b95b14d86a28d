"""The print-ready letters: one PDF, one page per (short) letter, sorted by postcode, then name."""

import io

import pytest
from pypdf import PdfReader

from planning.models import NotificationChannel, ResultNotification, Statement
from planning.results.letters import render_letters
from planning.results.release import release_results

from .conftest import decide_everything

pytestmark = pytest.mark.django_db

EXPECTED_ORDER = [  # postcode, then name
    ("01099", "Anna Amsel", "ST-2026-00004"),
    ("01099", "Carl Cello", "ST-2026-00005"),
    ("04109", "Bruno Brief", "ST-2026-00003"),
    ("06108", "Mia Masse", "ST-2026-00010"),
    ("99084", "Dora Dach", "ST-2026-00006"),
]


def _pages(content: bytes) -> list[str]:
    assert content.startswith(b"%PDF")
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_one_pdf_sorted_by_postcode_one_page_per_letter(small_plan, after_phase, settings):
    settings.LANGUAGE_CODE = "en"
    plan, _phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan)
    assert ResultNotification.objects.filter(channel=NotificationChannel.LETTER).count() == 5
    pages = _pages(render_letters(plan, base_url="https://portal.example.org"))
    assert len(pages) == 5
    for text, (postcode, name, reference) in zip(pages, EXPECTED_ORDER, strict=True):
        assert reference in text and name in text and postcode in text
        assert "Mühlbachwiesen" in text
        assert f"Wird berücksichtigt ({reference})." in text or "Gutachten" in text
        assert f"/musterstadt/plaene/{plan.uid}/ergebnis/" in text.replace("\n", "")
        others = {ref for _p, _n, ref in EXPECTED_ORDER} - {reference}
        assert not any(ref in text for ref in others)  # each page is one letter
    assert "Überschwemmungsgebiet" in pages[3]  # the mass objection: the group's reasoning
    assert "weighed together with 1 statement" in pages[3]


def test_address_sits_in_the_window_of_din_5008_form_b(small_plan, after_phase):
    plan, _phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan)
    page = PdfReader(io.BytesIO(render_letters(plan))).pages[0]
    height_pt = float(page.mediabox.height)
    assert round(float(page.mediabox.width)) == 595 and round(height_pt) == 842  # A4
    found = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            x_mm, y_mm = tm[4] / 72 * 25.4, (height_pt - tm[5]) / 72 * 25.4
            found.setdefault(text.strip(), (x_mm, y_mm))

    page.extract_text(visitor_text=visit)
    x, y = found["Anna Amsel"]
    assert 20 <= x <= 30 and 62 <= y <= 90  # the Anschriftzone of the 45 x 85 mm field
    x, y = found["01099 Dresden"]
    assert 20 <= x <= 30 and 62 <= y <= 90


def test_a_long_letter_continues_on_its_own_pages(small_plan, after_phase):
    plan, _phase, s = small_plan
    decide_everything(plan)
    consideration = Statement.objects.get(pk=s["letter_a"].pk).consideration
    consideration.reasoning = "Begründung. " * 900
    consideration.save()
    release_results(plan=plan)
    pages = _pages(render_letters(plan))
    assert len(pages) > 5
    assert pages[1].count("ST-2026-00004") >= 1  # the footer names the letter
    assert "ST-2026-00005" in pages[-4] and "Carl Cello" in pages[-4]


def test_no_letters_gives_a_one_page_note(procedure_plan, after_phase, settings):
    settings.LANGUAGE_CODE = "en"
    plan, _phase = procedure_plan
    release_results(plan=plan)
    (page,) = _pages(render_letters(plan))
    assert "no letters" in page


def test_letters_are_tagged_greet_by_name_and_keep_the_whole_return_line(
        small_plan, after_phase, settings):
    """PDF/UA basics (tests/tagged_pdf.py), even across the pages of a long letter; a named
    submitter is greeted by name (no form of address is collected, so none is guessed); a long
    sender line shrinks or wraps in the return zone instead of being cut."""
    from ..tagged_pdf import document_language, structure_types, tagged_pdf_problems

    settings.LANGUAGE_CODE = "en"
    plan, _phase, s = small_plan
    authority = plan.authority
    authority.name = "Stadtverwaltung der Großen Kreisstadt Musterstadt an der Mulde"
    authority.contact_address = "Bauamt, Stadtplanungsamt, Am Rathausplatz 1–3, 01099 Dresden"
    authority.save()
    decide_everything(plan)
    consideration = Statement.objects.get(pk=s["letter_a"].pk).consideration
    consideration.reasoning = "Begründung. " * 900
    consideration.save()
    release_results(plan=plan)
    content = render_letters(plan)
    assert tagged_pdf_problems(content) == []
    assert document_language(content) == "en"
    assert structure_types(content).count("/H1") == 5  # one subject heading per letter
    first = PdfReader(io.BytesIO(content)).pages[0]
    height_pt = float(first.mediabox.height)
    zone = []

    def visit(text, cm, tm, font, size):
        y_mm = (height_pt - tm[5]) / 72 * 25.4
        if text.strip() and 50 <= y_mm < 62.7:  # above the recipient's lines
            zone.append(text.strip())

    first.extract_text(visitor_text=visit)
    sender = " ".join(zone)
    assert authority.name in sender and "01099 Dresden" in sender
    text = first.extract_text()
    assert "Hello Anna Amsel," in text and "Dear Sir or Madam" not in text
