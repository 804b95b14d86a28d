"""Settings of the web and worker processes of test_database_outage.py: the test settings, with
e-mails written to files (one per message) so the test can count what the worker sent."""

import os

from config.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["OUTAGE_MAIL_DIR"]
PORTAL_TASK_HEARTBEAT_SECONDS = 1
PORTAL_TASK_RECOVERY_SECONDS = 2
PORTAL_TASK_LEASE_SECONDS = 10
PORTAL_TASK_RECONNECT_MAX_SECONDS = 2
