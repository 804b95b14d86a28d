"""Incident reports of a signed-in citizen: prefilled contact, listed under "Meine Beiträge",
status changes mailed by send_citizen_notifications, anonymised when the account is deleted."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from participation.incidents.models import IncidentReport
from participation.incidents.services.status import change_status

from ..accounts.conftest import PASSWORD, citizen, signed_in  # noqa: F401 (fixtures)
from .test_pages import form_data, post

pytestmark = pytest.mark.django_db


def test_signed_in_report_is_prefilled_listed_and_mailed_on_status_change(client, area,
                                                                         signed_in):  # noqa: F811
    form = client.get("/westdorf/meldungen/neu/").content.decode()
    assert f'value="{signed_in.email}"' in form
    response = post(client, area, form_data(area, email=signed_in.email))
    assert response.status_code == 302
    report = IncidentReport.objects.get()
    page = client.get(reverse("accounts_citizen:contributions")).content.decode()
    assert report.reference in page and "Schlagloch" in page
    mail.outbox.clear()
    call_command("send_citizen_notifications", stdout=StringIO())
    assert mail.outbox == []  # nothing changed yet
    change_status(report=report, status="closed", public_answer="Geflickt.")
    mail.outbox.clear()  # the module's own answer to the reporter
    call_command("send_citizen_notifications", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [[signed_in.email]]
    assert report.reference in mail.outbox[0].body or report.reference in mail.outbox[0].subject
    call_command("send_citizen_notifications", stdout=StringIO())
    assert len(mail.outbox) == 1  # once per change


def test_a_visitors_report_is_linked_to_nobody(client, area, citizen):  # noqa: F811
    post(client, area, form_data(area, email="gast@example.org"))
    client.post(reverse("account_login"), {"login": citizen.email, "password": PASSWORD})
    page = client.get(reverse("accounts_citizen:contributions")).content.decode()
    assert IncidentReport.objects.get().reference not in page


def test_deleting_the_account_keeps_the_report_without_the_reporter(client, area, signed_in):  # noqa: F811
    post(client, area, form_data(area, email=signed_in.email, name="Erika Muster",
                                 phone="0351 123"))
    response = client.post(reverse("accounts_citizen:delete"),
                           {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    report = IncidentReport.objects.get()
    assert (report.reporter_name, report.reporter_email, report.reporter_phone) == ("", "", "")
    assert report.description == "Tiefes Schlagloch vor dem Haus"
