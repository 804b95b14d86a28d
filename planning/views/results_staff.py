"""Staff pages of the weighing results: readiness, release, publication, letters.

Mounted at /staff/abwaegung/ergebnis/<plan>/ (planning/results_urls.py). Another authority's
plan is a 404 on every view; a read-only role may look (view_results) but not act (403).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from portal.access_log import opened

from ..models import ResultRelease
from ..results import permissions  # noqa: F401  (registers the result permissions)
from ..results.letters import render_letters
from ..results.release import (
    ResultsNotReady,
    mark_letters_posted,
    release_results,
    set_publication,
)
from ..results.status import release_status
from .staff.access import plan_for_staff, require

NO_STORE = "private, no-store"


class ReleaseForm(forms.Form):
    publish = forms.BooleanField(
        label=gettext_lazy("Publish the results on the plan's public page"), required=False,
        initial=True)


class PublicationForm(forms.Form):
    publish = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class LettersForm(forms.Form):
    up_to = forms.IntegerField(min_value=1)


def _no_store(response):
    response["Cache-Control"] = NO_STORE
    return response


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _plan(request, plan_uid, perm: str):
    plan = plan_for_staff(request.user, plan_uid)  # another authority's plan: 404
    require(request.user, perm, plan)
    return plan


def _render_status(request, plan, *, status_code=200, release_form=None):
    status = release_status(plan)
    release = status.release
    context = {
        "plan": plan,
        "status": status,
        "release": release,
        "release_form": release_form or ReleaseForm(),
        "can_release": request.user.has_perm("planning.release_results", plan),
        "public_url": (reverse("planning_results:public", args=[plan.authority.slug, plan.uid])
                       if release and release.publish and plan.is_published else ""),
    }
    return _no_store(render(request, "planning/results/staff.html", context,
                            status=status_code))


@login_required
@require_GET
def result_status(request, plan_uid):
    plan = _plan(request, plan_uid, "planning.view_results")
    return _render_status(request, plan)


@login_required
@require_POST
def result_release(request, plan_uid):
    plan = _plan(request, plan_uid, "planning.release_results")
    form = ReleaseForm(request.POST)
    form.is_valid()  # a missing box is "do not publish"; nothing else can be wrong
    try:
        outcome = release_results(plan=plan, user=request.user,
                                  publish=form.cleaned_data.get("publish", False),
                                  base_url=_base_url(request))
    except ResultsNotReady as exc:
        readiness = exc.readiness
        if readiness.undecided:
            messages.error(request, _(
                "The results cannot be released yet: %(count)s statements are undecided.")
                % {"count": readiness.undecided_count})
        if readiness.open_phases:
            messages.error(request, _(
                "The results cannot be released while a phase still takes statements."))
        return _render_status(request, plan, status_code=409, release_form=form)
    new = sum(outcome.new_notifications.values())
    if outcome.created:
        messages.success(request, _(
            "The results were released. %(count)s notifications are being prepared.")
            % {"count": new})
    elif new:
        messages.success(request, _("%(count)s further notifications are being prepared.")
                         % {"count": new})
    else:
        messages.info(request, _("The results had already been released; nothing was sent "
                                 "twice."))
    return redirect("planning_results:staff", plan_uid=plan.uid)


@login_required
@require_POST
def result_publication(request, plan_uid):
    plan = _plan(request, plan_uid, "planning.release_results")
    release = ResultRelease.objects.filter(plan=plan).first()
    form = PublicationForm(request.POST)
    if release is None or not form.is_valid():
        raise Http404
    set_publication(release=release, publish=form.cleaned_data["publish"])
    messages.success(request, _("The results are published.") if release.publish
                     else _("The results are no longer published."))
    return redirect("planning_results:staff", plan_uid=plan.uid)


@login_required
@require_GET
def letters_pdf(request, plan_uid):
    """The letters as one PDF (personal data: private, never cached)."""
    plan = _plan(request, plan_uid, "planning.release_results")
    if not ResultRelease.objects.filter(plan=plan).exists():
        raise Http404
    pending_only = request.GET.get("offen") == "1"
    try:
        up_to = int(request.GET["bis"]) if request.GET.get("bis") else None
    except ValueError as exc:
        raise Http404 from exc
    content = render_letters(plan, base_url=_base_url(request), pending_only=pending_only,
                             up_to_id=up_to)
    opened(request, authority=plan.authority, what="letters", reference=plan.number or plan.name)
    response = HttpResponse(content, content_type="application/pdf")
    name = f"Ergebnisbriefe-{plan.number or plan.uid}.pdf".replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{_ascii(name)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return _no_store(response)


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in name)


@login_required
@require_POST
def letters_posted(request, plan_uid):
    plan = _plan(request, plan_uid, "planning.release_results")
    form = LettersForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please download the letters first."))
        return redirect("planning_results:staff", plan_uid=plan.uid)
    count = mark_letters_posted(plan=plan, up_to_id=form.cleaned_data["up_to"])
    messages.success(request, _("%(count)s letters were recorded as posted.") % {"count": count})
    return redirect("planning_results:staff", plan_uid=plan.uid)
