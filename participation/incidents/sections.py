"""The module's section on an authority's portal page."""

from django.template.loader import render_to_string


def incidents_section(request, authority) -> str:
    from .apps import MODULE_CODE

    if not authority.has_module(MODULE_CODE):
        return ""
    return render_to_string("incidents/section.html", {"authority": authority}, request=request)
