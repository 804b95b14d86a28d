"""The module's section on an authority's portal page: its upcoming events."""

from django.template.loader import render_to_string


def events_section(request, authority) -> str:
    from .apps import MODULE_CODE
    from .selectors import upcoming_events

    if not authority.has_module(MODULE_CODE):
        return ""
    events = list(upcoming_events(authority)[:10])
    if not events:
        return ""
    return render_to_string("events/section.html", {"authority": authority, "events": events},
                            request=request)
