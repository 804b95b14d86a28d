"""The worker's settings, read lazily with their defaults (docs/deploy.md, "Task worker")."""

from django.conf import settings

DEFAULTS = {
    # How often a worker refreshes its heartbeat row.
    "PORTAL_TASK_HEARTBEAT_SECONDS": 10,
    # A worker not seen for this long is dead; its running tasks are recovered.
    "PORTAL_TASK_LEASE_SECONDS": 60,
    # Tasks claimed by a worker without heartbeat (plain `db_worker`) count as abandoned when
    # they have been running this long.
    "PORTAL_TASK_MAX_RUNTIME_SECONDS": 6 * 3600,
    # How often each worker looks for abandoned tasks.
    "PORTAL_TASK_RECOVERY_SECONDS": 30,
    # Claims of one task (first run + retries) before it is given up and failed.
    "PORTAL_TASK_MAX_ATTEMPTS": 5,
    # Reconnecting after a database outage: first and longest wait.
    "PORTAL_TASK_RECONNECT_MIN_SECONDS": 0.5,
    "PORTAL_TASK_RECONNECT_MAX_SECONDS": 30.0,
}


def option(name: str):
    return getattr(settings, name, DEFAULTS[name])
