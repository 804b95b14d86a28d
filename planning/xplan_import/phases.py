"""The participation procedure of an imported plan, from its XPlanung procedure dates.

    kind = procedure_kind(plan)                  # baugb_regular, or baugb_13/13a from verfahren
    specs, messages = planned_phases(plan, kind)  # pure: what would be scheduled, and why not

| XPlanung dates | phase |
|---|---|
| auslegungsStartDatum / auslegungsEndDatum, 1st pair | baugb_3_2 (publication, §3(2)) |
| traegerbeteiligungsStartDatum / …EndDatum, 1st pair | baugb_4_2 (agencies, §4(2)) |
| every further pair of either | baugb_4a_3 (renewed publication, §4a(3)) |

A period the procedure engine refuses (e.g. shorter than a month and 30 days for §3(2)) is not
scheduled and reported as a warning; one with timing warnings only (§4a(3) shortened) is
scheduled with the warnings acknowledged, since it is a record of what happened, and the
warnings are reported. A start without an end (or the reverse) is reported and skipped.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from portal.procedures import registry

from ..procedures import BAUGB_3_2, BAUGB_4_2, BAUGB_4A_3
from ..xplanung import Message
from ..xplanung import Plan as XPlan

#: BP_Verfahren (XPlanung) -> procedure kind of the portal.
PROCEDURE_BY_VERFAHREN = {
    "1000": "baugb_regular",
    "2000": "baugb_13",
    "3000": "baugb_13a",
    "4000": "baugb_13a",  # §13b was modelled on §13a
}
DEFAULT_PROCEDURE = "baugb_regular"


@dataclass
class PhaseSpec:
    kind: str
    start_date: date
    end_date: date
    title: str = ""
    problems: list[str] = field(default_factory=list)  # acknowledged timing warnings


def procedure_kind(plan: XPlan) -> str:
    return PROCEDURE_BY_VERFAHREN.get(plan.procedure or "", DEFAULT_PROCEDURE)


def _format(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _pairs(plan: XPlan, starts: list[date], ends: list[date], what: str, messages: list[Message]):
    if len(starts) != len(ends):
        messages.append(Message("warning", "phase_dates_incomplete", _(
            "The plan has %(starts)d start and %(ends)d end dates of the %(what)s; only complete "
            "pairs become phases."
        ) % {"starts": len(starts), "ends": len(ends), "what": what},
            line=plan.line, gml_id=plan.gml_id))
    return list(zip(sorted(starts), sorted(ends), strict=False))


def planned_phases(plan: XPlan, kind: str) -> tuple[list[PhaseSpec], list[Message]]:
    messages: list[Message] = []
    procedure = registry.procedure_kind(kind)
    dates = plan.dates
    candidates: list[tuple[str, date, date]] = []
    for first_kind, starts, ends, what in (
        (BAUGB_3_2, dates.auslegung_start, dates.auslegung_end, _("publication (Auslegung)")),
        (BAUGB_4_2, dates.traegerbeteiligung_start, dates.traegerbeteiligung_end,
         _("participation of agencies")),
    ):
        for number, (start, end) in enumerate(_pairs(plan, starts, ends, what, messages)):
            candidates.append((first_kind if number == 0 else BAUGB_4A_3, start, end))
    specs = []
    for phase_kind, start, end in sorted(candidates, key=lambda c: (c[1], c[0])):
        definition = registry.phase_kind(phase_kind)
        where = {"line": plan.line, "gml_id": plan.gml_id}
        period = {"start": _format(start), "end": _format(end), "phase": definition.name}
        if end < start:
            messages.append(Message("warning", "phase_skipped", _(
                "The period %(start)s–%(end)s (%(phase)s) ends before it starts; it was not "
                "scheduled."
            ) % period, **where))
            continue
        if procedure is not None and not procedure.allows(phase_kind):
            messages.append(Message("warning", "phase_skipped", _(
                "The period %(start)s–%(end)s (%(phase)s) does not fit the plan's procedure; "
                "it was not scheduled."
            ) % period, **where))
            continue
        problems = definition.check_period(start, end)
        errors = [p.message for p in problems if p.level == "error"]
        if errors:
            messages.append(Message("warning", "phase_skipped", _(
                "The period %(start)s–%(end)s (%(phase)s) was not scheduled: %(reason)s"
            ) % {**period, "reason": " ".join(errors)}, **where))
            continue
        warnings = [p.message for p in problems]
        for text in warnings:
            messages.append(Message("warning", "phase_timing", _(
                "The period %(start)s–%(end)s (%(phase)s) was scheduled as recorded in the "
                "file: %(reason)s"
            ) % {**period, "reason": text}, **where))
        specs.append(PhaseSpec(phase_kind, start, end, problems=warnings))
    return specs, messages
