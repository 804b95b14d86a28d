"""The "plans" section of an authority's portal page."""

from django.template.loader import render_to_string

from . import selectors


def plans_section(request, authority) -> str:
    plans = selectors.published_plans().filter(authority=authority).order_by("name")
    return render_to_string(
        "planning/includes/authority_plans.html", {"authority": authority, "plans": plans},
        request=request,
    )
