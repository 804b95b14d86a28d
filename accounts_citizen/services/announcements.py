"""E-mails to citizens about participations opened by the authorities they follow.

Guarantees (docs/accounts.md):
- Only what the public sees: a public participation phase (one that accepts statements from
  the public) that is open now, of a published plan of an active authority.
- Each citizen hears of each phase once (ParticipationAnnouncement, unique per user and
  phase; the row and the mail in one transaction), also when two runs overlap.
- Only to active accounts that chose the authority (CitizenProfile.notify_new_procedures).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from planning.models import Plan
from portal.models import Phase

from ..models import CitizenProfile, ParticipationAnnouncement


@dataclass
class Report:
    mailed: list[str] = field(default_factory=list)  # "user id → phase id"


def _public(phase: Phase) -> bool:
    definition = phase.kind_definition
    return bool(definition and definition.accepts_statements
                and definition.audience != "agencies")


def send_participation_announcements(*, base_url: str = "", now=None) -> Report:
    now = now or timezone.now()
    report = Report()
    followers: dict[int, list] = {}
    profiles = (CitizenProfile.objects.filter(user__is_active=True)
                .exclude(user__email="").select_related("user")
                .prefetch_related("notify_new_procedures"))
    for profile in profiles:
        for authority in profile.notify_new_procedures.all():
            followers.setdefault(authority.pk, []).append(profile.user)
    if not followers:
        return report
    plans = (Plan.objects.published().with_open_participation(now)
             .filter(authority_id__in=followers).select_related("authority", "procedure"))
    for plan in plans:
        for phase in plan.procedure.phases.open_at(now):
            if not _public(phase):
                continue
            for user in followers[plan.authority_id]:
                if ParticipationAnnouncement.objects.filter(user=user, phase=phase).exists():
                    continue
                try:
                    with transaction.atomic():
                        ParticipationAnnouncement.objects.create(user=user, phase=phase)
                        _mail(user, plan, phase, base_url)
                except IntegrityError:  # another run announced it
                    continue
                report.mailed.append(f"{user.pk} → {phase.pk}")
    return report


def _mail(user, plan, phase, base_url: str) -> None:
    url = base_url.rstrip("/") + plan.get_absolute_url() if base_url else ""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"plan": plan, "phase": phase, "url": url, "portal_name": settings.PORTAL_NAME}
        subject = render_to_string("accounts_citizen/mail/participation_subject.txt", context)
        body = render_to_string("accounts_citizen/mail/participation.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
