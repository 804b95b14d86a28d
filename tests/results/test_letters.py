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
