"""The incident reports' privacy notice (a module notice of the authority): shown at the
report form's consent box, the report stores the version accepted, a stale one is refused."""

import pytest

from dataprotection.models import NoticeAcceptance
from dataprotection.notice import Scope, accepted_version, publish
from participation.incidents.models import IncidentReport

from ..incidents.conftest import area  # noqa: F401
from ..incidents.test_pages import form_data, post

pytestmark = pytest.mark.django_db


def test_report_form_shows_the_notice_and_the_report_stores_the_version(client, area):  # noqa: F811
    west = area["west"]
    html = client.get("/westdorf/meldungen/neu/").content.decode()
    assert 'name="privacy_notice_version"' not in html  # no notice: the module's own text
    version = publish(Scope.of_module(west, "incidents"), text_de="Hinweis zu Meldungen.",
                      text_en="Notice on reports.", legal_basis="public_task")
    html = client.get("/westdorf/meldungen/neu/").content.decode()
    at = html.index('id="privacy-notice-text"')
    assert "Hinweis zu Meldungen." in html[at:] and html.index('name="privacy"') > at
    assert 'name="privacy_notice_version" value="1"' in html
    stale = post(client, area, form_data(area, privacy_notice_version="0"))
    assert stale.status_code == 400 and IncidentReport.objects.count() == 0
    response = post(client, area, form_data(area, privacy_notice_version="1"))
    assert response.status_code == 302
    assert accepted_version(IncidentReport.objects.get()) == version
    assert NoticeAcceptance.objects.count() == 1
