"""50 parallel votes with one device token count once (SECURITY.md D1), on PostgreSQL with a
connection per thread: the unique constraint (question, device) decides, not a read before the
write."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection, connections
from django.test import Client

from participation.livevoting import codes, services
from participation.livevoting.models import QuestionType, Vote

from .test_voting import vote_url
from .world import make_session, question

pytestmark = pytest.mark.django_db(transaction=True)
VOTES = 50
WORKERS = 10


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL: SQLite (SpatiaLite) locks the whole "
                    "database per write, so the requests would not run in parallel at all")


def test_fifty_parallel_votes_with_one_device_token_count_once(postgres_only, towns):
    session = make_session(towns["on"])
    single = question(session, QuestionType.SINGLE)
    services.open_question(single)
    token = codes.new_device_token()
    barrier = Barrier(WORKERS)

    def vote(number: int) -> int:
        try:
            if number < WORKERS:
                barrier.wait(timeout=30)  # the first ten start together
            client = Client()
            client.cookies["livevoting_device"] = token
            return client.post(vote_url(session), {"question": single.pk,
                                                   "choice": str(number % 3)}).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(WORKERS) as pool:
        statuses = list(pool.map(vote, range(VOTES)))
    assert sorted(set(statuses)) == [302, 409]
    assert statuses.count(302) == 1 and statuses.count(409) == VOTES - 1
    assert Vote.objects.filter(question=single).count() == 1
    assert Vote.objects.get().device == codes.device_hash(token)


def test_fifty_parallel_votes_through_the_service_store_one(postgres_only, towns):
    session = make_session(towns["on"])
    scale = question(session, QuestionType.SCALE)
    services.open_question(scale)
    token = codes.new_device_token()

    def vote(number: int) -> bool:
        try:
            services.cast_vote(question=scale, device_token=token,
                               data={"choice": [str(1 + number % 5)]})
            return True
        except services.AlreadyVoted:
            return False
        finally:
            connections.close_all()

    with ThreadPoolExecutor(WORKERS) as pool:
        outcomes = list(pool.map(vote, range(VOTES)))
    assert outcomes.count(True) == 1
    assert Vote.objects.filter(question=scale).count() == 1
