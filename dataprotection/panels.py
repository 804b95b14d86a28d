"""The data-protection panel on a procedure's staff page (portal.procedure_panels)."""

from django.template.loader import render_to_string

from portal.models import Authority

from . import checklist
from .permissions import PROCEDURE_ROLES


def checklist_panel(request, procedure) -> str:
    user = getattr(request, "user", None)
    if user is None or not Authority.objects.for_staff(user, roles=PROCEDURE_ROLES).filter(
            pk=procedure.authority_id).exists():
        return ""
    return render_to_string("dataprotection/_procedure_panel.html", {
        "procedure": procedure, "checklist": checklist.build(procedure)}, request=request)
