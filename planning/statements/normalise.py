"""Normalised statement text: identical letters (mass objections) share one hash even when
line breaks, spacing, case or typographic quotes differ."""

import hashlib
import re
import unicodedata

_QUOTES = str.maketrans({"„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'",
                         "–": "-", "—": "-"})
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).casefold()
    return _SPACE.sub(" ", text).strip()


def text_hash(text: str) -> str:
    normalised = normalise_text(text)
    return hashlib.sha256(normalised.encode()).hexdigest() if normalised else ""
