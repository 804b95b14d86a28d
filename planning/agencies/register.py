"""The agency register of an authority: create and update agencies.

Keyword-only, validated writes (STYLE.md §2). The e-mail addresses and topics are checked here
as well as in the form, so an import or a shell cannot store an address that would break a
mail header.
"""

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from gis.errors import InputError
from gis.geometry import repair_geometry
from gis.srid import storage_srid
from portal.models import Authority

from ..models import Agency

MAX_EMAILS = 20
MAX_TOPICS = 30
MAX_TOPIC_LENGTH = 100
EDITABLE_FIELDS = ("name", "topics", "emails", "responsibility_area", "is_active")


def clean_emails(emails) -> list[str]:
    """Trimmed, lower-cased, de-duplicated valid addresses (at least one)."""
    cleaned: list[str] = []
    for raw in emails or []:
        address = str(raw).strip()
        if not address:
            continue
        if any(ord(ch) < 32 or ch.isspace() for ch in address):
            raise ValidationError(
                {"emails": _("“%(address)s” contains spaces or line breaks.") % {"address": address}}
            )
        try:
            validate_email(address)
        except ValidationError as exc:
            raise ValidationError(
                {"emails": _("“%(address)s” is not a valid e-mail address.") % {"address": address}}
            ) from exc
        if address.lower() not in (a.lower() for a in cleaned):
            cleaned.append(address)
    if not cleaned:
        raise ValidationError({"emails": _("Enter at least one e-mail address.")})
    if len(cleaned) > MAX_EMAILS:
        raise ValidationError(
            {"emails": _("At most %(max)d e-mail addresses per agency.") % {"max": MAX_EMAILS}}
        )
    return cleaned


def clean_topics(topics) -> list[str]:
    cleaned: list[str] = []
    for raw in topics or []:
        topic = " ".join(str(raw).split())
        if not topic:
            continue
        if len(topic) > MAX_TOPIC_LENGTH:
            raise ValidationError({"topics": _(
                "A topic may have at most %(max)d characters: “%(topic)s…”."
            ) % {"max": MAX_TOPIC_LENGTH, "topic": topic[:30]}})
        if topic not in cleaned:
            cleaned.append(topic)
    if len(cleaned) > MAX_TOPICS:
        raise ValidationError({"topics": _("At most %(max)d topics per agency.")
                               % {"max": MAX_TOPICS}})
    return cleaned


def normalise_area(area: GEOSGeometry | None) -> MultiPolygon | None:
    """A responsibility area as a valid MultiPolygon in the storage SRID, or None."""
    if area is None:
        return None
    if area.srid is None:
        raise ValidationError(
            {"responsibility_area": _("The area has no coordinate reference system.")}
        )
    if area.srid != storage_srid():
        area = area.transform(storage_srid(), clone=True)
    try:
        area, _repair = repair_geometry(area, polygons_only=True)
    except InputError as exc:
        raise ValidationError({"responsibility_area": str(exc)}) from exc
    if not isinstance(area, MultiPolygon):
        area = MultiPolygon(area, srid=storage_srid())
    return area


def _apply(agency: Agency, fields: dict) -> None:
    for key, value in fields.items():
        if key not in EDITABLE_FIELDS:
            raise TypeError(f"unknown agency field {key}")
        if key == "emails":
            value = clean_emails(value)
        elif key == "topics":
            value = clean_topics(value)
        elif key == "responsibility_area":
            value = normalise_area(value)
        elif key == "name":
            value = " ".join(str(value).split())
        setattr(agency, key, value)


@transaction.atomic
def create_agency(*, authority: Authority, name: str, emails: list[str], **fields) -> Agency:
    agency = Agency(authority=authority)
    _apply(agency, {"name": name, "emails": emails, **fields})
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def update_agency(*, agency: Agency, **fields) -> Agency:
    _apply(agency, fields)
    agency.full_clean()
    agency.save()
    return agency
