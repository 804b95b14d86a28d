"""Account mode: sign-in required, one response per account, listed under "Meine Beiträge"."""

import pytest
from django.urls import reverse

from participation.surveys.models import Response

from ..accounts.conftest import PASSWORD, citizen, signed_in  # noqa: F401 (fixtures)
from .helpers import fill_all, start
from .world import make_survey

pytestmark = pytest.mark.django_db


def test_account_survey_needs_sign_in_and_lists_the_response(client, towns, signed_in):  # noqa: F811
    survey = make_survey(towns["on"], title="Kontoumfrage", participation="account")
    assert start(client, survey).status_code == 302
    assert start(client, survey).status_code == 302
    response = Response.objects.get(survey=survey)
    assert response.account == signed_in
    page = client.get(reverse("accounts_citizen:contributions")).content.decode()
    assert "Kontoumfrage" in page
    fill_all(client, survey, response)
    response.refresh_from_db()
    assert not response.is_draft
    assert Response.objects.filter(survey=survey).count() == 1


def test_account_survey_sends_visitors_to_sign_in(client, towns):
    survey = make_survey(towns["on"], participation="account")
    answer = start(client, survey)
    assert answer.status_code == 302 and "login" in answer.url
    assert not Response.objects.exists()
