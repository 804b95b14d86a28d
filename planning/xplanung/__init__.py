"""XPlanGML reader and writer (XPlanung 4.0–6.0): a library layer without database models.

    from planning.xplanung import read_xplan, build_import_report, write_xplan_60

See docs/xplanung.md for what is supported, limits and the data model.
"""

from .archive import write_xplan_archive
from .limits import DEFAULT_LIMITS, XPlanLimits
from .messages import Message, XPlanReadError
from .model import (
    Bereich,
    Code,
    ExternalReference,
    Feature,
    Municipality,
    Plan,
    PlanObject,
    ProcedureDates,
    RasterReference,
    XPlanDocument,
)
from .reader import open_xplan, read_xplan, read_xplan_gml
from .report import build_failure_report, build_import_report, plan_report
from .writer import write_xplan_60

__all__ = [
    "DEFAULT_LIMITS",
    "Bereich",
    "Code",
    "ExternalReference",
    "Feature",
    "Message",
    "Municipality",
    "Plan",
    "PlanObject",
    "ProcedureDates",
    "RasterReference",
    "XPlanDocument",
    "XPlanLimits",
    "XPlanReadError",
    "build_failure_report",
    "build_import_report",
    "open_xplan",
    "plan_report",
    "read_xplan",
    "read_xplan_gml",
    "write_xplan_60",
    "write_xplan_archive",
]
