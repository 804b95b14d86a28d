from .api_key import Open311Key
from .category import CategoryQuestion, Datatype, IncidentCategory
from .report import Channel, IncidentReport, ReferenceCounter, ReportPhoto, Status, StatusChange
from .support import ReportSupport
from .template import ResponseTemplate

__all__ = [
    "CategoryQuestion", "Channel", "Datatype", "IncidentCategory", "IncidentReport",
    "Open311Key", "ReferenceCounter", "ReportPhoto", "ReportSupport", "ResponseTemplate", "Status", "StatusChange",
]
