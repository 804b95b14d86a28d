from .agency import Agency, AgencyInvitation, InvitationState
from .document import PlanDocument
from .participation_settings import IdentityMode, PrivacyNotice, StatementSettings
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

__all__ = [
    "Agency", "AgencyInvitation", "Channel", "CoSignature", "IdentityMode", "InvitationState",
    "ModerationState", "Plan", "PlanDocument", "PlanLayer", "PrivacyNotice", "ReferenceCounter",
    "Statement", "StatementAttachment", "StatementSettings", "SubmitterKind",
]
