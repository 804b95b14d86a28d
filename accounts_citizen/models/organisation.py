"""Organisations with citizen accounts: associations, companies, citizens' initiatives and
public agencies (TöB). Members contribute on behalf of their organisation; an organisation that
is a public agency sees the invitations of the agencies linked to it (docs/accounts.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("association")
    COMPANY = "company", _("company")
    INITIATIVE = "initiative", _("citizens' initiative")
    PUBLIC_AGENCY = "public_agency", _("public agency (Träger öffentlicher Belange)")
    OTHER = "other", _("other organisation")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationRole(models.TextChoices):
    ADMIN = "admin", _("administrator")
    MEMBER = "member", _("member")


class OrganisationMember(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="organisation_memberships")
    role = models.CharField(_("role"), max_length=10, choices=OrganisationRole.choices,
                            default=OrganisationRole.MEMBER)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("member of an organisation")
        verbose_name_plural = _("members of organisations")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"],
                                               name="organisation_member_once")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.organisation}"


class OrganisationAgency(models.Model):
    """A public agency of an authority's register (planning.Agency) that this organisation
    speaks for: its invitations to §4 BauGB phases are listed on the organisation's page."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="agency_links")
    agency = models.ForeignKey("planning.Agency", on_delete=models.CASCADE,
                               related_name="organisation_links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, related_name="+")
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)

    class Meta:
        verbose_name = _("public agency of an organisation")
        verbose_name_plural = _("public agencies of organisations")
        constraints = [models.UniqueConstraint(fields=["organisation", "agency"],
                                               name="organisation_agency_once")]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.agency_id}"
