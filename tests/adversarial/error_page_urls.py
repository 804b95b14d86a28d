"""The portal's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from config.urls import handler400, handler500  # noqa: F401
from config.urls import urlpatterns as portal_urlpatterns


def forbidden(request):
    raise PermissionDenied


def bad(request):
    raise BadRequest


def broken(request):
    raise RuntimeError("a bug on purpose")


urlpatterns = [
    path("fehler/403/", forbidden),
    path("fehler/400/", bad),
    path("fehler/500/", broken),
    *portal_urlpatterns,
]
