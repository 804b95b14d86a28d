"""Development-only serving of public uploads (authority logos) under /media/.

Everything under ``private/`` (statements, plan sources and documents, exports, layer sources)
is served only by views that check the user's authority. The path is decided on its normalised
form, never on the raw URL: ``//private/``, ``./private/``, ``x/../private/``, ``%2e%2e``,
``private%2f``, backslashes and double encoding all end in the same refusal (404).
"""

import posixpath
from urllib.parse import unquote

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

PRIVATE_PREFIX = "private"
#: Decoding rounds; a path that still changes after these is refused as over-encoded.
_MAX_UNQUOTE_ROUNDS = 3


def public_media_path(raw: str) -> str | None:
    """The normalised relative path of a public upload, or None when it must not be served."""
    path = raw
    for _round in range(_MAX_UNQUOTE_ROUNDS):
        decoded = unquote(path)
        if decoded == path:
            break
        path = decoded
    else:
        return None
    if "\x00" in path or "%" in path:
        return None
    path = path.replace("\\", "/")
    if path.startswith("/") or ".." in path.split("/"):
        return None
    normalised = posixpath.normpath(path)
    if normalised in {"", "."} or normalised.startswith(("/", "..")):
        return None
    first = normalised.split("/", 1)[0]
    if first.casefold().rstrip(". ") == PRIVATE_PREFIX:
        return None
    return normalised


def serve_public_media(request, path: str):
    safe = public_media_path(path)
    if safe is None:
        raise Http404
    return serve(request, safe, document_root=settings.MEDIA_ROOT)


def public_media_urlpatterns() -> list:
    """The /media/ route for DEBUG; production serves public uploads from the web server."""
    prefix = settings.MEDIA_URL.strip("/")
    return [re_path(rf"^{prefix}/(?P<path>.*)$", serve_public_media)]
