"""Publishing and withdrawing a plan (POST only; a GET goes back to the plan page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ...services.plans import publish_plan, unpublish_plan
from .access import plan_for_editing
from .plan_detail import render_plan_detail


@login_required
def plan_publish(request, plan_uid):
    plan = plan_for_editing(request.user, plan_uid, "planning.publish_plan")
    if request.method != "POST":
        return redirect("planning_staff:plan-detail", plan_uid=plan.uid)
    try:
        publish_plan(plan=plan)
    except ValidationError as exc:
        plan.refresh_from_db()
        return render_plan_detail(request, plan, action_errors=exc.messages)
    messages.success(request, _("The plan is published: it is shown on its public page and on "
                                "the state-wide map."))
    return redirect("planning_staff:plan-detail", plan_uid=plan.uid)


@login_required
def plan_unpublish(request, plan_uid):
    plan = plan_for_editing(request.user, plan_uid, "planning.publish_plan")
    if request.method != "POST":
        return redirect("planning_staff:plan-detail", plan_uid=plan.uid)
    unpublish_plan(plan=plan)
    messages.success(request, _("The publication was withdrawn: the plan is no longer public."))
    return redirect("planning_staff:plan-detail", plan_uid=plan.uid)
