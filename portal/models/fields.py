"""Model fields shared by the portal's models."""

from django.db import models


class HttpsURLField(models.URLField):
    """A URL field whose form field assumes https:// for addresses typed without a scheme."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)
