"""Parallel use of one invitation code on PostgreSQL, each thread with its own connection:
50 starts and submissions with one code make one response, submitted once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.http import QueryDict

from participation.surveys import services
from participation.surveys.models import Response

from .world import make_survey, make_token

pytestmark = pytest.mark.django_db(transaction=True)
WORKERS = 10


def _take_part(survey, code):
    try:
        token = services.token_for(survey, code)
        response = services.start_response(survey, token=token)
        first = survey.questions.get(order=1)
        try:
            services.save_page(response, 1, QueryDict(f"q{first.pk}=ja"))
        except services.AlreadySubmitted:
            return response.pk, False
        return response.pk, services.submit(response)
    finally:
        connections.close_all()


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")


def test_fifty_submissions_with_one_code_make_one_response(postgres_only, towns):
    survey = make_survey(towns["on"], participation="token")
    survey.questions.exclude(order=1).update(required=False)
    make_token(survey)
    with ThreadPoolExecutor(WORKERS) as pool:
        outcomes = list(pool.map(lambda _i: _take_part(survey, "EINLADUNG-1"), range(50)))
    assert len({pk for pk, _ok in outcomes}) == 1
    assert sum(ok for _pk, ok in outcomes) == 1
    assert Response.objects.filter(survey=survey).count() == 1
    assert not Response.objects.get(survey=survey).is_draft
