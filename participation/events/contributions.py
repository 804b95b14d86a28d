"""Event registrations under "Meine Beiträge" (accounts_citizen), with their status. When the
account is deleted, the registration keeps its place but loses the account, name and e-mail."""

from uuid import UUID

from django.utils.translation import gettext_lazy

from accounts_citizen.contributions.registry import ContributionRow

from .models import Registration
from .tokens import registration_key


class RegistrationContributions:
    key = "event_registration"
    label = gettext_lazy("Event registration")

    def rows(self, uids: list[UUID]):
        from django.urls import reverse

        for registration in Registration.objects.filter(uid__in=uids).select_related(
                "event__authority"):
            event = registration.event
            yield ContributionRow(
                uid=registration.uid, kind_label=str(self.label),
                title=f"{event.title} – {event.authority.name}", reference="",
                status=str(registration.get_status_display()), status_key=registration.status,
                submitted_at=registration.created_at,
                receipt_url=reverse("events:registration",
                                    args=[event.authority.slug, registration_key(registration)]))

    def forget_person(self, uids: list[UUID]) -> None:
        Registration.objects.filter(uid__in=uids).update(account=None, name="", email="")
