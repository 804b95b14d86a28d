"""Incident reports as citizen contributions ("Meine Beiträge", accounts_citizen): listed with
reference and status; a status change is mailed like that of a statement. When the account is
deleted, the report stays (the authority handles the place, not the person) without the
reporter's name, e-mail and phone."""

from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts_citizen.contributions.registry import ContributionRow

from .models import IncidentReport


class IncidentContributions:
    key = "incident"
    label = gettext_lazy("Incident report")

    def rows(self, uids: list[UUID]):
        reports = IncidentReport.objects.filter(uid__in=uids).select_related("category",
                                                                             "authority")
        for report in reports:
            yield ContributionRow(
                uid=report.uid, kind_label=str(self.label),
                title=f"{report.category.name} – {report.authority.name}",
                reference=report.reference, status=str(report.get_status_display()),
                status_key=report.status, submitted_at=report.created_at,
                receipt_url=reverse("incidents:detail",
                                    args=[report.authority.slug, report.reference]),
            )

    def forget_person(self, uids: list[UUID]) -> None:
        IncidentReport.objects.filter(uid__in=uids).update(
            reporter_name="", reporter_email="", reporter_phone="", fingerprint="")
