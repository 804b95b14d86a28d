"""Response templates: texts an authority's staff reuse as public answers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResponseTemplate(models.Model):
    authority = models.ForeignKey("portal.Authority", on_delete=models.CASCADE,
                                  related_name="incident_response_templates")
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=5000)

    class Meta:
        verbose_name = _("response template")
        verbose_name_plural = _("response templates")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
