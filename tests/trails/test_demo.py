"""The demo trail of Beispieldorf: a warden with a section that holds a report and a signpost."""

import pytest
from django.test import override_settings

from fixtures.demo import load_demo_data
from participation.trails import selectors
from participation.trails.models import Trail, Warden

pytestmark = pytest.mark.django_db


def test_demo_warden_sees_a_report_and_a_signpost(client):
    with override_settings(DEBUG=True):
        load_demo_data()
        load_demo_data()  # idempotent
    trail = Trail.objects.get()
    assert 4500 < trail.length_m < 5500 and trail.sections.count() == 2
    warden = Warden.objects.get()
    assert len(selectors.warden_reports(warden)) == 1
    assert len(selectors.warden_signposts(warden)) >= 1
    client.force_login(warden.user)
    assert client.get("/wegewart/beispieldorf/").status_code == 200
    assert client.get(f"/beispieldorf/wege/{trail.pk}/").status_code == 200
