"""The outermost middleware: request id, request log line, metrics, and the health endpoints.

- Every request gets an id: the client's (a load balancer's) X-Request-ID if it looks like one,
  else a new one; it is in every log line written while the request is served and is echoed in
  the response's X-Request-ID header.
- `/health/live`, `/health/ready` and `/health/metrics` are answered here, before sessions,
  CSRF, locale, authentication and rate limits: a probe costs its checks and nothing else, and
  sets no cookie. (Before SecurityMiddleware too: a load balancer may probe over plain HTTP and
  by address, without the portal's host name.)
- Each response is counted and timed for the metrics, and with PORTAL_REQUEST_LOG one log line
  (logger `portal.request`) says route, authority, method, status and duration.
"""

import logging
import time

from django.conf import settings
from django.core.signals import request_finished

from portal.operations import health, metrics, request_context

logger = logging.getLogger("portal.request")

#: path -> (route name for metrics and logs, view); a view may return None to decline.
ENDPOINTS = {
    "/health/live": ("health-live", health.live),
    "/health/ready": ("health-ready", health.ready),
    "/health/metrics": ("health-metrics", metrics.metrics),
}


def _forget_request(**kwargs) -> None:
    """Log lines of the worker between requests belong to no request."""
    request_context.request_id.set(None)
    request_context.route.set(None)
    request_context.authority.set(None)


class OperationsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.log_requests = getattr(settings, "PORTAL_REQUEST_LOG", False)
        request_finished.connect(_forget_request, dispatch_uid="portal.operations.forget")

    def __call__(self, request):
        started = time.perf_counter()
        request_id = request_context.request_id_from(request.META.get("HTTP_X_REQUEST_ID"))
        # Set for the rest of the request, Django's own log of the response included (it is
        # written after the middleware returns); forgotten when the request finishes.
        request_context.request_id.set(request_id)
        request_context.route.set(None)
        request_context.authority.set(None)
        response, route = None, None
        endpoint = ENDPOINTS.get(request.path_info)
        if endpoint:
            route, view = endpoint
            response = view(request)
        if response is None:
            response = self.get_response(request)
            route = request_context.route_of(request)
        duration = time.perf_counter() - started
        metrics.observe(route=route, method=request.method, status=response.status_code,
                        seconds=duration)
        if self.log_requests:
            logger.info(
                "%s %s %s", request.method, route, response.status_code,
                extra={"route": route, "authority": request_context.authority_of(request),
                       "method": request.method, "status": response.status_code,
                       "duration_ms": round(duration * 1000, 1)})
        response["X-Request-ID"] = request_id
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Called once the URL is resolved: log lines written by the view know its route."""
        request_context.route.set(request_context.route_of(request))
        request_context.authority.set(request_context.authority_of(request))
        return None
