"""A document of a plan (Begründung, Planzeichnung, Satzung, …) with checksum and size."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..codelists import DocumentType


def document_path(instance, filename: str) -> str:
    # Private like every upload: documents are handed out only by views that check the plan's
    # publication (public) or the user's authority (staff), never by the web server.
    return f"private/plans/{instance.plan.authority_id}/{instance.plan.uid}/documents/{instance.uid}"


class PlanDocument(models.Model):
    TENANT_FIELD = "plan__authority"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        "planning.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("type"), max_length=10, choices=DocumentType.choices)
    title = models.CharField(_("title"), max_length=300)
    # private/plans/<authority pk>/<plan uid>/documents/<uid> is 100 characters from pk 100 on.
    file = models.FileField(_("file"), upload_to=document_path, blank=True, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.BigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    #: A reference to a document that was not uploaded (e.g. an XPlanGML href).
    external_href = models.CharField(_("external reference"), max_length=1000, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")
        ordering = ["order", "kind", "title"]

    def __str__(self) -> str:
        return self.title
