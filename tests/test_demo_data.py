import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from planning.models import ParticipationDefaults, PrivacyNotice, Statement, StatementSettings
from portal.models import Authority, Membership

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_and_valid(capsys):
    with override_settings(DEBUG=True):
        call_command("demo_data")
        first = (Authority.objects.count(), Membership.objects.count())
        call_command("demo_data")
    assert (Authority.objects.count(), Membership.objects.count()) == first == (5, 5)
    assert PrivacyNotice.objects.count() == 5 and StatementSettings.objects.count() == 1
    [defaults] = ParticipationDefaults.objects.all()
    assert defaults.authority.slug == "musterstadt" and "Verkehr" in defaults.topics
    assert Statement.objects.count() == 2
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/musterstadt/" in out and "planerin" in out
    for authority in Authority.objects.all():
        authority.full_clean()
        assert authority.jurisdiction.valid and authority.jurisdiction.srid == 25832
    town = Authority.objects.get(slug="musterstadt")
    from participation.events.models import Event, RegistrationStatus

    [event] = Event.objects.all()
    assert event.authority == town and town.has_module("events")
    assert event.starts_at > event.created_at and event.procedure.kind == "event"
    statuses = sorted(event.registrations.values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 3
    assert statuses.count(RegistrationStatus.WAITING) == 1
    assert town.parent.slug == "landkreis-beispielkreis"
    assert town.parent.parent.slug == "musterland"


def test_demo_data_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_data")
    assert Authority.objects.count() == 0
