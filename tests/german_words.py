"""Telltale German words: where one shows in English mode, a string was not translated.

Used on the catalogue (tests/test_translations.py) and on the visible text of every page the
browser journeys visit in English (tests/browser). German legal terms that the English text
deliberately quotes in brackets, e.g. "(Verwaltungsakt)", are allowed there and not listed.
"""

import re

TELLTALE = (
    "und", "der", "die", "das", "nicht", "oder", "mit", "für", "über", "Sie", "Ihre",
    "berücksichtigt", "Bebauungsplan", "Flächennutzungsplan", "Geltungsbereich", "Rechtsstand",
    "Stellungnahme", "Stellungnahmen", "Pläne", "Beteiligung", "Abwägung", "Begründung",
    "Eingang", "Eingegangen", "Verwaltung", "öffnen", "zeichnen",
    "Ebenen", "Suche", "Adresse", "Zurück", "Weiter", "Speichern", "Abbrechen", "Datenschutz",
    "Januar", "Februar", "März", "Mai", "Juni", "Juli", "Oktober", "Dezember",
)
_PATTERN = re.compile(r"(?<![\w(])(" + "|".join(TELLTALE) + r")(?![\w)])")
_BRACKETED = re.compile(r"\([^()]*\)")


def german_words(text: str) -> list[str]:
    """The telltale German words in `text`, ignoring bracketed German terms."""
    return sorted(set(_PATTERN.findall(_BRACKETED.sub(" ", text))))
