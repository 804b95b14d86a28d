"""The staff page of one plan: facts, publication, documents, layers, phases."""

import json

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gis.models import IngestStatus, Layer, LayerKind

from ...codelists import plan_art_label
from ...forms import DocumentForm, PhaseForm, RasterLayerForm, VectorLayerForm
from ...maps.map_layers import plan_map
from ...maps.xplan_labels import layer_title
from ...models import Plan
from ...services.jurisdiction import jurisdiction_warning
from .access import plan_for_staff
from .geometry import area_geojson
from .plan_tasks import plan_tasks

FINAL_LAYER_STATES = frozenset({IngestStatus.DONE, IngestStatus.FAILED})
FORM_NAMES = ("document_form", "vector_form", "raster_form", "phase_form")


def layer_details(layer: Layer) -> str:
    """One line about a layer's ingest: the failure reason, or what was read."""
    if layer.status == IngestStatus.FAILED:
        return layer.status_message or _("The file could not be processed.")
    if layer.status != IngestStatus.DONE:
        return _("Waiting for processing.") if layer.status == IngestStatus.QUEUED \
            else _("Being processed.")
    parts = []
    if layer.kind == LayerKind.VECTOR:
        parts.append(ngettext("%(count)d feature", "%(count)d features", layer.feature_count)
                     % {"count": layer.feature_count})
    if layer.source_crs:
        parts.append(layer.source_crs)
    if layer.report.get("repaired"):
        count = len(layer.report["repaired"])
        parts.append(ngettext("%(count)d geometry repaired", "%(count)d geometries repaired", count)
                     % {"count": count})
    return " · ".join(parts) or _("Ready.")


def plan_art_labels(plan: Plan) -> list[str]:
    return [str(plan_art_label(plan.plan_class, code)) for code in plan.plan_art or []]


def _phase_rows(plan: Plan, now) -> list[dict]:
    if plan.procedure is None:
        return []
    return [{"phase": phase, "state": phase.state(now)} for phase in plan.procedure.phases.all()]


def _blank_forms(plan: Plan, can_change: bool) -> dict:
    if not can_change:
        return {}
    forms = {
        "document_form": DocumentForm(prefix="document"),
        "vector_form": VectorLayerForm(prefix="vector"),
        "raster_form": RasterLayerForm(prefix="raster"),
    }
    procedure_kind = plan.procedure.kind_definition if plan.procedure else None
    if procedure_kind is not None:
        forms["phase_form"] = PhaseForm(prefix="phase", procedure_kind=procedure_kind)
    return forms


def render_plan_detail(request, plan: Plan, *, action_errors: list[str] | None = None,
                       **bound_forms):
    """Render the page; a failed POST passes its bound form (or action errors) to show them."""
    user = request.user
    can_change = user.has_perm("planning.change_plan", plan)
    forms = _blank_forms(plan, can_change) | bound_forms
    plan_layers = list(plan.plan_layers.select_related("layer"))
    layer_config, legend = plan_map(plan_layers)
    area = area_geojson(plan)
    failed_forms = [form for name in FORM_NAMES if (form := forms.get(name)) is not None
                    and form.is_bound and form.errors]
    context = {
        "plan": plan,
        "authority": plan.authority,
        "can_change": can_change,
        "can_publish": user.has_perm("planning.publish_plan", plan),
        "tasks": plan_tasks(user, plan),
        "documents": list(plan.documents.all()),
        "layer_rows": [{"plan_layer": pl, "layer": pl.layer, "title": layer_title(pl.layer.name),
                        "details": layer_details(pl.layer)} for pl in plan_layers],
        "layers_pending": any(pl.layer.status not in FINAL_LAYER_STATES for pl in plan_layers),
        "layer_status_url": reverse("planning_staff:layer-status", kwargs={"plan_uid": plan.uid}),
        "phase_add_url": reverse("planning_staff:phase-add", kwargs={"plan_uid": plan.uid}),
        "phase_rows": _phase_rows(plan, timezone.now()),
        "procedure_kind": plan.procedure.kind_definition if plan.procedure else None,
        "jurisdiction_warning": jurisdiction_warning(plan),
        "has_area": plan.area is not None,
        "plan_art_labels": plan_art_labels(plan),
        "action_errors": action_errors or [],
        "failed_forms": failed_forms,
        "map_config": {"area": json.loads(area) if area else None, **layer_config},
        "legend": legend,
        **forms,
    }
    return render(request, "planning/staff/plan_detail.html", context)


@login_required
def plan_detail(request, plan_uid):
    plan = plan_for_staff(request.user, plan_uid)
    return render_plan_detail(request, plan)
