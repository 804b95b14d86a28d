"""URL slugs of authorities: German transliteration, and words the URL space reserves."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: First path segments that belong to the portal itself, not to an authority.
RESERVED_SLUGS = frozenset(
    {
        "admin", "api", "staff", "static", "media", "i18n", "accounts", "login", "logout",
        "embed", "plans", "plaene", "search", "suche", "tiles", "health", "docs", "favicon.ico",
        "robots.txt", "sitemap.xml", "behoerden", "toeb", "csp-report", "ogcapi", "konto",
        "open311", "meldungen", "ww", "wegewart",
        "benachrichtigungen", "verfahren", "abstimmen", "einbetten",
    }
)
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def german_slugify(text: str) -> str:
    """'Görlitz, Stadt' -> 'goerlitz-stadt' (umlauts as a German reader expects)."""
    text = text.translate(_GERMAN)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return text[:80] or "behoerde"


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(value)s” is reserved by the portal and cannot be an authority's address.")
            % {"value": value},
            code="reserved_slug",
        )
