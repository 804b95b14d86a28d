"""Errors raised on bad input: their message is shown to the user as it is (translated).

Messages of libraries (GDAL, zipfile, lxml) name the temporary files the portal works on; those
paths are the server's business, so every such text goes through `without_paths()` first.
"""

import re

#: An absolute POSIX path: starts at a word boundary (not inside "km/h"), runs to a space,
#: colon or quote.
_PATH = re.compile(r"(?<![\w.~-])/[^\s:'\"`]+")


def without_paths(text: str) -> str:
    """`text` with file system paths replaced by "…"."""
    return _PATH.sub("…", str(text)).strip()


class InputError(Exception):
    """Bad input from a user or a file, with a specific message for that user."""

    def __init__(self, message: str, *, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location:
            return f"{self.message} ({self.location})"
        return self.message
