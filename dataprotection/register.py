"""The register of data-subject requests: creation with its deadline, completion."""

from datetime import date

from django.utils import timezone

from . import subjects
from .models import DataSubjectRequest, RequestKind


def one_month_after(day: date) -> date:
    """Art. 12(3) GDPR: one month; the 31st of a shorter month becomes its last day."""
    index = day.year * 12 + day.month  # the next month, zero-based
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def create_request(*, authority, kind: str, subject_name: str, subject_email: str,
                   received_on: date, user) -> DataSubjectRequest:
    subject_request = DataSubjectRequest(
        authority=authority, kind=kind, subject_name=subject_name.strip(),
        subject_email=subject_email.strip(), received_on=received_on,
        deadline=one_month_after(received_on), created_by=user)
    subject_request.full_clean()
    subject_request.save()
    return subject_request


def erase_and_complete(*, subject_request: DataSubjectRequest) -> dict:
    """Anonymise the person's data in the request's authority, then remove the person from
    the register entry too (it keeps its reference, dates and outcome)."""
    counts = subjects.erase([subject_request.authority], name=subject_request.subject_name,
                            email=subject_request.subject_email)
    subject_request.outcome = ", ".join(f"{kind}: {count}" for kind, count in counts.items())
    subject_request.subject_name = ""
    subject_request.subject_email = ""
    subject_request.completed_at = timezone.now()
    subject_request.save()
    return counts


def complete(*, subject_request: DataSubjectRequest, outcome: str = "") -> None:
    if subject_request.kind == RequestKind.ERASURE:
        raise ValueError("an erasure is completed by erase_and_complete")
    subject_request.completed_at = timezone.now()
    subject_request.outcome = outcome
    subject_request.save(update_fields=["completed_at", "outcome"])
