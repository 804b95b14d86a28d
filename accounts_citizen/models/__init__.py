from .announcement import ParticipationAnnouncement
from .contribution import Contribution
from .organisation import (
    Organisation,
    OrganisationAgency,
    OrganisationKind,
    OrganisationMember,
    OrganisationRole,
)
from .profile import CitizenProfile

__all__ = ["CitizenProfile", "Contribution", "Organisation", "OrganisationAgency",
           "OrganisationKind", "OrganisationMember", "OrganisationRole",
           "ParticipationAnnouncement"]
