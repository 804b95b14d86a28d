"""The events of the planning procedures, as topics of the registry (topics.py).

- "procedures": a published plan in preparation appears (a new procedure), or a public
  participation phase of a published plan opens (its first day has begun, Europe/Berlin);
  phases only for public agencies (§4 BauGB) are not public events;
- "results": the weighing results of a published plan are published.

Only published plans of active authorities count (planning.selectors.published_plans); the
texts are the plan's public name, number and dates – no personal data.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planning.models import Plan, ResultRelease
from planning.selectors import published_plans
from portal.models import Phase

from .topics import Event, Topic, register

PROCEDURES = "procedures"
RESULTS = "results"


def is_public_participation(phase: Phase) -> bool:
    """A phase the public takes part in (as accounts_citizen's announcements define it)."""
    definition = phase.kind_definition
    return bool(definition and definition.accepts_statements
                and definition.audience != "agencies")


def _plan_name(plan: Plan) -> str:
    return f"{plan.name} ({plan.number})" if plan.number else plan.name


def _event(plan: Plan, *, key: str, topic: str, when: datetime, title: str, summary: str,
           url: str | None = None) -> Event:
    return Event(key=key, topic=topic, happened_at=when, title=title, summary=summary,
                 url=url or plan.get_absolute_url(), geometry=plan.area,
                 authority_slug=plan.authority.slug, authority_name=plan.authority.name)


def _plans(area=None, authority=None):
    plans = published_plans().filter(area__isnull=False)
    if authority is not None:
        plans = plans.filter(authority=authority)
    if area is not None:
        plans = plans.filter(area__intersects=area)
    return plans


def procedure_events(since: datetime, until: datetime, *, area=None,
                     authority=None) -> list[Event]:
    plans = _plans(area, authority)
    events = []
    new_plans = plans.filter(status_group="in_preparation", published_at__gt=since,
                             published_at__lte=until)
    for plan in new_plans:
        events.append(_event(
            plan, key=f"plan-published:{plan.pk}", topic=PROCEDURES, when=plan.published_at,
            title=_("New plan procedure: %(plan)s") % {"plan": _plan_name(plan)},
            summary=_("%(authority)s has published the plan procedure “%(plan)s”.") % {
                "authority": plan.authority.name, "plan": _plan_name(plan)}))
    phases = (Phase.objects.filter(starts_at__gt=since, starts_at__lte=until,
                                   procedure__plan__in=plans)
              .select_related("procedure__plan__authority"))
    for phase in phases:
        if not is_public_participation(phase):
            continue
        plan = phase.procedure.plan
        events.append(_event(
            plan, key=f"phase-opened:{phase.pk}:{phase.start_date.isoformat()}",
            topic=PROCEDURES, when=phase.starts_at,
            title=_("Participation open: %(plan)s") % {"plan": _plan_name(plan)},
            summary=_("%(phase)s of “%(plan)s” runs from %(first)s to %(last)s.") % {
                "phase": phase.display_title, "plan": _plan_name(plan),
                "first": formats.date_format(phase.start_date, "SHORT_DATE_FORMAT"),
                "last": formats.date_format(phase.end_date, "SHORT_DATE_FORMAT")}))
    return events


def result_events(since: datetime, until: datetime, *, area=None,
                  authority=None) -> list[Event]:
    plans = _plans(area, authority)
    releases = (ResultRelease.objects.filter(publish=True, released_at__gt=since,
                                             released_at__lte=until,
                                             plan__in=plans)
                .select_related("plan__authority"))
    events = []
    for release in releases:
        plan = release.plan
        events.append(_event(
            plan, key=f"results-published:{release.pk}", topic=RESULTS, when=release.released_at,
            title=_("Results published: %(plan)s") % {"plan": _plan_name(plan)},
            summary=_("The results of the weighing of the statements on “%(plan)s” are published.")
            % {"plan": _plan_name(plan)},
            url=reverse("planning_results:public", args=[plan.authority.slug, plan.uid])))
    return events


register(Topic(PROCEDURES, gettext_lazy("New plan procedures and opened participation phases"),
               procedure_events))
register(Topic(RESULTS, gettext_lazy("Published results of plan procedures"), result_events))
