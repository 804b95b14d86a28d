"""Personal data of incident reports (participation.incidents), when that module is installed:
the reporter's name, e-mail and phone, the supporters' e-mail addresses and the photos (a
photo may show people or number plates). The report, its place, description and status
history stay (the authority's record of the incident).

Registered from this app's ready() because the incident module predates the registry; the
module may take the registration over (dataprotection/data_types.py)."""

from django.db import transaction
from django.db.models import Q

from . import data_types

REPORTER_FIELDS = ("reporter_name", "reporter_email", "reporter_phone")


def incident_models():
    from participation.incidents.models import IncidentReport, ReportSupport
    from participation.incidents.models.report import Status

    return IncidentReport, ReportSupport, Status


def reports_holding_data(reports):
    query = Q()
    for field in REPORTER_FIELDS:
        query |= ~Q(**{field: ""})
    return reports.filter(query)


def _closed_before(authority, cutoff):
    IncidentReport, _support, Status = incident_models()
    return IncidentReport.objects.filter(authority=authority, status=Status.CLOSED,
                                         updated_at__lte=cutoff)


def _reporters_due(authority, cutoff):
    return reports_holding_data(_closed_before(authority, cutoff))


def _supporters_due(authority, cutoff):
    _report, ReportSupport, _status = incident_models()
    return ReportSupport.objects.filter(report__in=_closed_before(authority, cutoff)) \
        .exclude(email="")


def _photos_due(authority, cutoff):
    from participation.incidents.models import ReportPhoto

    return ReportPhoto.objects.filter(report__in=_closed_before(authority, cutoff))


def delete_photos(photos) -> int:
    """Delete the photos' files (after commit) and rows; the report stays."""
    from participation.incidents.models import ReportPhoto

    changed = 0
    with transaction.atomic():
        for photo in photos.select_related(None):
            storage, name = photo.file.storage, photo.file.name
            ReportPhoto.objects.filter(pk=photo.pk).delete()
            transaction.on_commit(lambda s=storage, n=name: n and s.delete(n))
            changed += 1
    return changed


def anonymise_reports(reports) -> int:
    IncidentReport, _support, _status = incident_models()
    with transaction.atomic():
        pks = list(reports_holding_data(reports).values_list("pk", flat=True))
        return IncidentReport.objects.filter(pk__in=pks).update(
            **dict.fromkeys((*REPORTER_FIELDS, "fingerprint"), ""))


def anonymise_supports(supports) -> int:
    _report, ReportSupport, _status = incident_models()
    pks = list(supports.exclude(email="").values_list("pk", flat=True))
    return ReportSupport.objects.filter(pk__in=pks).update(email="")


def matching_reports(authorities, *, name: str, email: str):
    IncidentReport, _support, _status = incident_models()
    query = Q(pk__in=[])
    if email.strip():
        query |= Q(reporter_email__iexact=email.strip())
    if name.strip():
        query |= Q(reporter_name__iexact=name.strip())
    return IncidentReport.objects.filter(authority__in=authorities).filter(query) \
        .order_by("created_at", "pk")


def matching_supports(authorities, *, email: str):
    _report, ReportSupport, _status = incident_models()
    if not email.strip():
        return ReportSupport.objects.none()
    return ReportSupport.objects.filter(report__authority__in=authorities,
                                        email__iexact=email.strip()).select_related("report")


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    after_closing = _("after the report was closed (its last change)")
    data_types.register(data_types.DataType(
        "incident_reporters", _("Reporters of incidents (name, e-mail, phone)"), 6,
        after_closing, _("anonymised; the report stays"), _reporters_due, anonymise_reports,
        order=60))
    data_types.register(data_types.DataType(
        "incident_supporters", _("Supporters of incident reports (e-mail)"), 6,
        after_closing, _("anonymised; the number of supporters stays"), _supporters_due,
        anonymise_supports, order=70))
    data_types.register(data_types.DataType(
        "incident_photos", _("Photos of incident reports"), 6, after_closing,
        _("deleted; the report and its description stay"), _photos_due, delete_photos,
        order=65))
