"""Accepting a statement: the one write path for online, agency and manually entered statements.

Guarantees (docs/statements.md):
- Idempotent: the same idempotency key returns the statement already stored (same payload) or
  is refused (different payload); concurrent duplicates end in one row (unique constraint).
- On time by the server's clock in Europe/Berlin; late ones are refused or, where the phase
  allows it, accepted and marked late. A retry of a statement accepted before the deadline
  returns the original receipt, also after the deadline.
- All or nothing: statement, attachments, reference number and the queued receipt e-mail in one
  transaction (with the database task queue; other backends queue it after the commit).
- No mail bombing: a public online statement gets its receipt e-mail only while its address has
  had fewer than the documented number of receipts (PORTAL_RATE_LIMITS
  "receipt-mail-address"); beyond that it is accepted, the receipt is on the page and
  `receipt_mail_withheld` says that no e-mail was sent.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gis.errors import InputError
from gis.geometry_guard import check_untrusted_geometry
from gis.models import Feature
from gis.srid import storage_srid
from portal.models import Phase
from portal.throttling import consume
from portal.worker.outbox import enqueue_with_transaction

from ..models import (
    Agency,
    Channel,
    IdentityMode,
    Plan,
    PlanDocument,
    PrivacyNotice,
    Statement,
    StatementAttachment,
    StatementSettings,
    SubmitterKind,
)
from ..statements.attachments import check_attachments
from ..statements.errors import IdempotencyConflict, StatementRefused
from ..statements.normalise import text_hash
from ..statements.references import next_reference
from .participation_settings import settings_for_phase

MAX_TEXT = 20_000
#: Positions of a statement location from any channel (the map form allows 500: gis).
MAX_LOCATION_VERTICES = 5000
LOCATION_TYPES = ("Point", "LineString", "Polygon", "MultiPolygon", "MultiLineString",
                  "MultiPoint")


@dataclass
class Identity:
    is_anonymous: bool = False
    name: str = ""
    organisation: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    email: str = ""

    def cleaned(self) -> "Identity":
        raw = {k: str(v or "") for k, v in self.__dict__.items() if k != "is_anonymous"}
        for value in raw.values():
            # No control characters: CR/LF in a name would reach e-mail headers (C9).
            if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
                raise StatementRefused(_("Please remove line breaks and control characters from your details."))
        values = {k: " ".join(v.split())[:200] for k, v in raw.items()}
        return Identity(is_anonymous=self.is_anonymous, **values)


@dataclass
class Submission:
    text: str = ""
    no_concerns: bool = False
    topics: list[str] = field(default_factory=list)
    location: GEOSGeometry | None = None
    location_text: str = ""
    plan_feature_id: int | None = None
    document_id: int | None = None
    document_section: str = ""
    identity: Identity = field(default_factory=Identity)


def location_tolerance_m() -> float:
    return getattr(settings, "PORTAL_STATEMENT_LOCATION_TOLERANCE_M", 500.0)


_UNREAD = object()
#: Foreign keys create_statement fills with objects it was given or has just loaded.
_LOADED_RELATIONS = ["authority", "plan", "phase", "agency", "plan_feature", "document",
                     "privacy_notice", "entered_by"]


def settings_for(phase: Phase) -> StatementSettings:
    """The phase's statement settings, its own or its authority's defaults (one place)."""
    return settings_for_phase(phase)


def current_privacy_notice(authority) -> PrivacyNotice | None:
    return PrivacyNotice.objects.filter(authority=authority).order_by("-version").first()


def _fingerprint(plan: Plan, phase: Phase, submission: Submission, attachment_hashes) -> str:
    payload = {
        "plan": plan.pk, "phase": phase.pk, "text": submission.text.strip(),
        "no_concerns": submission.no_concerns, "topics": sorted(submission.topics),
        # Binary EWKB of the checked geometry: no text writer ever sees a submitted geometry.
        "location": (submission.location.hexewkb.decode("ascii")
                     if submission.location is not None else None),
        "location_text": submission.location_text.strip(),
        "feature": submission.plan_feature_id, "document": submission.document_id,
        "section": submission.document_section.strip(),
        "identity": submission.identity.__dict__, "attachments": sorted(attachment_hashes),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _replay(authority, key: uuid.UUID, fingerprint: str) -> Statement | None:
    # Nearly every submission is new: ask for two columns, load the statement only for a replay.
    existing = (Statement.objects.filter(authority=authority, idempotency_key=key)
                .values_list("pk", "fingerprint").first())
    if existing is None:
        return None
    if existing[1] != fingerprint:
        raise IdempotencyConflict(
            _("This form was already sent with different content. Reload the page to write a new statement.")
        )
    return Statement.objects.get(pk=existing[0])


def _timing(phase: Phase, *, channel: str, received_at: datetime) -> bool:
    """Return is_late; refuse what the phase does not accept."""
    state = phase.state(received_at)
    if state == "upcoming":
        raise StatementRefused(
            _("The participation period starts on %(start)s; statements cannot be submitted yet.")
            % {"start": phase.start_date.strftime("%d.%m.%Y")}
        )
    if state == "open":
        return False
    if channel != Channel.ONLINE or phase.accepts_late_statements:
        return True
    raise StatementRefused(
        _("The period for statements ended on %(end)s at 24:00 (German time). Your statement was not submitted.")
        % {"end": phase.end_date.strftime("%d.%m.%Y")}
    )


def _guard_location(location: GEOSGeometry | None) -> None:
    """The cheap checks, before anything else touches the geometry (issue #9)."""
    if location is None:
        return
    if location.srid is None:
        raise StatementRefused(_("The location has no coordinate reference system."))
    if location.geom_type not in LOCATION_TYPES:
        raise StatementRefused(_("Mark a point, a line or an area."))
    try:
        check_untrusted_geometry(location, max_vertices=MAX_LOCATION_VERTICES)
    except InputError as exc:
        raise StatementRefused(_("The location drawn on the map is invalid: %(reason)s")
                               % {"reason": exc.message}) from exc


def _check_location(plan: Plan, location: GEOSGeometry | None) -> GEOSGeometry | None:
    """Cheap checks first (size, bounds, distance to the plan), then validity; never a repair.

    A self-crossing drawing is refused with a message instead of being repaired: GEOS
    MakeValid needs minutes for a crafted star polygon of a few hundred vertices.
    """
    if location is None:
        return None
    _guard_location(location)
    try:
        location = location.transform(storage_srid(), clone=True)
        check_untrusted_geometry(location, max_vertices=MAX_LOCATION_VERTICES)
    except InputError as exc:
        raise StatementRefused(_("The location drawn on the map is invalid: %(reason)s")
                               % {"reason": exc.message}) from exc
    except Exception as exc:  # GDAL/GEOS errors on absurd coordinates
        raise StatementRefused(_("The location drawn on the map is invalid.")) from exc
    if plan.area is not None and location.distance(plan.area) > location_tolerance_m():
        raise StatementRefused(
            _("The location lies outside the area of this plan (more than %(m)d m away). Mark a place in or near the plan's area, or describe it in words.")
            % {"m": int(location_tolerance_m())}
        )
    if not location.valid:
        raise StatementRefused(
            _("The drawn area crosses itself or is not a proper area. Draw it again without "
              "crossing lines, or describe the place in words.")
        )
    return location


def _check_identity(settings_: StatementSettings, submission: Submission, *,
                    submitter_kind: str, channel: str) -> Identity:
    identity = submission.identity.cleaned()
    if submitter_kind == SubmitterKind.AGENCY:
        return identity
    if identity.is_anonymous:
        if settings_.identity == IdentityMode.NAMED and channel == Channel.ONLINE:
            raise StatementRefused(
                _("In this phase statements need your name and postal address; anonymous statements are not accepted.")
            )
        return Identity(is_anonymous=True, email=identity.email)
    if settings_.identity == IdentityMode.NAMED and channel == Channel.ONLINE:
        missing = [label for label, value in ((_("name"), identity.name),
                                              (_("street and number"), identity.street),
                                              (_("postcode"), identity.postcode),
                                              (_("city"), identity.city)) if not value]
        if missing:
            raise StatementRefused(_("Please fill in: %(fields)s.") % {"fields": ", ".join(missing)})
    if identity.postcode and not (identity.postcode.isdigit() and len(identity.postcode) == 5):
        raise StatementRefused(_("A German postcode has five digits."))
    return identity


def _check_references(plan: Plan, submission: Submission):
    feature = document = None
    if submission.plan_feature_id:
        feature = Feature.objects.filter(pk=submission.plan_feature_id,
                                         layer__plan_link__plan=plan).first()
        if feature is None:
            raise StatementRefused(_("The chosen plan object does not belong to this plan."))
    if submission.document_id:
        document = PlanDocument.objects.filter(pk=submission.document_id, plan=plan,
                                               is_public=True).first()
        if document is None:
            raise StatementRefused(_("The chosen document does not belong to this plan."))
    return feature, document


def _check_text(submission: Submission, topics_offered: list[str]) -> None:
    text = submission.text.strip()
    if not text and not submission.no_concerns:
        raise StatementRefused(_("Please write your statement."))
    if len(text) > MAX_TEXT:
        raise StatementRefused(_("The statement is too long (%(count)d characters; at most %(max)d). Attach longer texts as a PDF.")
                               % {"count": len(text), "max": MAX_TEXT})
    unknown = [t for t in submission.topics if topics_offered and t not in topics_offered]
    if unknown:
        raise StatementRefused(_("Unknown topic: %(topics)s") % {"topics": ", ".join(unknown)})


def create_statement(
    *,
    plan: Plan,
    phase: Phase,
    submission: Submission,
    attachments: list[UploadedFile] = (),
    submitter_kind: str = SubmitterKind.PUBLIC,
    agency: Agency | None = None,
    channel: str = Channel.ONLINE,
    privacy_notice: PrivacyNotice | None = None,
    idempotency_key: uuid.UUID | None = None,
    received_at: datetime | None = None,
    entered_by=None,
    statement_settings: StatementSettings | None = None,
    current_notice: PrivacyNotice | None | object = _UNREAD,
) -> tuple[Statement, bool]:
    """Store a statement; return (statement, created). Raises StatementRefused with a message.

    `statement_settings` (the phase's) and `current_notice` (the authority's current privacy
    notice, None for none) may be passed by a caller that has just read them in the same
    request; otherwise they are read here.
    """
    if phase.procedure_id != plan.procedure_id:
        raise StatementRefused(_("This phase does not belong to the plan."))
    _guard_location(submission.location)
    checked = check_attachments(list(attachments))
    fingerprint = _fingerprint(plan, phase, submission, [a.sha256 for a in checked])
    authority = plan.authority
    if idempotency_key is not None:
        existing = _replay(authority, idempotency_key, fingerprint)
        if existing is not None:
            return existing, False
    now = timezone.now()
    received_at = received_at or now
    if channel == Channel.ONLINE and received_at != now:
        raise StatementRefused(_("Online statements are received at the server's time."))
    is_late = _timing(phase, channel=channel, received_at=received_at)
    settings_ = statement_settings if statement_settings is not None else settings_for(phase)
    _check_text(submission, settings_.topics)
    identity = _check_identity(settings_, submission, submitter_kind=submitter_kind,
                               channel=channel)
    if channel == Channel.ONLINE and submitter_kind == SubmitterKind.PUBLIC:
        notice = (current_privacy_notice(authority) if current_notice is _UNREAD
                  else current_notice)
        if notice is not None and (privacy_notice is None or privacy_notice.pk != notice.pk):
            raise StatementRefused(_("Please read and accept the current data-protection notice."))
    location = _check_location(plan, submission.location)
    feature, document = _check_references(plan, submission)
    statement = Statement(
        authority=authority, plan=plan, phase=phase, submitter_kind=submitter_kind,
        agency=agency, channel=channel, text=submission.text.strip(),
        no_concerns=submission.no_concerns, topics=list(submission.topics), location=location,
        location_text=submission.location_text.strip()[:500], plan_feature=feature,
        document=document, document_section=submission.document_section.strip()[:200],
        is_anonymous=identity.is_anonymous, name=identity.name, organisation=identity.organisation,
        street=identity.street, postcode=identity.postcode, city=identity.city,
        email=identity.email, privacy_notice=privacy_notice, received_at=received_at,
        is_late=is_late, idempotency_key=idempotency_key, fingerprint=fingerprint,
        text_hash=text_hash(submission.text),
        entered_by=entered_by,
    )
    if (statement.email and channel == Channel.ONLINE and submitter_kind == SubmitterKind.PUBLIC
            and not consume("receipt-mail-address", statement.email.strip().lower())):
        statement.receipt_mail_withheld = True
    stored_files = []
    try:
        with transaction.atomic():
            statement.reference = next_reference(authority, timezone.localtime(received_at).year)
            # Uniqueness is left to the database: a concurrent duplicate becomes a replay below.
            # The related objects were loaded or checked above: no query per foreign key.
            statement.full_clean(exclude=["reference", "location", *_LOADED_RELATIONS],
                                 validate_unique=False, validate_constraints=False)
            statement.save()
            for item in checked:
                attachment = StatementAttachment(
                    statement=statement, file_name=item.name, content_type=item.content_type,
                    size=len(item.content), sha256=item.sha256,
                )
                attachment.file.save("attachment", ContentFile(item.content), save=False)
                stored_files.append(attachment.file)
                attachment.save()
            if statement.email and not statement.receipt_mail_withheld:
                from ..statements.tasks import send_receipt

                # In the same transaction (portal.worker.outbox): no stored statement without
                # its queued receipt, even if the database goes away right after the commit.
                enqueue_with_transaction(send_receipt, statement.pk)
    except Exception as exc:
        for stored in stored_files:  # nothing half-written stays behind
            stored.delete(save=False)
        if not isinstance(exc, IntegrityError):
            raise
        # A concurrent request with the same key won the race: answer with its statement.
        if idempotency_key is not None:
            existing = _replay(authority, idempotency_key, fingerprint)
            if existing is not None:
                return existing, False
        raise
    return statement, True
