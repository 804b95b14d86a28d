"""Answers kept public layer tiles right after SecurityMiddleware (gis/tiles/server_cache.py).

A hit costs a cache lookup: no session, CSRF, locale, authentication or database. Everything
else, and every miss, goes through the whole stack; a miss that produced a keepable tile is
kept on its way out. A failing cache is never a failing request: the stack answers instead.
"""

import logging

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import parse_http_date_safe

from . import server_cache
from .caching import client_has

logger = logging.getLogger(__name__)

CACHE_HEADER = "X-Tile-Cache"
#: The route name a hit is counted under in the metrics and the request log.
HIT_ROUTE = "tile-cache-hit"


def _answer(request, entry: server_cache.CachedTile) -> HttpResponse:
    headers = dict(entry.headers)
    modified = parse_http_date_safe(headers.get("Last-Modified", ""))
    unchanged = client_has(request, headers.get("ETag", ""), modified)
    response = HttpResponseNotModified() if unchanged else HttpResponse(entry.body,
                                                                        status=entry.status)
    for name, value in entry.headers:
        if not (unchanged and name.lower() == "content-type"):
            response[name] = value
    response[CACHE_HEADER] = "hit"
    return response


class TileCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tile = server_cache.tile_request(request)
        if tile is None:
            return self.get_response(request)
        request.get_host()  # the same ALLOWED_HOSTS answer (400) as without the cache
        entry, generation = None, None
        try:
            entry, generation = server_cache.lookup(tile)
        except Exception:
            logger.warning("Tile cache: lookup failed, answering without it", exc_info=True)
        if entry is not None:
            request.portal_route = HIT_ROUTE
            return _answer(request, entry)
        response = self.get_response(request)
        try:
            kept = server_cache.store(tile, generation, request, response)
        except Exception:
            logger.warning("Tile cache: could not keep a tile", exc_info=True)
            kept = False
        if kept:
            response[CACHE_HEADER] = "miss"
        return response
