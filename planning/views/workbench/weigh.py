"""Weighing one statement (or one of its sections), its group, notes and history."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.contrib.gis.measure import D
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gis.models import Feature
from gis.srid import WGS84

from ...maps.fixed_legends import decision_legend
from ...maps.map_layers import plan_map
from ...maps.objects import describe_feature
from ...models import InternalNote, Statement, TextBlock
from ...weighing import decisions, grouping, results, sections
from ...weighing.forms import ConsiderationForm, GroupForm, NoteForm, SplitForm
from ...weighing.neighbours import neighbours
from ..public import _area_geojson
from . import access

NEIGHBOUR_METRES = 300


def consideration_form(request, target, plan, *, data=None, prefix=None):
    consideration = decisions.consideration_for(target)
    initial = {
        "decision": consideration.decision, "reasoning": consideration.reasoning,
        "plan_change": consideration.plan_change, "assignee": consideration.assignee_id,
        "due_date": consideration.due_date,
        "plan_features": list(consideration.plan_features.values_list("pk", flat=True))
        if consideration.pk else [],
    }
    return ConsiderationForm(
        data, prefix=prefix, initial=initial,
        text_blocks=list(TextBlock.objects.filter(authority=plan.authority)),
        features=access.feature_choices(plan), staff=access.staff_choices(plan.authority),
    ), consideration


def save_consideration(request, target, form) -> bool:
    data = form.cleaned_data
    from django.contrib.auth import get_user_model

    assignee = None
    if data.get("assignee"):
        assignee = get_user_model().objects.filter(pk=data["assignee"]).first()
    features = None
    if "plan_features" in data:
        features = list(Feature.objects.filter(pk__in=data["plan_features"]).select_related(
            "layer__plan_link"))
    try:
        decisions.decide(target=target, user=request.user, decision=data.get("decision", ""),
                         reasoning=data.get("reasoning", ""), plan_change=data.get("plan_change", ""),
                         plan_features=features, assignee=assignee, clear_assignee=assignee is None,
                         due_date=data.get("due_date"))
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


def _map_config(statement: Statement):
    plan = statement.plan
    nearby = Statement.objects.filter(plan=plan).exclude(location__isnull=True)
    if statement.location is not None:
        nearby = nearby.filter(location__distance_lte=(statement.location, D(m=NEIGHBOUR_METRES)))
    else:
        nearby = nearby.none()
    decided = {r.statement.pk: (r.decision, str(r.decision_label or ""))
               for r in results.statement_results(nearby)}
    rows = nearby.annotate(g=AsGeoJSON(Transform("location", WGS84), precision=7)).values_list(
        "pk", "reference", "g")
    features = [{"type": "Feature", "geometry": json.loads(g),
                 "properties": {"reference": ref, "decision": decided.get(pk, ("", ""))[0],
                                "decision_label": decided.get(pk, ("", ""))[1],
                                "current": pk == statement.pk}}
                for pk, ref, g in rows]
    layer_config, layer_legend = plan_map(plan.plan_layers.select_related("layer"),
                                          visible_flags=False)
    return layer_legend, {"area": _area_geojson(plan), **layer_config,
            "statements": {"type": "FeatureCollection", "features": features}}


@login_required
def statement_page(request, statement_uid):
    statement = access.statement(request.user, statement_uid)
    plan = statement.plan
    can_weigh = request.user.has_perm("planning.weigh", plan)
    target = statement.group if statement.group_id else statement
    parts = list(statement.sections.all())
    form = None
    if not parts and not statement.group_id:
        form, _consideration = consideration_form(request, statement, plan,
                                                  data=request.POST if request.method == "POST" else None)
        if request.method == "POST":
            access.require_weigh(request.user, plan)
            if form.is_valid() and save_consideration(request, statement, form):
                messages.success(request, _("The decision on %(reference)s was saved.")
                                 % {"reference": statement.reference})
                following = neighbours(statement).next
                if request.POST.get("then") == "next" and following is not None:
                    return redirect("planning_workbench:statement", statement_uid=following.uid)
                return redirect("planning_workbench:statement", statement_uid=statement.uid)
    section_forms = []
    for part in parts:
        section_form, _c = consideration_form(request, part, plan, prefix=f"s{part.pk}")
        section_forms.append((part, section_form))
    (result,) = results.statement_results(Statement.objects.filter(pk=statement.pk))
    layer_legend, map_config = _map_config(statement)
    history = []
    consideration = decisions.consideration_for(target)
    if consideration.pk:
        history = list(consideration.history.select_related("history_user").order_by("-history_date")[:50])
    return render(request, "planning/workbench/statement.html", {
        "statement": statement, "plan": plan, "form": form, "section_forms": section_forms,
        "result": result, "history": history, "can_weigh": can_weigh,
        "notes": statement.notes.select_related("author"), "note_form": NoteForm(),
        "split_form": SplitForm(initial={"parts": statement.text}),
        "map_config": map_config,
        "legend": decision_legend() + layer_legend,
        "plan_object": describe_feature(statement.plan_feature) if statement.plan_feature_id
        else "",
        "group_size": statement.group.statements.count() if statement.group_id else 0,
        "neighbours": neighbours(statement),
    }, status=400 if form is not None and form.is_bound and form.errors else 200)


@login_required
@require_POST
def section_decide(request, section_pk):
    section = access.section(request.user, section_pk)
    plan = section.statement.plan
    access.require_weigh(request.user, plan)
    form, _c = consideration_form(request, section, plan, data=request.POST, prefix=f"s{section.pk}")
    if form.is_valid() and save_consideration(request, section, form):
        messages.success(request, _("The decision on section %(n)d was saved.") % {"n": section.order})
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("planning_workbench:statement", statement_uid=section.statement.uid)


@login_required
@require_POST
def split(request, statement_uid):
    statement = access.statement(request.user, statement_uid)
    access.require_weigh(request.user, statement.plan)
    form = SplitForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("parts", [_("Invalid sections.")])[0])
        sections.split_statement(statement=statement, parts=form.cleaned_data["parts"],
                                 user=request.user)
        messages.success(request, _("The statement was split into sections."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("planning_workbench:statement", statement_uid=statement.uid)


@login_required
@require_POST
def add_note(request, statement_uid):
    statement = access.statement(request.user, statement_uid)
    access.require_weigh(request.user, statement.plan)
    form = NoteForm(request.POST)
    if form.is_valid():
        InternalNote.objects.create(statement=statement, author=request.user,
                                    text=form.cleaned_data["text"])
    else:
        messages.error(request, _("The note is empty or too long."))
    return redirect("planning_workbench:statement", statement_uid=statement.uid)


@login_required
@require_POST
def leave_group(request, statement_uid):
    statement = access.statement(request.user, statement_uid)
    access.require_weigh(request.user, statement.plan)
    grouping.remove_from_group(statement=statement, user=request.user)
    messages.success(request, _("%(reference)s is now weighed on its own.")
                     % {"reference": statement.reference})
    return redirect("planning_workbench:statement", statement_uid=statement.uid)


@login_required
def group_page(request, group_pk):
    group = access.group(request.user, group_pk)
    plan = group.plan
    form, _c = consideration_form(request, group, plan,
                                  data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        access.require_weigh(request.user, plan)
        if form.is_valid() and save_consideration(request, group, form):
            messages.success(request, _("The decision on the group was saved; it applies to all %(count)d statements.")
                             % {"count": group.statements.count()})
            return redirect("planning_workbench:group", group_pk=group.pk)
    history = []
    consideration = decisions.consideration_for(group)
    if consideration.pk:
        history = list(consideration.history.select_related("history_user").order_by("-history_date")[:50])
    return render(request, "planning/workbench/group.html", {
        "group": group, "plan": plan, "form": form, "history": history,
        "members": group.statements.order_by("received_at")[:500],
        "size": group.statements.count(),
        "can_weigh": request.user.has_perm("planning.weigh", plan),
    }, status=400 if form.is_bound and form.errors else 200)


@login_required
def suggestions(request, plan_uid):
    plan = access.plan(request.user, plan_uid)
    found = grouping.suggest_similar(plan=plan)[:100]
    choices = sorted({(s.pk, s.reference) for pair in found for s in (pair.first, pair.second)})
    form = GroupForm(request.POST or None, choices=choices)
    if request.method == "POST":
        access.require_weigh(request.user, plan)
        if form.is_valid():
            chosen = list(Statement.objects.filter(plan=plan, pk__in=form.cleaned_data["statements"]))
            try:
                group = grouping.confirm_group(statements=chosen, title=form.cleaned_data["title"],
                                               user=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The group “%(title)s” was created.") % {"title": group.title})
                return redirect("planning_workbench:group", group_pk=group.pk)
    groups = plan.statement_groups.annotate(size=Count("statements"))
    return render(request, "planning/workbench/suggestions.html", {
        "plan": plan, "suggestions": found, "form": form, "groups": groups,
        "can_weigh": request.user.has_perm("planning.weigh", plan),
    }, status=400 if form.is_bound and form.errors else 200)
