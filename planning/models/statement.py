"""Statements (Stellungnahmen): located, dated submissions in a participation phase."""

import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _


class SubmitterKind(models.TextChoices):
    PUBLIC = "public", _("member of the public")
    AGENCY = "agency", _("public agency (Träger öffentlicher Belange)")


class Channel(models.TextChoices):
    ONLINE = "online", _("online in the portal")
    LETTER = "letter", _("letter")
    EMAIL = "email", _("e-mail")
    MINUTES = "minutes", _("in person (Niederschrift)")
    IMPORT = "import", _("imported list")


class ModerationState(models.TextChoices):
    PENDING = "pending", _("not yet checked")
    APPROVED = "approved", _("approved for public display")
    REJECTED = "rejected", _("not displayed")


class Statement(models.Model):
    TENANT_FIELD = "authority"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference number"), max_length=40, editable=False)
    authority = models.ForeignKey(
        "portal.Authority", verbose_name=_("authority"), on_delete=models.PROTECT,
        related_name="statements",
    )
    plan = models.ForeignKey(
        "planning.Plan", verbose_name=_("plan"), on_delete=models.PROTECT, related_name="statements"
    )
    phase = models.ForeignKey(
        "portal.Phase", verbose_name=_("phase"), on_delete=models.PROTECT, related_name="statements"
    )
    submitter_kind = models.CharField(
        _("submitted by"), max_length=10, choices=SubmitterKind.choices, default=SubmitterKind.PUBLIC
    )
    agency = models.ForeignKey(
        "planning.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="statements",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices,
                               default=Channel.ONLINE)
    text = models.TextField(_("statement"))
    no_concerns = models.BooleanField(_("no concerns"), default=False)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    location = models.GeometryField(
        _("location"), srid=settings.PORTAL_STORAGE_SRID, null=True, blank=True
    )
    location_text = models.CharField(_("place (address or description)"), max_length=500,
                                     blank=True)
    plan_feature = models.ForeignKey(
        "portal_gis.Feature", verbose_name=_("plan object"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    document = models.ForeignKey(
        "planning.PlanDocument", verbose_name=_("document"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    document_section = models.CharField(_("section of the document"), max_length=200, blank=True)
    # Personal data (never in public outputs; docs/data-protection.md).
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    privacy_notice = models.ForeignKey(
        "planning.PrivacyNotice", verbose_name=_("data-protection notice accepted"),
        on_delete=models.PROTECT, null=True, blank=True, related_name="+",
    )
    received_at = models.DateTimeField(_("received"), db_index=True)
    is_late = models.BooleanField(_("late"), default=False)
    moderation = models.CharField(_("public display"), max_length=10,
                                  choices=ModerationState.choices, default=ModerationState.PENDING)
    public_text = models.TextField(_("text for public display"), blank=True)
    group = models.ForeignKey("planning.StatementGroup", verbose_name=_("group"),
                              on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="statements")
    text_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    receipt_sent_at = models.DateTimeField(_("receipt e-mail sent"), null=True, blank=True)
    # Too many receipts to this address recently (PORTAL_RATE_LIMITS "receipt-mail-address"):
    # the statement is accepted, the receipt is shown on the page, no e-mail is sent.
    receipt_mail_withheld = models.BooleanField(_("receipt e-mail withheld"), default=False)
    idempotency_key = models.UUIDField(_("idempotency key"), null=True, blank=True, editable=False)
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-received_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "reference"], name="statement_reference_unique"),
            models.UniqueConstraint(fields=["authority", "idempotency_key"],
                                    name="statement_idempotency_unique"),
        ]
        indexes = [models.Index(fields=["plan", "phase"])]

    def __str__(self) -> str:
        return self.reference


def attachment_path(instance, filename: str) -> str:
    return f"private/statements/{instance.statement.authority_id}/{instance.uid}"


class StatementAttachment(models.Model):
    TENANT_FIELD = "statement__authority"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    file_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.BigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.file_name


class CoSignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class CoSignature(models.Model):
    """Mitzeichnung of a publicly displayed statement. Pending until the co-signer opens the
    link in the confirmation e-mail; only confirmed ones count, are shown and are told the
    result (planning/services/cosigning.py)."""

    TENANT_FIELD = "statement__authority"

    objects = CoSignatureQuerySet.as_manager()

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="cosignatures")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-signature")
        verbose_name_plural = _("co-signatures")
        constraints = [
            models.UniqueConstraint(fields=["statement", "email"], name="one_cosignature_per_email")
        ]

    def __str__(self) -> str:
        return f"{self.statement} – {self.name}"


class ReferenceCounter(models.Model):
    """Per authority and year: the last number handed out (locked row, no gaps by retries)."""

    authority = models.ForeignKey("portal.Authority", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "year"], name="one_counter_per_year")
        ]
