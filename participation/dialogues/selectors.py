"""Reads: public (module on, visible comments only) and staff (the user's authorities)."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from portal.models import Authority, Role
from portal.tenancy import scoped_to_staff

from .apps import MODULE_CODE
from .models import Comment, CommentStatus, Dialogue

MODERATOR_ROLES = (Role.ADMIN, Role.PLANNER, Role.MODERATOR)


def authority_with_module(slug: str) -> Authority:
    authority = Authority.objects.filter(slug=slug, is_active=True).first()
    if authority is None or not authority.has_module(MODULE_CODE):
        raise Http404
    return authority


def public_dialogue(authority, uid) -> Dialogue:
    dialogue = (Dialogue.objects.select_related("procedure", "authority")
                .filter(authority=authority, uid=uid).first())
    if dialogue is None:
        raise Http404
    return dialogue


def public_comment(authority, uid) -> Comment:
    comment = (Comment.objects.select_related("dialogue__procedure")
               .filter(dialogue__authority=authority, uid=uid, status=CommentStatus.VISIBLE)
               .first())
    if comment is None:
        raise Http404
    return comment


def shown_comments(dialogue) -> QuerySet:
    """Visible and hidden comments (a hidden one shows its reason, not its text)."""
    return (dialogue.comments.exclude(status=CommentStatus.PENDING)
            .select_related("author")
            .annotate(agree=Count("ratings", filter=Q(ratings__value=1)),
                      disagree=Count("ratings", filter=Q(ratings__value=-1)),))


def moderated_authorities(user) -> list[Authority]:
    return [a for a in scoped_to_staff(Authority.objects.filter(is_active=True), user,
                                       MODERATOR_ROLES)
            if a.has_module(MODULE_CODE)]


def managed_authorities(user) -> list[Authority]:
    """Authorities where the user may create dialogues: admins and planners."""
    return [a for a in scoped_to_staff(Authority.objects.filter(is_active=True), user,
                                       (Role.ADMIN, Role.PLANNER))
            if a.has_module(MODULE_CODE)]


def staff_dialogues(user) -> QuerySet:
    return Dialogue.objects.filter(authority__in=moderated_authorities(user))


def staff_comments(user) -> QuerySet:
    return Comment.objects.filter(dialogue__in=staff_dialogues(user)).select_related(
        "dialogue", "author")
