"""The portal's WSGI application with two more URLs (bench/http_overhead.py):

* /bench-noop/: a view that does nothing, through the whole middleware stack without a query;
* /bench-bare/: 474 bytes (a z16 tile's size) answered before Django, by the WSGI callable
  itself: what one request through gunicorn's sync workers costs at least, in any Python
  framework.

Only the benchmark serves this module."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application

_portal = get_wsgi_application()
settings.ROOT_URLCONF = "bench._noop_urls"
BARE_BODY = b"\x1a" * 474


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/bench-bare/":
        start_response("200 OK", [("Content-Type", "application/octet-stream"),
                                  ("Content-Length", str(len(BARE_BODY)))])
        return [BARE_BODY]
    return _portal(environ, start_response)
