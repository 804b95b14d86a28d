"""Structured logs: LOG_FORMAT=json writes one JSON object per line (docs/deploy.md "Logs").

Fields: time (UTC, ISO 8601), level, logger, message, and where known request_id, route,
authority, status, duration_ms, method; an exception's traceback as `exc`. No IP address, no
path or query string (a route name says which page it was), no user: nothing personal beyond
what the message itself says, and messages pass the agency-link mask like every other log line.
"""

import json
import logging
import logging.config
from datetime import UTC, datetime

from portal.operations import request_context

#: Extra attributes a log call may pass (`logger.info(..., extra={...})`) that become fields.
EXTRA_FIELDS = ("status", "duration_ms", "method", "route", "authority", "queue")


class RequestContextFilter(logging.Filter):
    """Adds the request id, route and authority of the request being served to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = request_context.request_id.get()
        if not getattr(record, "route", None):
            record.route = request_context.route.get()
        if not getattr(record, "authority", None):
            record.authority = request_context.authority.get()
        return True


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            entry["request_id"] = request_id
        for field in EXTRA_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(*, log_format: str, level: str) -> dict:
    """The LOGGING setting: the human format by default, JSON lines with LOG_FORMAT=json.

    Every handler masks the secret of personal agency links (planning/agencies/log_masking.py)
    and carries the request context; runserver's request log keeps its own format."""
    json_lines = log_format == "json"
    console_formatter = "json" if json_lines else None
    console = {"class": "logging.StreamHandler",
               "filters": ["mask_agency_links", "request_context"]}
    if console_formatter:
        console["formatter"] = console_formatter
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "mask_agency_links": {"()": "planning.agencies.log_masking.MaskAgencyLinks"},
            "request_context": {"()": "portal.operations.logs.RequestContextFilter"},
        },
        "formatters": {
            "django.server": {"()": "django.utils.log.ServerFormatter",
                              "format": "[{server_time}] {message}", "style": "{"},
            "json": {"()": "portal.operations.logs.JSONFormatter"},
        },
        "handlers": {
            "console": console,
            "django.server": {"class": "logging.StreamHandler", "formatter": "django.server",
                              "filters": ["mask_agency_links"]},
        },
        "loggers": {
            "django.server": {"handlers": ["django.server"], "level": "INFO",
                              "propagate": False},
        },
        "root": {"handlers": ["console"], "level": level},
    }


def configure(config: dict) -> None:
    """LOGGING_CONFIG: the dictionary, and with JSON lines Python's warnings as log records too
    (else they would be written to stderr as bare text between the JSON lines)."""
    logging.config.dictConfig(config)
    if config.get("handlers", {}).get("console", {}).get("formatter") == "json":
        logging.captureWarnings(True)
