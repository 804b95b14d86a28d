from django.db import models
from django.utils import timezone


class PlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, authority__is_active=True)

    def in_force(self):
        return self.filter(status_group="in_force")

    def with_open_participation(self, now=None):
        now = now or timezone.now()
        return self.filter(
            procedure__phases__starts_at__lte=now, procedure__phases__ends_before__gt=now
        ).distinct()

    def with_running_procedure(self, now=None):
        """Plans in preparation whose procedure has a phase not yet closed."""
        now = now or timezone.now()
        return self.filter(
            status_group="in_preparation", procedure__phases__ends_before__gt=now
        ).distinct()
