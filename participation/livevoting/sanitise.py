"""Word-cloud answers: plain text, one line, at most MAX_WORDS_LENGTH characters."""

import html
import re
import unicodedata

import nh3

MAX_WORDS_LENGTH = 40
_SPACE = re.compile(r"\s+")


def clean_words(text: str) -> str:
    """The answer as plain text: tags removed (nh3), entities decoded, control and format
    characters (bidi overrides, zero-width) dropped, blanks collapsed; "" if nothing is left.
    Longer answers are refused by the caller, not cut (the participant sees why)."""
    plain = html.unescape(nh3.clean(str(text or ""), tags=set()))
    plain = _SPACE.sub(" ", plain)
    kept = "".join(ch for ch in plain if unicodedata.category(ch)[0] != "C")
    return _SPACE.sub(" ", unicodedata.normalize("NFC", kept)).strip()


def word_key(text: str) -> str:
    """How answers are grouped in the cloud: case-insensitive."""
    return text.casefold()
