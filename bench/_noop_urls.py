"""The portal's URLs and /bench-noop/ first (bench/_noop_wsgi.py)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns


def noop(request):
    return HttpResponse(b"", content_type="application/vnd.mapbox-vector-tile")


urlpatterns = [path("bench-noop/", noop), *portal_urlpatterns]
