"""The e-mails to agencies: the invitation (with the personal link) and the reminder.

Rendered in the portal's primary language (settings.LANGUAGE_CODE) from
planning/emails/agency_*.txt/html. Subjects are single-line (no header injection through a plan
or agency name); the recipients are the agency's validated addresses.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import AgencyInvitation


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:200]


def _context(invitation: AgencyInvitation, **extra) -> dict:
    phase = invitation.phase
    authority = phase.procedure.authority
    definition = phase.kind_definition
    return {
        "invitation": invitation,
        "agency": invitation.agency,
        "phase": phase,
        "plan": phase.procedure.plan,
        "authority": authority,
        "legal_basis": definition.legal_basis if definition else "",
        "last_moment": timezone.localtime(phase.last_moment),
        "portal_name": getattr(settings, "PORTAL_NAME", ""),
        **extra,
    }


def _message(subject: str, template: str, context: dict, invitation) -> EmailMultiAlternatives:
    authority = invitation.phase.procedure.authority
    text = render_to_string(f"planning/emails/{template}.txt", context)
    html = render_to_string(f"planning/emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=_one_line(subject), body=text, from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(invitation.agency.emails),
        reply_to=[authority.contact_email] if authority.contact_email else None,
    )
    message.attach_alternative(html, "text/html")
    return message


def invitation_message(invitation: AgencyInvitation, link: str) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(invitation, link=link)
        subject = _("Invitation to comment: %(plan)s – %(phase)s") % {
            "plan": context["plan"].name, "phase": context["phase"].display_title}
        return _message(subject, "agency_invitation", context, invitation)


def reminder_message(invitation: AgencyInvitation) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(invitation)
        subject = _("Reminder: statement on %(plan)s due by %(date)s") % {
            "plan": context["plan"].name,
            "date": context["phase"].end_date.strftime("%d.%m.%Y")}
        return _message(subject, "agency_reminder", context, invitation)
