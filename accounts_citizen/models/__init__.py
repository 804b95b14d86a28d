from .announcement import ParticipationAnnouncement
from .contribution import Contribution
from .profile import CitizenProfile

__all__ = ["CitizenProfile", "Contribution", "ParticipationAnnouncement"]
