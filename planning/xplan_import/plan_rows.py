"""The Plan row of an imported plan: facts, Geltungsbereich, procedure and phases.

| Plan field | XPlanung |
|---|---|
| plan_class, plan_art, name, number, description | class, planArt, name, nummer, beschreibung |
| legal_status | rechtsstand (BP/FP code list; unknown codes are left empty with a warning) |
| ags, municipality_name | the first gemeinde (XP_Gemeinde ags, gemeindeName) |
| decision_to_prepare_date | aufstellungsbeschlussDatum |
| council_decision_date | satzungsbeschlussDatum (BP), planbeschlussDatum (FP) |
| entry_into_force_date | inkrafttretensDatum (BP), wirksamkeitsDatum (FP) |
| area | raeumlicherGeltungsbereich, reprojected to the storage SRID |
| source_crs, xplan_version, xplan_gml_id, source_file | CRS, version, gml:id, the file |
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gis.srid import storage_srid
from portal.models import Authority

from ..codelists import LegalStatus
from ..models import Plan
from ..services.phases import schedule_phase
from ..services.plans import create_plan
from ..xplanung import Message
from ..xplanung import Plan as XPlan
from ..xplanung.crs import crs_label
from ..xplanung.report import reproject
from .checks import valid_ags
from .phases import PhaseSpec
from .stored_files import StoredFiles


def plan_fields(xplan: XPlan) -> dict:
    """The create_plan() fields of an XPlanung plan (without the area)."""
    dates = xplan.dates
    municipality = next((m for m in xplan.municipalities if m.ags or m.name), None)
    legal_status = xplan.legal_status if xplan.legal_status in LegalStatus.values else ""
    return {
        "plan_class": xplan.xplan_class,
        "plan_art": list(xplan.plan_art),
        "number": (xplan.number or "")[:100],
        "description": xplan.description or "",
        "legal_status": legal_status,
        "ags": xplan.ags if valid_ags(xplan.ags) else "",
        "municipality_name": ((municipality.name if municipality else None) or "")[:200],
        "decision_to_prepare_date": dates.aufstellungsbeschluss,
        "council_decision_date": dates.satzungsbeschluss or dates.planbeschluss,
        "entry_into_force_date": dates.inkrafttretens or dates.wirksamkeit,
    }


def plan_name(xplan: XPlan, source_name: str) -> str:
    return (xplan.name or xplan.number or xplan.gml_id or source_name)[:300]


def create_plan_row(*, xplan: XPlan, authority: Authority, version: str, procedure_kind: str,
                    source: Path, source_name: str, stored: StoredFiles) -> Plan:
    area = xplan.area
    if area is not None and area.srid != storage_srid():
        area = reproject(area, storage_srid())
    plan = create_plan(
        authority=authority, name=plan_name(xplan, source_name), procedure_kind=procedure_kind,
        area=area, **plan_fields(xplan),
    )
    plan.source_crs = crs_label(xplan.area.srid) if xplan.area is not None else ""
    plan.xplan_version = version[:10]
    plan.xplan_gml_id = xplan.gml_id[:200]
    stored.save(plan.source_file, "source", source)
    plan.save(update_fields=["source_crs", "xplan_version", "xplan_gml_id", "source_file",
                             "updated_at"])
    plan.refresh_from_db(fields=["area"])
    return plan


def schedule_phases(*, plan: Plan, xplan: XPlan, specs: list[PhaseSpec]) -> list[Message]:
    """Schedule the planned phases; one the engine still refuses is skipped with a warning."""
    messages = []
    for spec in specs:
        try:
            schedule_phase(
                plan=plan, kind=spec.kind, start_date=spec.start_date, end_date=spec.end_date,
                timing_warnings_acknowledged=bool(spec.problems),
            )
        except ValidationError as exc:
            messages.append(Message("warning", "phase_skipped", _(
                "The period %(start)s–%(end)s was not scheduled: %(reason)s"
            ) % {
                "start": spec.start_date.strftime("%d.%m.%Y"),
                "end": spec.end_date.strftime("%d.%m.%Y"),
                "reason": " ".join(exc.messages),
            }, line=xplan.line, gml_id=xplan.gml_id))
    return messages
