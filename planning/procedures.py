"""The BauGB procedures and phases, registered with the portal's procedure engine.

Periods (docs/phases.md):
- §3(2) publication and §4(2) agencies: one month, at least 30 days – shorter is refused.
- §4a(3) renewed publication: may be shortened "angemessen"; shorter than a month/30 days is a
  warning staff must confirm.
- §3(1)/§4(1) early participation: no statutory minimum; under 14 days is a warning.
- §13/§13a simplified/accelerated procedures skip the early phases (§13(2) Nr. 1).
"""

from datetime import date, timedelta

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.procedures import registry, timing
from portal.procedures.registry import PhaseKind, ProcedureKind, TimingProblem

BAUGB_3_1 = "baugb_3_1"
BAUGB_4_1 = "baugb_4_1"
BAUGB_3_2 = "baugb_3_2"
BAUGB_4_2 = "baugb_4_2"
BAUGB_4A_3 = "baugb_4a_3"
EARLY_MINIMUM_DAYS = 14


def _format(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _month_and_30_days(level: str):
    def rule(start: date, end: date):
        if timing.lasts_one_month_and_30_days(start, end):
            return []
        minimum = max(timing.add_months(start, 1) - timedelta(days=1), start + timedelta(days=29))
        return [
            TimingProblem(
                level,
                gettext(
                    "The period %(start)s–%(end)s lasts %(days)d days; the BauGB requires one "
                    "month and at least 30 days, i.e. at least until %(minimum)s."
                )
                % {
                    "start": _format(start), "end": _format(end),
                    "days": timing.inclusive_days(start, end), "minimum": _format(minimum),
                },
            )
        ]

    return rule


def _early_minimum(start: date, end: date):
    days = timing.inclusive_days(start, end)
    if days >= EARLY_MINIMUM_DAYS:
        return []
    return [
        TimingProblem(
            "warning",
            gettext(
                "The early participation lasts only %(days)d days; the public and agencies may "
                "not have enough time to respond."
            )
            % {"days": days},
        )
    ]


PHASE_KINDS = [
    PhaseKind(BAUGB_3_1, _("Early public participation (§3(1) BauGB)"), "§3 Abs. 1 BauGB",
              "public", timing_rules=(_early_minimum,)),
    PhaseKind(BAUGB_4_1, _("Early participation of agencies (§4(1) BauGB)"), "§4 Abs. 1 BauGB",
              "agencies", timing_rules=(_early_minimum,)),
    PhaseKind(BAUGB_3_2, _("Publication of the draft (§3(2) BauGB)"), "§3 Abs. 2 BauGB",
              "public", timing_rules=(_month_and_30_days("error"),)),
    PhaseKind(BAUGB_4_2, _("Participation of agencies (§4(2) BauGB)"), "§4 Abs. 2 BauGB",
              "agencies", timing_rules=(_month_and_30_days("error"),)),
    PhaseKind(BAUGB_4A_3, _("Renewed publication of the changed draft (§4a(3) BauGB)"),
              "§4a Abs. 3 BauGB", "restricted", timing_rules=(_month_and_30_days("warning"),)),
]

ALL_PHASES = (BAUGB_3_1, BAUGB_4_1, BAUGB_3_2, BAUGB_4_2, BAUGB_4A_3)
SIMPLIFIED_PHASES = (BAUGB_3_2, BAUGB_4_2, BAUGB_4A_3)

PROCEDURE_KINDS = [
    ProcedureKind("baugb_regular", _("Regular plan procedure (BauGB)"), "bauleitplanung",
                  ALL_PHASES, default_phases=(BAUGB_3_1, BAUGB_4_1, BAUGB_3_2, BAUGB_4_2)),
    ProcedureKind("baugb_13", _("Simplified procedure (§13 BauGB)"), "bauleitplanung",
                  SIMPLIFIED_PHASES, default_phases=(BAUGB_3_2, BAUGB_4_2)),
    ProcedureKind("baugb_13a", _("Accelerated procedure (§13a BauGB)"), "bauleitplanung",
                  SIMPLIFIED_PHASES, default_phases=(BAUGB_3_2, BAUGB_4_2)),
]


def register() -> None:
    for kind in PHASE_KINDS:
        registry.register_phase_kind(kind)
    for kind in PROCEDURE_KINDS:
        registry.register_procedure_kind(kind)
