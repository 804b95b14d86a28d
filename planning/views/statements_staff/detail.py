"""One statement with everything staff need (incl. personal data), its files and moderation."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gis.srid import WGS84
from portal.access_log import opened

from ...models import Statement
from ...statements.moderation import moderate_statement, moderation_enabled
from ...statements.staff_forms import ModerationForm
from ..public import _area_geojson
from .access import no_store, require, statement_for_staff


def _location_geojson(statement: Statement):
    if statement.location is None:
        return None
    value = (Statement.objects.filter(pk=statement.pk)
             .annotate(g=AsGeoJSON(Transform("location", WGS84), precision=7))
             .values_list("g", flat=True).get())
    return json.loads(value) if value else None


def render_detail(request, statement: Statement, *, moderation_form=None, status=200):
    user = request.user
    can_moderate = moderation_enabled(statement) and user.has_perm(
        "planning.moderate_statement", statement)
    if can_moderate and moderation_form is None:
        moderation_form = ModerationForm(initial={
            "public_text": statement.public_text or statement.text})
    response = render(request, "planning/statements/staff/detail.html", {
        "statement": statement,
        "plan": statement.plan,
        "phase": statement.phase,
        "attachments": list(statement.attachments.all()),
        "moderation_shown": moderation_enabled(statement),
        "moderation_form": moderation_form if can_moderate else None,
        "map_config": {"area": _area_geojson(statement.plan),
                       "statementLocation": _location_geojson(statement)},
    }, status=status)
    return no_store(response)


@login_required
def statement_detail(request, statement_uid):
    statement = statement_for_staff(request.user, statement_uid)
    if statement.name or statement.email or statement.street:
        opened(request, authority=statement.authority, what="submitter-details",
               reference=statement.reference)
    return render_detail(request, statement)


@login_required
def attachment_download(request, statement_uid, attachment_uid):
    statement = statement_for_staff(request.user, statement_uid)
    attachment = get_object_or_404(statement.attachments.all(), uid=attachment_uid)
    if not attachment.file:
        raise Http404
    opened(request, authority=statement.authority, what="attachment",
           reference=statement.reference)
    response = FileResponse(attachment.file.open("rb"), as_attachment=True,
                            filename=attachment.file_name or "attachment",
                            content_type=attachment.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return no_store(response)


@login_required
@require_POST
def statement_moderate(request, statement_uid):
    statement = statement_for_staff(request.user, statement_uid)
    require(request.user, "planning.moderate_statement", statement)
    if not moderation_enabled(statement):
        raise Http404
    form = ModerationForm(request.POST)
    if not form.is_valid():
        return render_detail(request, statement, moderation_form=form, status=400)
    try:
        updated = moderate_statement(statement=statement, action=form.cleaned_data["action"],
                                     public_text=form.cleaned_data["public_text"])
    except ValidationError as exc:
        form.add_error("public_text", exc)
        return render_detail(request, statement, moderation_form=form, status=400)
    messages.success(request, _("Statement %(reference)s: %(state)s.") % {
        "reference": updated.reference, "state": updated.get_moderation_display()})
    return redirect("planning_statements_staff:detail", statement_uid=statement.uid)
