"""Reads: public (module on) and staff (the user's authorities with the module on)."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from portal.models import Authority, Role
from portal.tenancy import scoped_to_staff

from .apps import MODULE_CODE
from .models import Event, Registration
from .tokens import registration_uid_from

#: Who runs events (registrations, e-mails); every role may scan tickets at the door.
MANAGER_ROLES = (Role.ADMIN, Role.PLANNER, Role.MODERATOR)
SCANNER_ROLES = (Role.ADMIN, Role.PLANNER, Role.MODERATOR, Role.VIEWER)


def authority_with_module(slug: str) -> Authority:
    authority = Authority.objects.filter(slug=slug, is_active=True).first()
    if authority is None or not authority.has_module(MODULE_CODE):
        raise Http404
    return authority


def public_events(authority) -> QuerySet:
    return authority.events.select_related("authority", "procedure")


def upcoming_events(authority) -> QuerySet:
    return public_events(authority).filter(ends_at__gte=timezone.now())


def public_event(authority, uid) -> Event:
    event = public_events(authority).filter(uid=uid).first()
    if event is None:
        raise Http404
    return event


def registration_by_key(authority, key: str) -> Registration:
    uid = registration_uid_from(key)
    registration = None
    if uid:
        registration = (Registration.objects.select_related("event__authority")
                        .filter(event__authority=authority, uid=uid).first())
    if registration is None:
        raise Http404
    return registration


def staff_authorities(user, roles=MANAGER_ROLES) -> list[Authority]:
    return [a for a in scoped_to_staff(Authority.objects.filter(is_active=True), user, roles)
            if a.has_module(MODULE_CODE)]


def staff_events(user, roles=MANAGER_ROLES) -> QuerySet:
    return Event.objects.filter(authority__in=staff_authorities(user, roles)).select_related(
        "authority")


def staff_event(user, uid, roles=MANAGER_ROLES) -> Event:
    event = staff_events(user, roles).filter(uid=uid).first()
    if event is None:
        raise Http404
    return event
