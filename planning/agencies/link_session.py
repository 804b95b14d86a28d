"""The personal link, exchanged for an entry in the agency's session on first visit.

The link /toeb/<secret>/ is opened once: the view checks it, keeps the SHA-256 of the secret in
the session (never the secret) under the invitation's public uid, and redirects to
/toeb/zugang/<invitation uid>/. Every later page, form and download has that token-free
address, so the secret never reaches an access log again, a Referer header, the browser history
of the pages behind it or a bookmark of them. Each request checks the kept hash afresh: a
withdrawn or replaced link, a deactivated agency or a closed phase take effect at once, exactly
as for the link itself. The session may hold several invitations (an agency working on two
phases in two tabs); a uid without an entry in *this* session is unknown (404).
"""

import uuid

from .tokens import UNKNOWN, LinkCheck, check_invitation, find_invitation_by_hash

SESSION_KEY = "agency_links"


def remember(request, check: LinkCheck) -> None:
    """Keep the checked link of `check` in the session."""
    invitation = check.invitation
    links = dict(request.session.get(SESSION_KEY, {}))
    links[str(invitation.uid)] = invitation.token_hash
    request.session[SESSION_KEY] = links
    request.session.cycle_key()  # a session id known before the link was opened is not reused


def check_session_link(request, invitation_uid: uuid.UUID, now=None) -> LinkCheck:
    """The state of the link this session opened for `invitation_uid` (UNKNOWN if none)."""
    digest = request.session.get(SESSION_KEY, {}).get(str(invitation_uid))
    invitation = find_invitation_by_hash(digest) if digest else None
    if invitation is None or invitation.uid != invitation_uid:
        return LinkCheck(UNKNOWN)
    return check_invitation(invitation, now)
