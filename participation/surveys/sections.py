"""The module's section on an authority's portal page: its open surveys."""

from django.template.loader import render_to_string


def surveys_section(request, authority) -> str:
    from .apps import MODULE_CODE
    from .selectors import open_surveys, published_surveys

    if not authority.has_module(MODULE_CODE):
        return ""
    surveys = open_surveys(authority)
    published = published_surveys(authority)
    if not surveys and not published:
        return ""
    return render_to_string("surveys/section.html", {"authority": authority,
                                                     "surveys": surveys,
                                                     "published": published},
                            request=request)
