import pytest
from django.core.management import call_command


@pytest.fixture
def run_worker():
    """Run the real database task worker until the queue is empty.

    The worker closes database connections between tasks, so tests that use it must be
    transactional (pytest.mark.django_db(transaction=True)).
    """

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*",
                     "--verbosity", "0")

    return run


@pytest.fixture
def queue_upload(run_worker):
    """Call a layer-creating service (its enqueue runs on commit), then run the worker."""

    def queue(service, **kwargs):
        layer = service(**kwargs)
        run_worker()
        layer.refresh_from_db()
        return layer

    return queue
