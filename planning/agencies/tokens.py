"""The personal link of an invitation: a random secret, of which only the SHA-256 is stored.

The secret (``secrets.token_urlsafe(32)``, 256 bits) appears only in the invitation e-mail.
A link is resolved by hashing what arrives and looking the hash up through its index – the
database never compares secrets, and the final comparison is constant-time. A link is valid for
its own phase until that phase closes (server time; the phase's last calendar day in
Europe/Berlin): afterwards it answers 410 with an explanation. Anything unknown answers 404 and
reveals nothing.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.utils import timezone

from portal.models import PhaseState

from ..models import AgencyInvitation, InvitationState
from .phases import is_agency_phase

#: The shape of a secret from token_urlsafe(32): 43 URL-safe base64 characters.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")
#: Invitation states that carry a link (a proposal never has one).
LINKED_STATES = (InvitationState.INVITED, InvitationState.ANSWERED)

VALID = "valid"
UNKNOWN = "unknown"     # 404: wrong, foreign, replaced or withdrawn link
EXPIRED = "expired"     # 410: the phase has closed


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LinkCheck:
    status: str
    invitation: AgencyInvitation | None = None

    @property
    def is_valid(self) -> bool:
        return self.status == VALID


def find_invitation(secret: str) -> AgencyInvitation | None:
    """The invitation whose link carries `secret`, or None (lookup by hash)."""
    if not isinstance(secret, str) or not TOKEN_PATTERN.match(secret):
        return None
    return find_invitation_by_hash(hash_secret(secret))


def find_invitation_by_hash(digest: str) -> AgencyInvitation | None:
    """The invitation whose link has the SHA-256 `digest` (as kept in the agency's session)."""
    if not isinstance(digest, str) or len(digest) != 64:
        return None
    invitation = (
        AgencyInvitation.objects.filter(token_hash=digest, state__in=LINKED_STATES)
        .select_related("agency", "phase__procedure__authority", "phase__procedure__plan")
        .first()
    )
    if invitation is None or not hmac.compare_digest(invitation.token_hash, digest):
        return None
    return invitation


def check_link(secret: str, now=None) -> LinkCheck:
    """Resolve a link: VALID (open or upcoming phase), EXPIRED (closed) or UNKNOWN."""
    return check_invitation(find_invitation(secret), now)


def check_invitation(invitation: AgencyInvitation | None, now=None) -> LinkCheck:
    """The state of an invitation's link (see check_link); None is UNKNOWN."""
    if invitation is None:
        return LinkCheck(UNKNOWN)
    phase = invitation.phase
    authority = phase.procedure.authority
    plan = getattr(phase.procedure, "plan", None)
    if (plan is None or not authority.is_active or not invitation.agency.is_active
            or invitation.agency.authority_id != authority.pk or not is_agency_phase(phase)):
        return LinkCheck(UNKNOWN)
    if phase.state(now or timezone.now()) == PhaseState.CLOSED:
        return LinkCheck(EXPIRED, invitation)
    return LinkCheck(VALID, invitation)
