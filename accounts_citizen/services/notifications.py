"""E-mails to citizens when the status of one of their contributions changes.

Guarantees (docs/accounts.md):
- One e-mail per change: each link remembers the status last notified
  (Contribution.notified_status, set when the contribution was linked); a run mails the links
  whose module now reports another status and advances them. A second run sends nothing.
- Only to those who want it (CitizenProfile.notify_status_changes, on by default) and whose
  account is active; for the others the status is advanced silently.
- In German (the portal's first language), to the account's address; no personal data of the
  contribution in the mail, only its reference, subject and new status.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from ..contributions import registry
from ..models import CitizenProfile, Contribution


@dataclass
class Report:
    changed: int = 0
    mailed: list[str] = field(default_factory=list)  # "reference → status_key"


def send_status_updates() -> Report:
    report = Report()
    links = list(Contribution.objects.filter(user__is_active=True).select_related("user"))
    by_kind: dict[str, list[Contribution]] = {}
    for link in links:
        by_kind.setdefault(link.kind, []).append(link)
    silent = set(CitizenProfile.objects.filter(notify_status_changes=False)
                 .values_list("user_id", flat=True))
    for kind, kind_links in by_kind.items():
        provider = registry.provider(kind)
        if provider is None:
            continue
        rows = {row.uid: row for row in provider.rows([link.object_uid for link in kind_links])}
        for link in kind_links:
            row = rows.get(link.object_uid)
            if row is None or not row.status_key or row.status_key == link.notified_status:
                continue
            report.changed += 1
            with transaction.atomic():
                updated = Contribution.objects.filter(
                    pk=link.pk, notified_status=link.notified_status,
                ).update(notified_status=row.status_key)
                if not updated:  # another run took this change
                    continue
                if link.user_id not in silent and link.user.email:
                    _mail(link.user, row)
                    report.mailed.append(f"{row.reference} → {row.status_key}")
    return report


def _mail(user, row) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {"row": row, "portal_name": settings.PORTAL_NAME}
        subject = render_to_string("accounts_citizen/mail/status_changed_subject.txt", context)
        body = render_to_string("accounts_citizen/mail/status_changed.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
