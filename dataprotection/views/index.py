"""The assistant's start page: the authorities the user administers and their tools, with the
privacy notice and checklist of each procedure."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from portal.models import Procedure

from ..notice import MODULE_NOTICES
from ..permissions import administered


@login_required
def index(request):
    authorities = list(administered(request.user).order_by("name"))
    procedures = {}
    for procedure in Procedure.objects.filter(authority__in=authorities).order_by("title"):
        procedures.setdefault(procedure.authority_id, []).append(procedure)
    rows = [(authority, procedures.get(authority.pk, []),
             [code for code in MODULE_NOTICES if authority.has_module(code)])
            for authority in authorities]
    return render(request, "dataprotection/index.html", {"rows": rows})
