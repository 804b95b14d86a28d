"""Map layers of a plan: upload (ingest runs in the background), status, remove."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gis.errors import InputError

from ...forms import RasterLayerForm, VectorLayerForm
from ...maps.xplan_labels import layer_title
from ...services.layers import add_raster_layer, add_vector_layer, remove_layer
from .access import plan_for_editing, plan_for_staff
from .feedback import add_service_error
from .plan_detail import FINAL_LAYER_STATES, layer_details, render_plan_detail


def _back(plan):
    return redirect(reverse("planning_staff:plan-detail", kwargs={"plan_uid": plan.uid})
                    + "#layers")


def _queued(request, plan_layer):
    messages.success(request, _(
        "The layer “%(name)s” was uploaded and is being processed; its status is shown below."
    ) % {"name": plan_layer.layer.name})


@login_required
def layer_add_vector(request, plan_uid):
    plan = plan_for_editing(request.user, plan_uid)
    if request.method != "POST":
        return _back(plan)
    form = VectorLayerForm(request.POST, request.FILES, prefix="vector")
    if form.is_valid():
        try:
            plan_layer = add_vector_layer(plan=plan, name=form.cleaned_data["name"],
                                          upload=form.cleaned_data["file"], style=form.style())
        except InputError as exc:
            add_service_error(form, exc, default_field="file")
        else:
            _queued(request, plan_layer)
            return _back(plan)
    return render_plan_detail(request, plan, vector_form=form)


@login_required
def layer_add_raster(request, plan_uid):
    plan = plan_for_editing(request.user, plan_uid)
    if request.method != "POST":
        return _back(plan)
    form = RasterLayerForm(request.POST, request.FILES, prefix="raster")
    if form.is_valid():
        data = form.cleaned_data
        try:
            plan_layer = add_raster_layer(plan=plan, name=data["name"], upload=data["file"],
                                          world_file=data.get("world_file"), srid=data.get("srid"))
        except InputError as exc:
            add_service_error(form, exc, default_field="file")
        else:
            _queued(request, plan_layer)
            return _back(plan)
    return render_plan_detail(request, plan, raster_form=form)


@login_required
def layer_delete(request, plan_uid, layer_uid):
    plan = plan_for_editing(request.user, plan_uid)
    plan_layer = get_object_or_404(plan.plan_layers.select_related("layer"), layer__uid=layer_uid)
    if request.method == "POST":
        name = layer_title(plan_layer.layer.name)
        remove_layer(plan_layer=plan_layer)
        messages.success(request, _("The layer “%(name)s” was removed.") % {"name": name})
        return _back(plan)
    return render(request, "planning/staff/confirm_delete.html", {
        "plan": plan,
        "title": _("Remove the layer “%(name)s”?") % {"name": layer_title(plan_layer.layer.name)},
        "explanation": _("The layer and its uploaded file are deleted for good."),
        "button": _("Remove the layer"),
        "cancel_url": reverse("planning_staff:plan-detail", kwargs={"plan_uid": plan.uid})
        + "#layers",
    })


@login_required
def layer_status(request, plan_uid):
    """The ingest status of the plan's layers, for the page's status script (JSON)."""
    plan = plan_for_staff(request.user, plan_uid)
    rows = plan.plan_layers.select_related("layer").only(
        "pk", "plan_id", "layer__uid", "layer__name", "layer__kind", "layer__status",
        "layer__status_message", "layer__feature_count", "layer__source_crs", "layer__report",
    )
    layers = [
        {
            "uid": str(pl.layer.uid),
            "name": layer_title(pl.layer.name),
            "status": pl.layer.status,
            "label": pl.layer.get_status_display(),
            "message": pl.layer.status_message,
            "details": layer_details(pl.layer),
            "final": pl.layer.status in FINAL_LAYER_STATES,
        }
        for pl in rows
    ]
    response = JsonResponse({"layers": layers, "final": all(item["final"] for item in layers)})
    response["Cache-Control"] = "private, no-store"
    return response
