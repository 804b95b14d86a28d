"""Background tasks of the agency part (django-tasks; database queue by default)."""

from django_tasks import task

from .invitations import deliver_invitation
from .reminders import send_reminders


@task(queue_name="default")
def deliver_invitation_task(invitation_id: int, base_url: str, attempt: int = 1) -> str:
    return deliver_invitation(invitation_id, base_url, attempt)


@task(queue_name="default")
def send_agency_reminders_task() -> dict:
    """For a scheduler (cron or a periodic worker): the same as the management command."""
    return send_reminders().as_dict()
