"""The demo data configures what the statement form and the moderation need: a notice per
authority and the settings of the open publication (a second run adding nothing is proven for
the whole demo data in tests/test_demo_data.py, which counts these too)."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from planning.models import Plan, PrivacyNotice, Statement, StatementSettings
from portal.models import Authority

pytestmark = pytest.mark.django_db


def test_demo_configures_notices_and_the_open_publication(client):
    with override_settings(DEBUG=True):
        call_command("demo_data", stdout=io.StringIO())
    for authority in Authority.objects.all():
        [notice] = PrivacyNotice.objects.filter(authority=authority)
        assert authority.dpo_email in notice.text and authority.name in notice.text
    plan = Plan.objects.get(number="MS-12")
    settings = StatementSettings.objects.get(phase__procedure=plan.procedure,
                                             phase__kind="baugb_3_2")
    assert settings.topics and settings.display_publicly and settings.allow_cosigning
    html = client.get(reverse("planning:statement-form", args=[plan.authority.slug, plan.uid]),
                      HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'id="privacy-notice"' in html and "Art. 6 Abs. 1 Buchst. e DSGVO" in html
    assert "Verkehr" in html
    statements = Statement.objects.filter(plan=plan)
    assert statements.count() == 2
    assert {s.privacy_notice.authority_id for s in statements} == {plan.authority_id}
