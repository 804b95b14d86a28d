"""Whether the Django administration has anything for a user to do.

The staff home offers "Open the administration" only then: a superuser, or a staff account for
which at least one admin page allows adding or changing something (tenant admins change their
authority there). A planner, moderator or viewer whose admin index would be read-only or empty
is not sent there.
"""

from django.contrib import admin


def may_open_administration(request) -> bool:
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    for app in admin.site.get_app_list(request):
        for model in app["models"]:
            if model["perms"].get("add") or model["perms"].get("change"):
                return True
    return False
