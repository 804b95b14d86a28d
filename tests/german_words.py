"""Telltale German words: where one shows in English mode, a string was not translated.

Used on the catalogue's msgids (tests/test_translations.py: all of TELLTALE) and on the visible
text of the pages the browser journeys visit in English (tests/browser/page_checks.py: the
interface words only, since plan names and statement texts are the authorities' and citizens'
German data). German legal terms quoted in brackets, e.g. "(Verwaltungsakt)", are allowed.
"""

import re

#: Words of the interface: buttons, labels, code-list values, dates.
INTERFACE = (
    "berücksichtigt", "Geltungsbereich", "Rechtsstand",
    "Stellungnahme", "Stellungnahmen", "Pläne", "Beteiligung", "Abwägung", "Eingegangen",
    "Verwaltung", "öffnen", "zeichnen", "editieren", "Ebenen", "Suche", "Suchen", "Adresse",
    "Zurück", "Weiter", "Speichern", "Abbrechen", "Datenschutz", "Anmelden", "Abmelden",
    "Januar", "Februar", "März", "Juni", "Juli", "Oktober", "Dezember",
)
#: Plan kinds and common function words: telling in a msgid, but also in German data on a page
#: (plan names such as "Flächennutzungsplan Beispieldorf", statement texts).
FUNCTION_WORDS = ("Bebauungsplan", "Flächennutzungsplan", "und", "der", "die", "das", "nicht",
                  "oder", "mit", "für", "über", "Sie", "Ihre")
TELLTALE = INTERFACE + FUNCTION_WORDS
_BRACKETED = re.compile(r"\([^()]*\)")


def _pattern(words) -> re.Pattern:
    return re.compile(r"(?<![\w(])(" + "|".join(words) + r")(?![\w)])")


_ALL, _INTERFACE = _pattern(TELLTALE), _pattern(INTERFACE)


def german_words(text: str, *, interface_only: bool = False) -> list[str]:
    """The telltale German words in `text`, ignoring bracketed German terms."""
    pattern = _INTERFACE if interface_only else _ALL
    return sorted(set(pattern.findall(_BRACKETED.sub(" ", text))))
