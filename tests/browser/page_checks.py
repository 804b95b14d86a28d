"""Checks every journey page gets besides axe at the desktop size (conftest.assert_accessible):

- on a phone (390 x 844 CSS px): no horizontal scrolling, checkboxes and radio buttons at least
  24 x 24 px (WCAG 2.2, 2.5.8), and axe-core clean at that size too;
- on a page in English: no telltale German interface word in the visible text (text marked
  with a lang attribute other than English, e.g. a German plan name, does not count);
- on a page in German (english_on_german_page, used by the staff flow journey): no telltale
  English word (tests/english_words.py), i.e. no msgid left without its German translation.
"""

from ..english_words import english_words
from ..german_words import german_words

PHONE = {"width": 390, "height": 844}
MIN_TARGET_PX = 24

_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1
      && !el.parentElement.closest('.table-scroll, .leaflet-pane, .leaflet-control-container');
  }).slice(0, 5).map(el => `${el.tagName.toLowerCase()}#${el.id}.${el.className} `
    + `(${Math.round(el.getBoundingClientRect().right)} px)`);
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""
_SMALL_TARGETS = """min => [...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
  .filter(el => el.checkVisibility() && !el.closest('.visually-hidden, .trap'))
  .map(el => [el.id || el.name, el.getBoundingClientRect()])
  .filter(([, box]) => box.width < min || box.height < min)
  .map(([name, box]) => `${name}: ${box.width}x${box.height}`)"""
_VISIBLE_TEXT = """(language) => {
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || !node.textContent.trim() || el.closest('script, style, noscript')) continue;
    const lang = (el.closest('[lang]') || document.documentElement).lang || '';
    if (lang.startsWith(language) && el.checkVisibility()) parts.push(node.textContent.trim());
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      if (el.getAttribute(name)) parts.push(el.getAttribute(name));
    }
  }
  return parts.join('\\n');
}"""


def phone_problems(page, axe_violations) -> list[str]:
    """What goes wrong when the page is shown on a phone; the viewport is restored after."""
    original = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
        problems = []
        overflow = page.evaluate(_OVERFLOW)
        if overflow["scroll"] > overflow["width"]:
            problems.append(f"{page.url}: {overflow['scroll']} px wide on a {PHONE['width']} px "
                            f"phone: {overflow['wide']}")
        small = page.evaluate(_SMALL_TARGETS, MIN_TARGET_PX)
        if small:
            problems.append(f"{page.url}: targets under {MIN_TARGET_PX} px: {small}")
        problems += [f"{page.url} on a phone: {v['id']} ({v['impact']}): {v['help']} at "
                     f"{v['nodes']}" for v in axe_violations(page)]
        return problems
    finally:
        page.set_viewport_size(original)


def german_on_english_page(page) -> list[str]:
    """Telltale German interface words on a page whose language is English ([] otherwise)."""
    if not (page.evaluate("document.documentElement.lang") or "").startswith("en"):
        return []
    return german_words(page.evaluate(_VISIBLE_TEXT, "en"), interface_only=True)


def english_on_german_page(page) -> list[str]:
    """Telltale English words on a page whose language is German ([] otherwise): an
    untranslated string."""
    if not (page.evaluate("document.documentElement.lang") or "").startswith("de"):
        return []
    return english_words(page.evaluate(_VISIBLE_TEXT, "de"))
