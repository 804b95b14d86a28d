"""Events (participation.events) and live voting (participation.livevoting) in the DSGVO
assistant: what a registration and a live vote collect (the privacy notice and checklist,
collection.py), and the retention of registrations after the event (data_types.py)."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import collection as c
from . import data_types
from .describers import STAFF
from .models import LegalBasis


def describe_event(authority, procedure) -> c.Collection:
    return c.Collection(
        module_name=_("Event"),
        purpose=_("Organising the event: your registration, the waiting list, your ticket "
                  "and the check-in at the entrance."),
        data=[_("your name and e-mail address, the number of persons you register"),
              _("whether you need a sign-language interpreter and other accessibility needs "
                "you name (this may be health data, Art. 9 GDPR: give it only if you want "
                "us to take it into account)"),
              _("the time your ticket was checked in"),
              _("the link to your citizen account, if you register signed in")],
        legal_basis=LegalBasis.CONSENT,
        recipients=[STAFF, _("the helpers at the entrance (names for the check-in)")],
        retention_types=["event_registrations"],
        flags={c.NAMED, c.EMAIL, c.FREE_TEXT, c.ACCOUNT})


def describe_live_vote(authority, procedure) -> c.Collection:
    return c.Collection(
        module_name=_("Live voting"),
        purpose=_("Counting the votes during the meeting and publishing the results."),
        data=[_("your votes and short answers, without your name"),
              _("a random device code in a cookie (stored only as a hash), so each phone "
                "votes once per question")],
        legal_basis=LegalBasis.CONSENT, recipients=[STAFF],
        flags={c.FREE_TEXT}, personal_data=False)


def _registrations_due(authority, cutoff):
    from participation.events.models import Registration

    return (Registration.objects.filter(event__authority=authority, event__ends_at__lte=cutoff)
            .filter(~Q(name="") | ~Q(email="") | ~Q(accessibility_needs="")
                    | Q(account__isnull=False) | Q(needs_sign_language=True)))


def anonymise_registrations(registrations) -> int:
    from participation.events.models import Registration

    pks = list(registrations.values_list("pk", flat=True))
    with transaction.atomic():
        Registration.objects.filter(pk__in=pks).update(
            name="", email="", accessibility_needs="", needs_sign_language=False, account=None)
    return len(pks)


def register() -> None:
    from django.apps import apps

    if apps.is_installed("participation.events"):
        c.register("events", describe_event)
        data_types.register(data_types.DataType(
            "event_registrations", _("Registrations for events (name, e-mail, needs)"), 3,
            _("after the event ended"),
            _("anonymised; the number of registrations, persons and check-ins stays"),
            _registrations_due, anonymise_registrations, order=88))
    if apps.is_installed("participation.livevoting"):
        c.register("livevoting", describe_live_vote)
