"""The portal's WSGI application with one more URL, /bench-noop/, a view that does nothing:
a request through gunicorn and the whole middleware stack without a query (bench/http_overhead.py).
Only the benchmark serves this module."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
settings.ROOT_URLCONF = "bench._noop_urls"
