"""Under DEBUG, "not found" shows the portal's own 404 page instead of Django's debug page.

Django's debug 404 lists every URL pattern and is not what a user of `make run` should see:
the real page appears, as in production. PORTAL_TECHNICAL_404_IN_DEBUG=true (environment)
brings Django's page back for debugging URL patterns. Errors (500) keep Django's debug page. Without DEBUG this middleware
does nothing: handler404 already renders the portal's page.
"""

from django.conf import settings
from django.http import Http404
from django.views.defaults import page_not_found


class PortalNotFoundInDebugMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def _active(self) -> bool:
        return settings.DEBUG and not settings.PORTAL_TECHNICAL_404_IN_DEBUG

    def __call__(self, request):
        response = self.get_response(request)
        # No URL pattern matched: Django already answered with its debug page.
        if self._active() and response.status_code == 404 and request.resolver_match is None:
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        if self._active() and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
