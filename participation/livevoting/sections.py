"""The module's section on an authority's portal page: sessions open today (join link) and
sessions with published results."""

from django.template.loader import render_to_string


def live_voting_section(request, authority) -> str:
    from .apps import MODULE_CODE
    from .selectors import listed_sessions

    if not authority.has_module(MODULE_CODE):
        return ""
    sessions = listed_sessions(authority)
    if not sessions:
        return ""
    return render_to_string("livevoting/section.html",
                            {"authority": authority, "sessions": sessions}, request=request)
