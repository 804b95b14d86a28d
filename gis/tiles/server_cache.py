"""The server-side tile cache: public layer tiles kept as whole responses, answered before the
request reaches sessions, CSRF, authentication and the database.

A tile of a public layer is the same for every visitor and already carries
`Cache-Control: public, max-age=…`: any browser or CDN may keep it that long. The portal keeps
it too, in the `tiles` cache (CACHES["tiles"]; local memory per process by default, Redis for
several workers or machines, docs/deploy.md), for at most PORTAL_TILE_CACHE_SECONDS and never
longer than the response's own max-age. So the cache never serves a tile longer than a CDN in
front of the portal would be allowed to; it usually serves it for less, because every change
of a layer (ingest, visibility, status, deletion) moves the layer to a new *generation* and
entries of an older generation are not answered again.

Only these responses are kept: GET of `/tiles/layers/<uid>/<z>/<x>/<y>.pbf|.png` without a query
string or with the `?v=<version>` of the URL templates, status 200 or 204, `Cache-Control:
public`, no cookie set, at most PORTAL_TILE_CACHE_MAX_BYTES. Anything else – a private preview
tile of staff, a 404, an odd query string – goes through the whole stack every time.

The generation is read before the view runs and stored with the entry: a tile built from the
database state before a change that commits while the view runs carries the old generation and
is never answered after the change (forget_layer_tiles runs again once the change commits).
"""

import logging
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger(__name__)

CACHE_ALIAS = "tiles"
TILE_PATH = re.compile(
    r"^/tiles/layers/(?P<uid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
    r"/-?\d{1,2}/-?\d{1,8}/-?\d{1,8}\.(?:pbf|png)$"
)
VERSION_QUERY = re.compile(r"^(?:v=\d{1,10})?$")
#: The URL pattern names whose responses may be kept (gis/urls.py).
CACHED_ROUTES = frozenset({"layer-vector-tile", "layer-raster-tile"})
#: Headers never kept: set per request or per response by the outer layers (a tile has no
#: language: Content-Language would be the first visitor's).
_NOT_KEPT = frozenset({"set-cookie", "date", "x-request-id", "content-length", "content-language"})


@dataclass(frozen=True)
class TileRequest:
    """A request the cache may answer: its key and the layer whose generation it belongs to."""

    key: str
    generation_key: str


@dataclass(frozen=True)
class CachedTile:
    generation: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def seconds() -> int:
    return int(getattr(settings, "PORTAL_TILE_CACHE_SECONDS", 0))


def _cache():
    return caches[CACHE_ALIAS]


def _generation_key(uid: str) -> str:
    return f"tilegen:{uid}"


def tile_request(request) -> TileRequest | None:
    """The cache's view of `request`, or None when the cache has nothing to do with it."""
    if request.method != "GET" or seconds() <= 0:
        return None
    match = TILE_PATH.match(request.path_info)
    if match is None or not VERSION_QUERY.match(request.META.get("QUERY_STRING", "")):
        return None
    query = request.META.get("QUERY_STRING", "")
    return TileRequest(key=f"tile:{request.path_info}?{query}",
                       generation_key=_generation_key(match["uid"]))


def lookup(tile: TileRequest) -> tuple[CachedTile | None, str]:
    """The kept response if it belongs to the layer's current generation, and that generation
    (created when the layer has none yet) for storing what the view builds."""
    cache = _cache()
    found = cache.get_many([tile.key, tile.generation_key])
    generation = found.get(tile.generation_key)
    if generation is None:
        cache.add(tile.generation_key, uuid.uuid4().hex, timeout=None)
        return None, cache.get(tile.generation_key)
    entry = found.get(tile.key)
    if isinstance(entry, CachedTile) and entry.generation == generation:
        return entry, generation
    return None, generation


def _max_age(cache_control: str) -> int | None:
    directives = [part.strip().lower() for part in cache_control.split(",")]
    if "public" not in directives or any(d in directives for d in ("no-store", "no-cache", "private")):
        return None
    for directive in directives:
        if directive.startswith("max-age="):
            try:
                return int(directive.removeprefix("max-age="))
            except ValueError:
                return None
    return None


def store(tile: TileRequest, generation: str | None, request, response) -> bool:
    """Keep `response` if it may be answered to anyone (see the module's docstring)."""
    if generation is None or response.status_code not in (200, 204) or response.streaming:
        return False
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in CACHED_ROUTES or response.cookies:
        return False
    max_age = _max_age(response.get("Cache-Control", ""))
    if not max_age or not response.has_header("ETag"):
        return False
    body = response.content
    if len(body) > int(getattr(settings, "PORTAL_TILE_CACHE_MAX_BYTES", 0)):
        return False
    headers = tuple((name, value) for name, value in response.items()
                    if name.lower() not in _NOT_KEPT)
    entry = CachedTile(generation=generation, status=response.status_code, headers=headers,
                       body=body)
    _cache().set(tile.key, entry, timeout=min(max_age, seconds()))
    return True


def _new_generation(uids) -> None:
    try:
        _cache().set_many({_generation_key(str(uid)): uuid.uuid4().hex for uid in uids},
                          timeout=None)
    except Exception:  # a cache that is gone has nothing to answer either
        logger.warning("Tile cache: could not move layers to a new generation", exc_info=True)


def forget_layer_tiles(uids) -> None:
    """Kept tiles of these layers are not answered again: now, and once more when the current
    transaction commits (a request that read the old state in between stored an old generation).
    """
    uids = [str(uid) for uid in uids]
    if not uids or seconds() <= 0:
        return
    _new_generation(uids)
    transaction.on_commit(lambda: _new_generation(uids), robust=True)
