"""Telltale English words: where one shows in German mode, a msgid was not translated (its
German text is missing from the catalogue, or the string never went through gettext).

Used on the visible text of the pages the staff flow journey visits in German
(tests/browser/page_checks.py). Function words and interface words that German does not share;
English names kept on purpose (e.g. "GeoJSON", "OpenStreetMap contributors" in the map's
attribution) are outside this list or outside the checked text.
"""

import re

TELLTALE = (
    "the", "and", "of", "with", "your", "is", "are", "not", "this",
    "Save", "Cancel", "Back", "Next", "Previous", "Search", "Sign in", "Sign out",
    "Statement", "Statements", "Weighing", "Layers", "Decision", "Released", "Letters",
    "Phases", "Settings", "Edit", "Delete", "Remove", "posted",
    "decided", "January", "February", "March", "May", "June", "July", "October", "December",
)
_BRACKETED = re.compile(r"\([^()]*\)")
_PATTERN = re.compile(r"(?<![\w(])(" + "|".join(TELLTALE) + r")(?![\w)])")


def english_words(text: str) -> list[str]:
    """The telltale English words in `text`, ignoring bracketed terms."""
    return sorted(set(_PATTERN.findall(_BRACKETED.sub(" ", text))))
