"""The tenant (Mandant): a public authority with its own portal, staff and data."""

from django.conf import settings
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import keys, modules
from ..embedding.origins import stored_origins, validate_origins
from ..slugs import validate_not_reserved
from .fields import HttpsURLField
from .querysets import AuthorityQuerySet


class AuthorityKind(models.TextChoices):
    STATE = "state", _("State (Land)")
    DISTRICT = "district", _("District (Landkreis)")
    MUNICIPALITY = "municipality", _("Municipality (Gemeinde)")
    OTHER = "other", _("Other public body")


colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, for example #005A9C.")
)


class Authority(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("address in the portal"),
        max_length=80,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("The authority's portal is at /<address>/."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AuthorityKind.choices)
    ags = models.CharField(
        _("AGS (Amtlicher Gemeindeschlüssel)"),
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        validators=[keys.validate_ags],
    )
    ars = models.CharField(
        _("ARS (Amtlicher Regionalschlüssel)"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[keys.validate_ars],
    )
    jurisdiction = models.MultiPolygonField(
        _("jurisdiction"), srid=settings.PORTAL_STORAGE_SRID, null=True, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    logo = models.ImageField(_("logo"), upload_to="authorities/logos/", blank=True)
    colour = models.CharField(
        _("brand colour"), max_length=7, default="#005a9c", validators=[colour_validator]
    )
    enabled_modules = models.JSONField(_("enabled modules"), default=list, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_address = models.TextField(_("postal address"), blank=True)
    website = HttpsURLField(_("website"), blank=True)
    dpo_name = models.CharField(_("data protection officer"), max_length=200, blank=True)
    dpo_email = models.EmailField(_("data protection officer's e-mail"), blank=True)
    embed_origins = models.TextField(
        _("websites that may embed the portal"),
        blank=True,
        validators=[validate_origins],
        help_text=_("One origin per line, e.g. https://www.musterstadt.de (no path). "
                    "Empty: the portal cannot be embedded."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="authority_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:authority-home", kwargs={"authority_slug": self.slug})

    def clean(self) -> None:
        errors = {}
        try:
            keys.validate_keys_match(self.ags, self.ars)
        except ValidationError as exc:
            errors["ars"] = exc
        codes = self.enabled_modules or []
        if not isinstance(codes, list):  # JSON from the admin form may be a number or an object
            codes = [codes]
        unknown = [str(code)[:40] for code in codes
                   if not isinstance(code, str) or modules.get(code) is None]
        if unknown:
            errors["enabled_modules"] = ValidationError(
                _("Unknown module(s): %(codes)s") % {"codes": ", ".join(unknown)}
            )
        if self.parent_id and self.pk:
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    errors["parent"] = ValidationError(
                        _("An authority cannot be its own parent or ancestor.")
                    )
                    break
                ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)

    @property
    def embed_origin_list(self) -> list[str]:
        """The origins allowed to frame the embeddable pages (CSP frame-ancestors)."""
        return stored_origins(self.embed_origins)

    def has_module(self, code: str) -> bool:
        return code in (self.enabled_modules or [])
