"""Survey responses as citizen contributions ("Meine Beiträge", accounts_citizen): listed with
the survey and whether they are submitted. When the account is deleted the answers stay (they
are counted in the results) without the link to the account."""

from uuid import UUID

from django.utils.translation import gettext, gettext_lazy

from accounts_citizen.contributions.registry import ContributionRow

from .models import Response


class SurveyContributions:
    key = "survey"
    label = gettext_lazy("Survey response")

    def rows(self, uids: list[UUID]):
        responses = Response.objects.filter(uid__in=uids).select_related("survey__authority")
        for response in responses:
            yield ContributionRow(
                uid=response.uid, kind_label=str(self.label),
                title=f"{response.survey.title} – {response.survey.authority.name}",
                reference="",
                status=gettext("draft") if response.is_draft else gettext("submitted"),
                status_key="",
                submitted_at=response.submitted_at or response.created_at,
            )

    def forget_person(self, uids: list[UUID]) -> None:
        Response.objects.filter(uid__in=uids).update(account=None)
