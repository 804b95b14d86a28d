"""Open311 GeoReport v2 server (docs/open311.md): services, service definitions, requests.

`jurisdiction_id` is the authority's slug (optional while only one authority has the module
on). Errors are the spec's error documents with 400/403/404. POST needs the `api_key` of the
jurisdiction's authority; the body is form-encoded as the spec says (no XML is ever parsed).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from portal.models import Authority
from portal.throttling import CLIENT, throttle

from ..apps import MODULE_CODE
from ..location import lat_lon, place_of
from ..models import Channel, IncidentCategory, IncidentReport, Status, StatusChange
from ..open311 import documents
from ..services.api_keys import key_for
from ..services.reports import NewReport, Reporter, create_report

MAX_RESULTS = 1000
DEFAULT_DAYS = 90
MAX_LIST_ITEMS = 100


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _handle(view):
    def wrapper(request, doc_format, *args, **kwargs):
        fmt = doc_format
        if fmt not in documents.FORMATS:
            return documents.errors("json", 404, "Unknown format; use json or xml.")
        try:
            return view(request, fmt, *args, **kwargs)
        except Open311Error as exc:
            return documents.errors(fmt, exc.status, exc.description)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _param(request, name: str) -> str:
    source = request.POST if request.method == "POST" else request.GET
    value = source.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _authority(request) -> Authority:
    slug = _param(request, "jurisdiction_id")
    handling = [a for a in Authority.objects.filter(is_active=True) if a.has_module(MODULE_CODE)]
    if not slug:
        if len(handling) == 1:
            return handling[0]
        raise Open311Error(400, "jurisdiction_id is required (the authority's slug).")
    for authority in handling:
        if authority.slug == slug:
            return authority
    raise Open311Error(404, "Unknown jurisdiction_id.")


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _service(category: IncidentCategory) -> dict:
    return {
        "service_code": category.service_code, "service_name": category.name,
        "description": category.description, "metadata": category.questions.exists(),
        "type": "realtime", "keywords": category.keywords, "group": category.group,
    }


def _open311_status(status: str) -> str:
    return "closed" if status == Status.CLOSED else "open"


def _media_urls(request, report) -> list[str]:
    return [request.build_absolute_uri(reverse(
        "incidents:photo", args=[report.authority.slug, report.reference, photo.uid]))
        for photo in report.photos.all()]


def _request(request, report: IncidentReport) -> dict:
    latitude, longitude = lat_lon(report.location)
    media = _media_urls(request, report)
    return {
        "service_request_id": report.reference,
        "status": _open311_status(report.status),
        "status_notes": report.public_answer,
        "service_name": report.category.name,
        "service_code": report.category.service_code,
        "description": report.description,
        "agency_responsible": report.authority.name,
        "service_notice": "",
        "requested_datetime": _iso(report.created_at),
        "updated_datetime": _iso(report.updated_at),
        "expected_datetime": None,
        "address": report.address,
        "address_id": None,
        "zipcode": None,
        "lat": latitude,
        "long": longitude,
        "media_url": media[0] if media else "",
        # Extension: every photo (the spec's media_url carries the first).
        "media_urls": media,
    }


@_handle
def services(request, fmt):
    authority = _authority(request)
    categories = IncidentCategory.objects.filter(authority=authority, is_active=True)
    return documents.response(fmt, "services", [_service(c) for c in categories])


@_handle
def service_definition(request, fmt, service_code):
    authority = _authority(request)
    category = IncidentCategory.objects.filter(authority=authority, is_active=True,
                                               service_code=service_code).first()
    if category is None:
        raise Open311Error(404, "Unknown service_code.")
    attributes = [{
        "variable": True, "code": q.code, "datatype": q.datatype, "required": q.required,
        "datatype_description": None, "order": index, "description": q.label,
        "values": [{"key": key, "name": name} for key, name in q.choices()],
    } for index, q in enumerate(category.questions.all(), start=1)]
    return documents.response(fmt, "service_definition",
                              {"service_code": category.service_code, "attributes": attributes})


def _list_param(request, name: str) -> list[str]:
    items = [item.strip() for item in _param(request, name).split(",") if item.strip()]
    if len(items) > MAX_LIST_ITEMS:
        raise Open311Error(400, f"At most {MAX_LIST_ITEMS} values for {name}.")
    return items


def _date_param(request, name: str):
    text = _param(request, name)
    if not text:
        return None
    try:
        moment = parse_datetime(text) if len(text) <= 40 else None
    except ValueError:
        moment = None
    if moment is None:
        raise Open311Error(400, f"{name} must be a date and time in W3C format.")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _attributes(request) -> dict:
    answers: dict = {}
    for key in request.POST:
        if key.startswith("attribute[") and "]" in key:
            code = key[len("attribute["):key.index("]")]
            values = request.POST.getlist(key)
            answers[code] = values if key.endswith("[]") or len(values) > 1 else values[-1]
    return answers


@csrf_exempt
@throttle(("open311-client", CLIENT))
@_handle
def requests_view(request, fmt):
    if request.method == "POST":
        return _create(request, fmt)
    if request.method != "GET":
        raise Open311Error(400, "Use GET or POST.")
    authority = _authority(request)
    reports = (IncidentReport.objects.filter(authority=authority)
               .select_related("category", "authority").prefetch_related("photos"))
    ids = _list_param(request, "service_request_id")
    if ids:
        reports = reports.filter(reference__in=ids)
    else:
        codes = _list_param(request, "service_code")
        if codes:
            reports = reports.filter(category__service_code__in=codes)
        start, end = _date_param(request, "start_date"), _date_param(request, "end_date")
        if start is None and end is None:
            start = timezone.now() - timedelta(days=DEFAULT_DAYS)
        if start is not None:
            reports = reports.filter(created_at__gte=start)
        if end is not None:
            reports = reports.filter(created_at__lte=end)
        statuses = _list_param(request, "status")
        if any(s not in ("open", "closed") for s in statuses):
            raise Open311Error(400, "status must be open or closed.")
        if statuses == ["open"]:
            reports = reports.exclude(status=Status.CLOSED)
        elif statuses == ["closed"]:
            reports = reports.filter(status=Status.CLOSED)
    reports = reports.order_by("-created_at", "-pk")[:MAX_RESULTS]
    return documents.response(fmt, "service_requests", [_request(request, r) for r in reports])


@_handle
def request_detail(request, fmt, service_request_id):
    authority = _authority(request)
    report = (IncidentReport.objects.filter(authority=authority, reference=service_request_id)
              .select_related("category", "authority").prefetch_related("photos").first())
    if report is None:
        raise Open311Error(404, "Unknown service_request_id.")
    return documents.response(fmt, "service_requests", [_request(request, report)])


def _create(request, fmt):
    authority = _authority(request)
    api_key = key_for(_param(request, "api_key"), authority)
    if api_key is None:
        raise Open311Error(403, "Invalid api_key received -- can't proceed with create_request.")
    code = _param(request, "service_code")
    category = IncidentCategory.objects.filter(authority=authority, is_active=True,
                                               service_code=code).first()
    if not code or category is None:
        raise Open311Error(404, "Unknown service_code.")
    lat, long = _param(request, "lat"), _param(request, "long")
    address = _param(request, "address_string")
    if not (lat and long) and not address:
        raise Open311Error(400, "A location is required: lat and long, or address_string.")
    name = " ".join(p for p in (_param(request, "first_name"), _param(request, "last_name")) if p)
    try:
        point = place_of(lat, long, address)  # address_string alone: the address search
        report, _created = create_report(
            report=NewReport(category=category, location=point,
                             description=_param(request, "description"),
                             address=_param(request, "address_string"),
                             answers=_attributes(request),
                             reporter=Reporter(name=name, email=_param(request, "email"),
                                               phone=_param(request, "phone"))),
            channel=Channel.OPEN311, api_client=api_key,
        )
    except ValidationError as exc:
        raise Open311Error(400, " ".join(str(m) for m in exc.messages)) from exc
    return documents.response(fmt, "service_requests", [{
        "service_request_id": report.reference, "service_notice": "", "account_id": None}],
        status=201)


@_handle
def request_updates(request, fmt):
    """The service-request-updates extension: every status change as an update, oldest first,
    filtered by start_date/end_date (default: the last 90 days)."""
    authority = _authority(request)
    changes = (StatusChange.objects.filter(report__authority=authority)
               .select_related("report__authority"))
    start, end = _date_param(request, "start_date"), _date_param(request, "end_date")
    if start is None and end is None:
        start = timezone.now() - timedelta(days=DEFAULT_DAYS)
    if start is not None:
        changes = changes.filter(changed_at__gte=start)
    if end is not None:
        changes = changes.filter(changed_at__lte=end)
    updates = [{
        "update_id": str(change.pk), "service_request_id": change.report.reference,
        "status": _open311_status(change.status), "updated_datetime": _iso(change.changed_at),
        "description": change.public_answer, "media_url": "",
    } for change in changes.order_by("changed_at", "pk")[:MAX_RESULTS]]
    return documents.response(fmt, "service_request_updates", updates)


def discovery(request, doc_format):
    fmt = doc_format
    if fmt not in documents.FORMATS:
        return documents.errors("json", 404, "Unknown format; use json or xml.")
    base = request.build_absolute_uri(reverse("open311:v2-root"))
    document = {
        "changeset": "2026-12-07T00:00:00Z", "contact": "",
        "key_service": "",
        "endpoints": [{"specification": "http://wiki.open311.org/GeoReport_v2",
                       "url": base, "changeset": "2026-12-07T00:00:00Z", "type": "production",
                       "formats": ["text/xml", "application/json"]}],
    }
    return documents.response(fmt, "discovery", document)
