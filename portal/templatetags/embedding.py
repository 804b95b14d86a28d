"""{% embed_form_token %}: the signed token of a form inside an embedded page.

Put it into every POST form of an embeddable page, next to {% csrf_token %}; it renders
nothing outside the frame. With an argument (the form's action path, when the form does not
post to its own page) the token is bound to that path.
"""

from django import template
from django.utils.html import format_html

from ..embedding import routes, tokens

register = template.Library()


@register.simple_tag(takes_context=True)
def embed_form_token(context, action_path: str = ""):
    request = context.get("request")
    embed = getattr(request, "embed", None)
    if embed is None:
        return ""
    path = action_path.split("?")[0] if action_path else embed.path
    value = tokens.form_token(authority_id=embed.authority.pk, path=path)
    return format_html('<input type="hidden" name="{}" value="{}">', routes.TOKEN_FIELD, value)
