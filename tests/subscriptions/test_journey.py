"""Subscribe, confirm, notices from the command, one-click unsubscribe: through HTTP."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from participation.subscriptions.models import Delivery, Subscription
from planning.models import ResultRelease
from planning.services.phases import schedule_phase

from .conftest import OPENED, UNSUBSCRIBE_LINK, confirm_from_mail, subscribe, subscribed

pytestmark = pytest.mark.django_db


def _notices():
    call_command("send_subscription_notices", verbosity=0)
    return list(mail.outbox)


def test_subscribe_sends_a_confirmation_and_nothing_counts_before_it(client, world, clock):
    page = client.get("/benachrichtigungen/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'for="id_email"' in html and 'for="id_latitude"' in html and 'for="id_municipality"' in html
    response = subscribe(client, area_kind="municipality", municipality="innenstadt")
    assert response.status_code == 302
    assert response["Location"] == "/benachrichtigungen/gesendet/"
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.area.intersects(world["plan_in"].area)
    [message] = mail.outbox
    assert message.to == ["erika@example.org"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/benachrichtigungen/abmelden/")
    # The tokens are not stored in clear.
    path = message.body.split("/benachrichtigungen/bestaetigen/")[1].split("/")[0]
    assert path not in (subscription.confirm_token_hash, subscription.unsubscribe_token_hash)
    # Pending: an opened phase sends nothing.
    schedule_phase(plan=world["plan_in"], kind="baugb_3_1", start_date=date(2026, 9, 2),
                   end_date=date(2026, 10, 2))
    mail.outbox.clear()
    clock.move_to(OPENED)
    assert _notices() == []


def _page(client, path) -> str:
    text = client.get(path).content.decode()
    return re.sub(r'(nonce="|name="csrfmiddlewaretoken" value=")[^"]*"', "", text)


def test_the_same_answer_for_a_known_address(client, world):
    first = subscribe(client, area_kind="municipality", municipality="innenstadt")
    confirm_from_mail(client, mail.outbox[0])
    second = subscribe(client, area_kind="municipality", municipality="innenstadt")
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert _page(client, second["Location"]) == _page(client, first["Location"])
    assert len(mail.outbox) == 2


def test_confirm_link_needs_a_button_and_confirms_once(client, world):
    subscribe(client, area_kind="municipality", municipality="innenstadt")
    path = mail.outbox[0].body.split("http://testserver")[1].split()[0]
    assert path.startswith("/benachrichtigungen/bestaetigen/")
    page = client.get(path)
    assert page.status_code == 200 and b'method="post"' in page.content
    assert Subscription.objects.get().confirmed_at is None  # a link scanner confirms nothing
    assert client.post(path).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None
    again = client.post(path)
    assert again.status_code == 200
    assert client.get("/benachrichtigungen/bestaetigen/" + "Q" * 43 + "/").status_code == 404


def test_unconfirmed_link_expires(client, world, clock):
    subscribe(client, area_kind="municipality", municipality="innenstadt")
    path = mail.outbox[0].body.split("http://testserver")[1].split()[0]
    clock.shift(timedelta(days=8))
    assert client.get(path).status_code == 404
    call_command("send_subscription_notices", verbosity=0)
    assert not Subscription.objects.exists()


def test_phase_inside_sends_one_notice_outside_none_second_run_none(client, world, clock):
    clock.shift(timedelta(hours=1))
    subscribed(client, area_kind="municipality", municipality="innenstadt")
    schedule_phase(plan=world["plan_in"], kind="baugb_3_1", start_date=date(2026, 9, 2),
                   end_date=date(2026, 10, 2))
    schedule_phase(plan=world["plan_out"], kind="baugb_3_1", start_date=date(2026, 9, 2),
                   end_date=date(2026, 10, 2))
    # A phase only for public agencies is no public event.
    schedule_phase(plan=world["plan_in"], kind="baugb_4_1", start_date=date(2026, 9, 2),
                   end_date=date(2026, 10, 2))
    assert _notices() == []  # not opened yet
    clock.move_to(OPENED)
    [message] = _notices()
    assert "B-Plan Marktplatz" in message.subject
    assert "B-Plan Feldweg" not in message.body
    assert f"/innenstadt/plaene/{world['plan_in'].uid}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert UNSUBSCRIBE_LINK.search(message.body)
    mail.outbox.clear()
    assert _notices() == []  # a second run sends nothing
    assert Delivery.objects.count() == 1


def test_radius_around_a_point(client, world, clock):
    from .conftest import lon_lat

    clock.shift(timedelta(hours=1))
    lon, lat = lon_lat(501_200, 5_651_200)  # in the inside plan
    subscribed(client, area_kind="point", latitude=f"{lat:.6f}", longitude=f"{lon:.6f}",
               radius="100")
    far_lon, far_lat = lon_lat(502_500, 5_652_500)  # in the inside municipality, 1.5 km away
    subscribed(client, area_kind="point", latitude=f"{far_lat:.6f}", longitude=f"{far_lon:.6f}",
               radius="100", email="max@example.org")
    schedule_phase(plan=world["plan_in"], kind="baugb_3_1", start_date=date(2026, 9, 2),
                   end_date=date(2026, 10, 2))
    clock.move_to(OPENED)
    [message] = _notices()
    assert message.to == ["erika@example.org"]


def test_drawn_polygon(client, world, clock):
    from .conftest import lon_lat

    clock.shift(timedelta(hours=1))
    corners = [lon_lat(x, y) for x, y in ((500_900, 5_650_900), (501_500, 5_650_900),
                                          (501_500, 5_651_500), (500_900, 5_651_500))]
    ring = [*corners, corners[0]]
    drawn = '{"type": "Polygon", "coordinates": [%s]}' % (
        "[" + ", ".join(f"[{x}, {y}]" for x, y in ring) + "]")
    subscribed(client, area_kind="drawn", drawn=drawn)
    schedule_phase(plan=world["plan_in"], kind="baugb_3_1", start_date=date(2026, 9, 2),
                   end_date=date(2026, 10, 2))
    clock.move_to(OPENED)
    assert len(_notices()) == 1


def test_published_result_is_a_notice_of_its_topic_only(client, world, clock):
    clock.shift(timedelta(hours=1))
    subscribed(client, area_kind="municipality", municipality="innenstadt", topics=["results"])
    schedule_phase(plan=world["plan_in"], kind="baugb_3_1", start_date=date(2026, 9, 2),
                   end_date=date(2026, 10, 2))
    clock.move_to(OPENED)
    assert _notices() == []  # procedures not chosen
    ResultRelease.objects.create(plan=world["plan_in"], released_at=OPENED, publish=True)
    ResultRelease.objects.create(plan=world["plan_out"], released_at=OPENED, publish=True)
    clock.shift(timedelta(minutes=5))
    [message] = _notices()
    assert f"/innenstadt/plaene/{world['plan_in'].uid}/ergebnis/" in message.body


def test_daily_digest(client, world, clock):
    clock.shift(timedelta(hours=1))
    subscribed(client, area_kind="municipality", municipality="innenstadt", frequency="daily")
    schedule_phase(plan=world["plan_in"], kind="baugb_3_1", start_date=date(2026, 9, 2),
                   end_date=date(2026, 10, 2))
    ResultRelease.objects.create(plan=world["plan_in"], released_at=OPENED, publish=True)
    clock.move_to(OPENED + timedelta(minutes=5))
    assert _notices() == []  # collected
    call_command("send_subscription_notices", "--digests", verbosity=0)
    [digest] = mail.outbox
    assert "B-Plan Marktplatz" in digest.body and "/ergebnis/" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mail.outbox.clear()
    call_command("send_subscription_notices", "--digests", verbosity=0)
    assert mail.outbox == []


def test_one_click_unsubscribe_without_session_or_csrf(client, world):
    subscribed(client, area_kind="municipality", municipality="innenstadt")
    subscribe(client, area_kind="municipality", municipality="innenstadt")
    path = UNSUBSCRIBE_LINK.search(mail.outbox[0].body).group(1)
    page = Client().get(path)
    assert page.status_code == 200 and b'method="post"' in page.content
    assert Subscription.objects.count() == 2
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(path, "List-Unsubscribe=One-Click",
                                content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert mail_client.get(response["Location"]).status_code == 200
    assert Subscription.objects.count() == 1  # only the other subscription is left
    again = mail_client.post(path, "List-Unsubscribe=One-Click",
                             content_type="application/x-www-form-urlencoded")
    assert again.status_code == 302
    assert Client().get(path).status_code == 404


def test_links_pages_are_not_stored_by_caches(client, world):
    subscribe(client, area_kind="municipality", municipality="innenstadt")
    body = mail.outbox[0].body
    for path in (body.split("http://testserver")[1].split()[0],
                 UNSUBSCRIBE_LINK.search(body).group(1)):
        assert "no-store" in client.get(path)["Cache-Control"]


def test_a_failed_send_is_retried_by_the_next_run(client, world, clock, settings):
    from django.core.management.base import CommandError

    clock.shift(timedelta(hours=1))
    subscribed(client, area_kind="municipality", municipality="innenstadt")
    schedule_phase(plan=world["plan_in"], kind="baugb_3_1", start_date=date(2026, 9, 2),
                   end_date=date(2026, 10, 2))
    clock.move_to(OPENED)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with pytest.raises(CommandError):
        call_command("send_subscription_notices", verbosity=0)
    assert not Delivery.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert len(_notices()) == 1


def test_an_event_another_run_took_is_not_sent_again(client, world, clock):
    clock.shift(timedelta(hours=1))
    subscribed(client, area_kind="municipality", municipality="innenstadt")
    phase = schedule_phase(plan=world["plan_in"], kind="baugb_3_1", start_date=date(2026, 9, 2),
                           end_date=date(2026, 10, 2))
    clock.move_to(OPENED)
    # What a concurrent run holds: the row exists, its e-mail is on its way.
    Delivery.objects.create(subscription=Subscription.objects.get(), topic="procedures",
                            event_key=f"phase-opened:{phase.pk}:2026-09-02", title="x", url="/",
                            happened_at=OPENED)
    assert _notices() == []


def test_address_and_radius_through_the_local_address_index(client, world, clock):
    from django.contrib.gis.geos import Point

    from gis.srid import storage_srid
    from portal.addresses import number_key, street_key
    from portal.models import Address

    Address.objects.create(street="Marktstraße", housenumber=number_key("3"), postcode="01234",
                           city="Innenstadt", street_key=street_key("Marktstraße"),
                           location=Point(501_200, 5_651_200, srid=storage_srid()))
    assert b'value="address"' in client.get("/benachrichtigungen/").content
    clock.shift(timedelta(hours=1))
    subscribed(client, area_kind="address", address="Marktstraße 3, 01234 Innenstadt",
               radius="100")
    assert Subscription.objects.get().area_label.startswith("100 m")
    refused = subscribe(client, area_kind="address", address="Nirgendwo 1")
    assert refused.status_code == 400 and not Subscription.objects.filter(
        confirmed_at__isnull=True).exists()
    schedule_phase(plan=world["plan_in"], kind="baugb_3_1", start_date=date(2026, 9, 2),
                   end_date=date(2026, 10, 2))
    clock.move_to(OPENED)
    assert len(_notices()) == 1
