"""A running background worker, as seen by its heartbeat (portal.worker.heartbeat)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskWorker(models.Model):
    """One `manage.py run_worker` process. `seen_at` is refreshed every few seconds while it
    lives, also during a long task; a worker not seen for the lease is dead, and the tasks it
    claimed are recovered (portal.worker.recovery)."""

    worker_id = models.CharField(_("worker id"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), default=0)
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"
