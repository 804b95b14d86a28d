"""Permissions-Policy: which browser features pages of the portal may use at all.

Built from settings.PORTAL_PERMISSIONS_POLICY ({feature: [allow-list]}); an empty list
switches the feature off for the page and every frame in it. Cross-Origin-Opener-Policy and
the other classic headers come from Django's SecurityMiddleware.
"""

from django.conf import settings

HEADER = "Permissions-Policy"


def header_value(policy: dict[str, list[str]]) -> str:
    """{"geolocation": ["self"], "camera": []} -> 'geolocation=(self), camera=()'."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.value = header_value(settings.PORTAL_PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault(HEADER, self.value)
        return response
