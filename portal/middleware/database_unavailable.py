"""A database that is gone while the view runs answers 503 with Retry-After, not 500
(portal/database_outage.py). Answering here, inside the middleware chain, lets the outer
middleware add its headers; failures after the view reach the 500 handler instead."""

from portal.database_outage import database_unavailable_response, is_database_outage


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        return database_unavailable_response(request, exception)
