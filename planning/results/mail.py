"""The result e-mail (Mitteilung des Abwägungsergebnisses), one per ResultNotification.

Rendered in the portal's primary language (settings.LANGUAGE_CODE) from
planning/emails/result_notification.txt. The subject is one line without control characters
(the plan name is staff input); the recipients are re-validated bare addresses, never
"Name <address>", so no submitted name ever reaches a header (SECURITY.md C9).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import ResultNotification
from ..weighing.results import StatementResult
from .recipients import addresses_of
from .text import excerpt, one_line, part_labels

SECTION_EXCERPT_CHARS = 240


def public_result_url(plan, base_url: str) -> str:
    if not base_url:
        return ""
    return base_url.rstrip("/") + reverse(
        "planning_results:public", kwargs={"authority_slug": plan.authority.slug,
                                           "plan_uid": plan.uid})


def parts_context(result: StatementResult) -> list[dict]:
    sections = list(result.statement.sections.all()) if not result.statement.group_id else []
    labels = part_labels(result)
    rows = []
    for i, (label, part) in enumerate(zip(labels, result.parts, strict=True)):
        rows.append({
            "label": label,
            "text": excerpt(sections[i].text, SECTION_EXCERPT_CHARS) if label and sections else "",
            "decision_label": part.decision_label,
            "reasoning": part.reasoning,
            "plan_change": part.plan_change,
        })
    return rows


def statement_text_for(notification: ResultNotification, result: StatementResult) -> str:
    statement = result.statement
    if notification.cosignature_id:
        # A co-signer read the text shown publicly (moderated), not the original.
        return statement.public_text or statement.text
    return statement.text


def result_context(*, notification: ResultNotification, result: StatementResult,
                   group_size: int = 0, public_url: str = "") -> dict:
    statement = result.statement
    return {
        "statement": statement,
        "plan": statement.plan,
        "authority": statement.authority,
        "cosigner": bool(notification.cosignature_id),
        "received": timezone.localtime(statement.received_at),
        "text_excerpt": excerpt(statement_text_for(notification, result))
                        or _("No concerns."),
        "group_others": max(group_size - 1, 0) if statement.group_id else 0,
        "decision_label": result.decision_label,
        "parts": parts_context(result),
        "public_url": public_url,
    }


def result_subject(result: StatementResult) -> str:
    statement = result.statement
    return one_line(_("Result of the weighing of statement %(reference)s – %(plan)s") % {
        "reference": statement.reference, "plan": statement.plan.name}, 200)


def result_message(*, notification: ResultNotification, result: StatementResult,
                   group_size: int = 0, public_url: str = "", connection=None) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        context = result_context(notification=notification, result=result,
                                 group_size=group_size, public_url=public_url)
        body = render_to_string("planning/emails/result_notification.txt", context)
        subject = result_subject(result)
    authority = result.statement.authority
    reply_to = [authority.contact_email] if authority.contact_email else None
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                        to=addresses_of(notification.recipient), reply_to=reply_to,
                        connection=connection)
