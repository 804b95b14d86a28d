from .agency import Agency, AgencyInvitation, InvitationState
from .document import PlanDocument
from .export_job import ExportJob as ExportJob
from .participation_settings import (
    IdentityMode,
    ParticipationDefaults,
    PrivacyNotice,
    StatementSettings,
)
from .plan import Plan
from .plan_layer import PlanLayer
from .statement import (
    Channel,
    CoSignature,
    ModerationState,
    ReferenceCounter,
    Statement,
    StatementAttachment,
    SubmitterKind,
)
from .weighing import (
    Consideration,
    Decision,
    GroupKind,
    InternalNote,
    NotificationChannel,
    ResultNotification,
    ResultRelease,
    StatementGroup,
    StatementSection,
    TextBlock,
)
from .xplan_import_job import XPlanImportJob
from .xplan_record import XPlanRecord

__all__ = [
    "Consideration", "Decision", "GroupKind", "InternalNote", "NotificationChannel",
    "ResultNotification", "ResultRelease", "StatementGroup", "StatementSection", "TextBlock",
    "Agency", "AgencyInvitation", "Channel", "CoSignature", "IdentityMode", "InvitationState",
    "ModerationState", "Plan", "PlanDocument", "PlanLayer", "PrivacyNotice", "ReferenceCounter",
    "ParticipationDefaults", "Statement", "StatementAttachment", "StatementSettings",
    "SubmitterKind", "XPlanImportJob", "XPlanRecord",
]
