"""Accepting an incident report: the one write path for the web form and Open311.

Guarantees (docs/incidents.md):
- Routed by jurisdiction: the category's authority must be responsible at the place
  (participation.incidents.routing); otherwise refused with a message naming who is.
- Checked input only: the point went through participation.incidents.location, photos through
  participation.incidents.photos (re-encoded, no metadata, originals never stored), answers
  through participation.incidents.answers; a foreign or inactive category is refused.
- Idempotent: the same idempotency key returns the report already stored (same payload) or is
  refused (different payload); concurrent duplicates end in one row (unique constraint).
- All or nothing: report, photos, reference number and the first history entry in one
  transaction; the confirmation e-mail is sent after the commit, only when an address was
  given and that address has had fewer than PORTAL_RATE_LIMITS["incident-mail-address"].
"""

import hashlib
import json
import uuid
from dataclasses import dataclass, field

from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.throttling import consume

from .. import mail
from ..answers import check_answers
from ..apps import MODULE_CODE
from ..errors import IdempotencyConflict, ReportRefused
from ..models import Channel, IncidentCategory, IncidentReport, ReportPhoto, Status, StatusChange
from ..photos import check_photos
from ..references import next_reference
from ..routing import check_category_at

MAX_DESCRIPTION = 5000


@dataclass
class Reporter:
    name: str = ""
    email: str = ""
    phone: str = ""

    def cleaned(self) -> "Reporter":
        values = {}
        for key, value in self.__dict__.items():
            text = str(value or "")
            if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):  # header injection (C9)
                raise ReportRefused(_("Please remove line breaks and control characters from "
                                      "your contact details."))
            values[key] = " ".join(text.split())
        if len(values["name"]) > 200 or len(values["phone"]) > 50:
            raise ReportRefused(_("Your contact details are too long."))
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError as exc:
                raise ReportRefused(_("Please enter a valid e-mail address.")) from exc
        return Reporter(**values)


@dataclass
class NewReport:
    category: IncidentCategory
    location: GEOSGeometry  # checked, in the storage SRID (location.point_from_lat_lon)
    description: str
    address: str = ""
    answers: dict = field(default_factory=dict)
    reporter: Reporter = field(default_factory=Reporter)


def _fingerprint(report: NewReport, photo_hashes: list[str]) -> str:
    payload = {
        "category": report.category.pk, "location": report.location.hexewkb.decode("ascii"),
        "description": report.description.strip(), "address": report.address.strip(),
        "answers": report.answers, "reporter": report.reporter.__dict__,
        "photos": sorted(photo_hashes),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _replay(authority, key, fingerprint) -> IncidentReport | None:
    existing = IncidentReport.objects.filter(authority=authority, idempotency_key=key).first()
    if existing is None:
        return None
    if existing.fingerprint != fingerprint:
        raise IdempotencyConflict(_("This form was already sent with different content. Reload "
                                    "the page to write a new report."))
    return existing


def _check_category(category: IncidentCategory) -> None:
    fresh = IncidentCategory.objects.select_related("authority").filter(pk=category.pk).first()
    if (fresh is None or not fresh.is_active or not fresh.authority.is_active
            or not fresh.authority.has_module(MODULE_CODE)):
        raise ReportRefused(_("This category is not available."))


def create_report(*, report: NewReport, photos=(), idempotency_key: uuid.UUID | None = None,
                  channel: str = Channel.WEB, api_client=None) -> tuple[IncidentReport, bool]:
    """Store a report; return (report, created). Raises ReportRefused with a message."""
    category = report.category
    _check_category(category)
    description = report.description.strip()
    if not description:
        raise ReportRefused(_("Please describe the problem."))
    if len(description) > MAX_DESCRIPTION:
        raise ReportRefused(_("The description is too long (at most %(max)d characters).")
                            % {"max": MAX_DESCRIPTION})
    if len(report.address) > 300:
        raise ReportRefused(_("The address is too long (at most 300 characters)."))
    reporter = report.reporter.cleaned()
    answers = check_answers(category, report.answers)
    checked = check_photos(photos)
    report = NewReport(category=category, location=report.location, description=description,
                       address=" ".join(report.address.split()), answers=answers,
                       reporter=reporter)
    fingerprint = _fingerprint(report, [hashlib.sha256(p.content).hexdigest() for p in checked])
    authority = category.authority
    if idempotency_key is not None:
        existing = _replay(authority, idempotency_key, fingerprint)
        if existing is not None:
            return existing, False
    check_category_at(category, report.location)
    instance = IncidentReport(
        authority=authority, category=category, location=report.location,
        address=report.address, description=description, answers=answers,
        reporter_name=reporter.name, reporter_email=reporter.email,
        reporter_phone=reporter.phone, channel=channel, api_client=api_client,
        idempotency_key=idempotency_key, fingerprint=fingerprint,
    )
    stored = []
    try:
        with transaction.atomic():
            instance.reference = next_reference(authority, timezone.localtime().year)
            instance.full_clean(exclude=["location"], validate_unique=False,
                                validate_constraints=False)
            instance.save()
            StatusChange.objects.create(report=instance, status=Status.OPEN)
            for order, photo in enumerate(checked):
                item = ReportPhoto(report=instance, width=photo.width, height=photo.height,
                                   size=len(photo.content), order=order)
                item.file.save("photo.jpg", ContentFile(photo.content), save=False)
                stored.append(item.file)
                item.save()
    except Exception as exc:
        for file in stored:  # nothing half-written stays behind
            file.delete(save=False)
        if isinstance(exc, IntegrityError) and idempotency_key is not None:
            existing = _replay(authority, idempotency_key, fingerprint)
            if existing is not None:
                return existing, False
        raise
    if instance.reporter_email and consume("incident-mail-address",
                                           instance.reporter_email.lower()):
        transaction.on_commit(lambda: mail.send_confirmation(instance.pk))
    return instance, True
