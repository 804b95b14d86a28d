"""gunicorn settings of the portal: `gunicorn -c config/gunicorn.conf.py` (docs/deploy.md).

Every value can be overridden on the command line or by gunicorn's own GUNICORN_CMD_ARGS.

- Workers: WEB_CONCURRENCY, else 2 × cores + 1 (sync workers; tile and GeoJSON requests wait
  on PostgreSQL, so more workers than cores keep the cores busy). Each keeps one database
  connection (DATABASE_CONN_MAX_AGE): size PostgreSQL's max_connections or PgBouncer for it.
- Workers are recycled after about 2000 requests (with jitter, so they do not all restart at
  once); a request may take GUNICORN_TIMEOUT seconds (120: staff exports and uploads).
- FORWARDED_ALLOW_IPS: the proxies whose X-Forwarded-Proto is believed (default 127.0.0.1).
- Logs: the access log goes through the same filter as Django's logs, so the secret of a
  personal agency link (/toeb/<secret>/) is written as /toeb/[link]/ (planning/agencies/
  log_masking.py). With LOG_FORMAT=json gunicorn's own messages are JSON lines and its access
  log is off: the portal writes one JSON line per request itself (logger portal.request, with
  route, status, duration and request id; portal/operations/middleware.py).
- PROMETHEUS_MULTIPROC_DIR: the metrics of all workers are added up; the directory is emptied
  when gunicorn starts and a dead worker's files are marked (portal/operations/metrics.py).
"""

import multiprocessing
import os
from pathlib import Path

wsgi_app = "config.wsgi"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

_JSON = os.environ.get("LOG_FORMAT", "text") == "json"
_formatter = ({"()": "portal.operations.logs.JSONFormatter"} if _JSON else
              {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
               "class": "logging.Formatter"})
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_agency_links": {"()": "planning.agencies.log_masking.MaskAgencyLinks"}},
    "formatters": {"generic": _formatter},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "generic",
                    "filters": ["mask_agency_links"], "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "formatter": "generic",
                          "filters": ["mask_agency_links"], "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False,
                           "qualname": "gunicorn.error"},
        # JSON: off, the portal's own request lines (logger portal.request) replace it.
        "gunicorn.access": {"level": "CRITICAL" if _JSON else "INFO", "handlers": ["console"],
                            "propagate": False, "qualname": "gunicorn.access"},
    },
}

_METRICS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def on_starting(server):
    """A new gunicorn starts without the old workers' metrics (they would be added to the new
    ones'). Only prometheus_client's own files (counter_…db, histogram_…db, gauge_…db) are
    removed, nothing else a misconfigured directory may hold."""
    if _METRICS_DIR:
        directory = Path(_METRICS_DIR)
        directory.mkdir(parents=True, exist_ok=True)
        for kind in ("counter", "histogram", "gauge", "summary"):
            for entry in directory.glob(f"{kind}_*.db"):
                entry.unlink()


def child_exit(server, worker):
    if _METRICS_DIR:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
