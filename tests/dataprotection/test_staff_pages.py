"""The assistant's start page, the retention rules page and the access log through HTTP."""

import pytest
import time_machine
from django.urls import reverse

from dataprotection.models import AccessLogEntry, RetentionRule

from .conftest import AFTER_STATEMENT_RETENTION

pytestmark = pytest.mark.django_db


def test_start_page_lists_the_administered_authority(client, world, town, admin):
    client.force_login(admin)
    page = client.get(reverse("dataprotection:index")).content.decode()
    assert "Musterstadt" in page
    assert reverse("dataprotection:requests", kwargs={"authority_pk": town.pk}) in page
    home = client.get(reverse("portal:staff-home")).content.decode()
    assert reverse("dataprotection:index") in home


def test_retention_page_shows_what_is_due_and_saves_a_rule(client, world, town, admin):
    url = reverse("dataprotection:retention", kwargs={"authority_pk": town.pk})
    with time_machine.travel(AFTER_STATEMENT_RETENTION, tick=False):
        client.force_login(admin)
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Due now: 10" in page or "Jetzt fällig: 10" in page
    response = client.post(url, {"data_type": "statement_submitters", "months": "36",
                                 "is_active": "on"})
    assert response.status_code == 302
    rule = RetentionRule.objects.get(authority=town)
    assert (rule.data_type, rule.months, rule.is_active) == ("statement_submitters", 36, True)
    client.post(url, {"data_type": "unbekannt", "months": "1"})
    assert RetentionRule.objects.count() == 1


def test_exports_of_personal_data_are_logged_for_the_admins(client, world, town, admin):
    from datetime import date

    from dataprotection.register import create_request

    subject_request = create_request(authority=town, kind="access", subject_name="Anna Amsel",
                                     subject_email="", received_on=date(2026, 11, 2), user=admin)
    client.force_login(admin)
    client.get(reverse("dataprotection:request-export-json",
                       kwargs={"request_uid": subject_request.uid}))
    entry = AccessLogEntry.objects.get(what="subject-export")
    assert entry.user == admin and entry.object_reference == subject_request.reference
    page = client.get(reverse("dataprotection:access-log", kwargs={"authority_pk": town.pk}))
    assert subject_request.reference in page.content.decode()


def test_opening_submitter_details_letters_and_lists_is_logged(client, world, town, admin):
    from planning.results.release import release_results

    from ..results.conftest import AFTER, decide_everything

    plan, _phase, s = world
    with time_machine.travel(AFTER, tick=False):
        decide_everything(plan)
        release_results(plan=plan)
        client.force_login(admin)
        for url in (reverse("planning_statements_staff:detail",
                            kwargs={"statement_uid": s["letter_a"].uid}),
                    reverse("planning_statements_staff:detail",
                            kwargs={"statement_uid": s["nobody"].uid}),  # no personal data
                    reverse("planning_statements_staff:export"),
                    reverse("planning_results:letters", kwargs={"plan_uid": plan.uid})):
            response = client.get(url)
            assert response.status_code == 200, url
    logged = list(AccessLogEntry.objects.order_by("pk").values_list("what", "object_reference"))
    assert logged == [("submitter-details", "ST-2026-00004"), ("statement-export", ""),
                      ("letters", "MS-12")]
    client.force_login(admin)
    page = client.get(reverse("dataprotection:access-log", kwargs={"authority_pk": town.pk}),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "result letters" in page or "Ergebnisbriefe" in page
