"""The public result page of a plan: shown only after a release with publication."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from ..models import Plan
from ..results.publication import decision_counts, plan_with_published_results, public_results


def result_page(request, authority_slug, plan_uid):
    try:
        plan = plan_with_published_results(authority_slug=authority_slug, uid=plan_uid)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc
    entries = public_results(plan)
    return render(request, "planning/results/public.html", {
        "plan": plan,
        "authority": plan.authority,
        "release": plan.result_release,
        "entries": entries,
        "statement_count": sum(e.count for e in entries),
        "decision_counts": decision_counts(entries),
        "json_url": reverse("api:plan-results", kwargs={"uid": plan.uid}),
        "geojson_url": reverse("api:plan-results-geojson", kwargs={"uid": plan.uid}),
    })
