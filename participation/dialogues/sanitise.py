"""Comment text: links allowed, nothing else (nh3)."""

import nh3

ALLOWED_TAGS = {"a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_comment(text: str) -> str:
    """Sanitised HTML of a comment: only <a href> with http(s)/mailto; links get
    rel="nofollow noopener noreferrer"."""
    return nh3.clean(text.strip(), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="nofollow noopener noreferrer",
                     strip_comments=True)
