from django import template
from django.utils.safestring import mark_safe

from portal import procedure_panels as panels

register = template.Library()


@register.simple_tag(takes_context=True)
def procedure_panels(context, procedure):
    request = context.get("request")
    return mark_safe("".join(panels.rendered(request, procedure)))  # noqa: S308 – rendered templates
