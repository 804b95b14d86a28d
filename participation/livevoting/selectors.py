"""Reads: public (authority active, module on) and staff (scoped to the authorities where the
user is admin, planner or moderator and the module is on: a foreign session is not found)."""

from django.db.models import Count, Max
from django.http import Http404

from portal.models import Authority, Role
from portal.tenancy import scoped_to_staff

from .apps import MODULE_CODE
from .codes import normalise_code
from .models import QuestionState, Vote, VotingSession

STAFF_ROLES = (Role.ADMIN, Role.PLANNER, Role.MODERATOR)


def _module_on(authority) -> bool:
    return authority.is_active and authority.has_module(MODULE_CODE)


def session_by_code(code: str) -> VotingSession:
    """The session a participant joins; 404 for an unknown code or a module switched off."""
    normalised = normalise_code(code)
    session = (VotingSession.objects.select_related("authority", "procedure")
               .filter(code=normalised).first() if normalised else None)
    if session is None or not _module_on(session.authority):
        raise Http404
    return session


def authority_with_module(slug: str) -> Authority:
    authority = Authority.objects.filter(slug=slug, is_active=True).first()
    if authority is None or not authority.has_module(MODULE_CODE):
        raise Http404
    return authority


def public_session(authority, uid) -> VotingSession:
    session = (VotingSession.objects.select_related("procedure")
               .filter(authority=authority, uid=uid).first())
    if session is None:
        raise Http404
    return session


def listed_sessions(authority) -> list[VotingSession]:
    """For the authority's page: sessions open today or with published results."""
    sessions = VotingSession.objects.filter(authority=authority).select_related("procedure")[:20]
    return [s for s in sessions if s.results_published_at or s.is_open()]


def staff_authorities(user) -> list[Authority]:
    return [a for a in scoped_to_staff(Authority.objects.filter(is_active=True), user,
                                       STAFF_ROLES)
            if a.has_module(MODULE_CODE)]


def staff_sessions(user):
    return VotingSession.objects.filter(authority__in=staff_authorities(user))


def staff_session(user, uid) -> VotingSession:
    session = (staff_sessions(user).select_related("authority", "procedure")
               .filter(uid=uid).first())
    if session is None:
        raise Http404
    return session


def status_etag(session: VotingSession) -> str:
    """Changes with every vote and every moderator step: the votes of the open question
    (count and newest id, from the unique index) and the session's version."""
    version = VotingSession.objects.filter(pk=session.pk).values_list("version",
                                                                      flat=True).first()
    question = session.questions.filter(state=QuestionState.OPEN).values_list(
        "pk", flat=True).first()
    votes = {"n": 0, "last": 0}
    if question is not None:
        votes = Vote.objects.filter(question_id=question).aggregate(n=Count("pk"),
                                                                    last=Max("pk"))
    return f'"{version}-{question or 0}-{votes["n"]}-{votes["last"] or 0}"'
