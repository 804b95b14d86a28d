"""Where browsers report Content-Security-Policy violations: logged, nothing stored.

Anyone can post here, so the endpoint is cheap and bounded: a small body cap (checked before
reading), a per-client limit per minute (cache-backed, so shared by all app servers with Redis),
and only a few sanitised fields reach the log (no query strings, agency tokens masked, control
characters removed, each value shortened).
"""

import json
import logging
import re
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

logger = logging.getLogger("portal.csp")

MAX_BODY_BYTES = 8 * 1024
FIELDS = ("document-uri", "effective-directive", "violated-directive", "blocked-uri",
          "source-file", "line-number", "disposition")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_AGENCY_TOKEN = re.compile(r"(/toeb/)[^/]+")


def _client_over_limit(request) -> bool:
    limit = settings.PORTAL_CSP_REPORTS_PER_MINUTE
    key = f"csp-report:{request.META.get('REMOTE_ADDR', '')}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count > limit


def _clean(value) -> str:
    text = str(value)
    if "://" in text:  # a URL: origin and path only, tokens masked
        parts = urlsplit(text)
        path = _AGENCY_TOKEN.sub(r"\1…", parts.path)
        text = f"{parts.scheme}://{parts.netloc}{path}"
    return _CONTROL.sub("", text)[:200]


def _reports(payload) -> list[dict]:
    """report-uri sends {"csp-report": {...}}; the Reporting API sends [{"body": {...}}]."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [item["body"] for item in payload[:10]
                if isinstance(item, dict) and isinstance(item.get("body"), dict)]
    return []


def _normalised(report: dict) -> dict:
    # The Reporting API spells the keys in camelCase (documentURL, effectiveDirective, ...).
    aliases = {"documentURL": "document-uri", "blockedURL": "blocked-uri",
               "effectiveDirective": "effective-directive", "sourceFile": "source-file",
               "lineNumber": "line-number"}
    return {aliases.get(key, key): value for key, value in report.items()}


@csrf_exempt
def csp_report(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if declared > MAX_BODY_BYTES:
        return HttpResponse(status=413)
    if _client_over_limit(request):
        return HttpResponse(status=429)
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return HttpResponse(status=413)
    try:
        reports = _reports(json.loads(body))
    except (ValueError, RecursionError):
        return HttpResponse(status=400)
    if not reports:
        return HttpResponse(status=400)
    for report in reports:
        report = _normalised(report)
        logger.warning(
            "CSP violation: %s",
            " ".join(f"{name}={_clean(report[name])}" for name in FIELDS if name in report),
        )
    return HttpResponse(status=204)
