"""The module's section on an authority's portal page: its dialogues, open ones first."""

from django.template.loader import render_to_string


def dialogues_section(request, authority) -> str:
    from .apps import MODULE_CODE

    if not authority.has_module(MODULE_CODE):
        return ""
    dialogues = list(authority.dialogues.select_related("procedure").order_by("-created_at")[:10])
    if not dialogues:
        return ""
    rows = sorted(((dialogue, dialogue.is_open()) for dialogue in dialogues),
                  key=lambda row: not row[1])
    return render_to_string("dialogues/section.html", {"authority": authority, "rows": rows},
                            request=request)
