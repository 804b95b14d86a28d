"""Statements (planning) as citizen contributions: listed with reference and status; on
deletion of the account kept, but without the person's details (a statement is part of the
procedure's record: the authority must weigh it, and the weighing refers to it)."""

from uuid import UUID

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planning.models import Statement

from .registry import ContributionRow

PERSONAL_FIELDS = ("name", "organisation", "street", "postcode", "city", "email")


RUNNING, WEIGHING, RELEASED = "running", "weighing", "released"


def statement_status_key(statement: Statement, now=None) -> str:
    now = now or timezone.now()
    release = getattr(statement.plan, "result_release", None)
    if release is not None and release.released_at <= now:
        return RELEASED
    if statement.phase.is_open(now):
        return RUNNING
    return WEIGHING


def status_label(key: str) -> str:
    return {RUNNING: _("received, participation running"),
            WEIGHING: _("received, being weighed"),
            RELEASED: _("result released")}[key]


class StatementContributions:
    key = "statement"
    label = gettext_lazy("Statement")

    def rows(self, uids: list[UUID]):
        statements = (Statement.objects.filter(uid__in=uids)
                      .select_related("plan", "phase", "plan__result_release"))
        now = timezone.now()
        for statement in statements:
            key = statement_status_key(statement, now)
            yield ContributionRow(
                uid=statement.uid, kind_label=str(self.label), title=statement.plan.name,
                reference=statement.reference, status=status_label(key), status_key=key,
                submitted_at=statement.received_at,
                receipt_url=reverse("accounts_citizen:statement-receipt",
                                    args=[statement.uid]),
            )

    def forget_person(self, uids: list[UUID]) -> None:
        Statement.objects.filter(uid__in=uids).update(
            is_anonymous=True, fingerprint="", **dict.fromkeys(PERSONAL_FIELDS, ""))
