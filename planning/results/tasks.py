"""Background task: the result e-mails of a plan, sent after the release is committed."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .delivery import deliver_pending_emails

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


class ResultMailFailed(Exception):
    """Raised by the last attempt: the task result records the failure (django_tasks_db)."""


@task(queue_name="default")
def send_result_emails(plan_id: int, base_url: str = "", attempt: int = 1) -> dict:
    """Send every pending result e-mail of the plan; retry the refused ones with a growing
    delay (2, 4, 8 … minutes); the last attempt fails loudly so the failure is recorded."""
    outcome = deliver_pending_emails(plan_id=plan_id, base_url=base_url)
    report = outcome.as_dict() | {"attempt": attempt}
    if outcome.failed:
        if attempt < MAX_ATTEMPTS and send_result_emails.get_backend().supports_defer:
            send_result_emails.using(
                run_after=timezone.now() + timedelta(minutes=2 ** attempt)
            ).enqueue(plan_id, base_url, attempt + 1)
            logger.warning("%s result mails of plan %s failed; retry %s queued",
                           outcome.failed, plan_id, attempt + 1)
        else:
            raise ResultMailFailed(
                f"{outcome.failed} result e-mails of plan {plan_id} could not be sent "
                f"after {attempt} attempts")
    return report
