"""django-csp's middleware, with one scoped relaxation: DRF's browsable API pages.

DRF's HTML templates (the browsable API under /api/) carry style attributes; they may use
inline styles, nothing else changes (scripts stay 'self'). JSON answers of the same views are
not HTML and get the normal policy.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from rest_framework.renderers import BrowsableAPIRenderer


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if isinstance(getattr(response, "accepted_renderer", None), BrowsableAPIRenderer):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts
