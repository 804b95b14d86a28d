"""Dialogue comments under "Meine Beiträge" (accounts_citizen): listed with the dialogue and
their moderation status. When the account is deleted, the comment stays without its author."""

from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts_citizen.contributions.registry import ContributionRow

from .models import Comment


class CommentContributions:
    key = "dialogue_comment"
    label = gettext_lazy("Dialogue comment")

    def rows(self, uids: list[UUID]):
        comments = Comment.objects.filter(uid__in=uids).select_related("dialogue__authority")
        for comment in comments:
            dialogue = comment.dialogue
            yield ContributionRow(
                uid=comment.uid, kind_label=str(self.label),
                title=f"{dialogue.title} – {dialogue.authority.name}", reference="",
                status=str(comment.get_status_display()), status_key=comment.status,
                submitted_at=comment.created_at,
                receipt_url=reverse("dialogues:detail", args=[dialogue.authority.slug,
                                                              dialogue.uid])
                + f"#kommentar-{comment.uid}")

    def forget_person(self, uids: list[UUID]) -> None:
        Comment.objects.filter(uid__in=uids).update(author=None, guest_name="", guest_email="")
