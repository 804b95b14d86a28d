"""The e-mails of a subscription: the confirmation link, notices and digests.

Every e-mail carries the one-click unsubscribe link in its text and in the headers of RFC 2369
and RFC 8058 (List-Unsubscribe with the https link, List-Unsubscribe-Post:
List-Unsubscribe=One-Click): a mail client POSTs to the link and the subscription is gone.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from . import tokens
from .models import Delivery, Subscription


def link(subscription: Subscription, path: str) -> str:
    return subscription.site_url.rstrip("/") + path


def confirm_url(subscription: Subscription) -> str:
    return link(subscription, reverse("subscriptions:confirm", args=[
        tokens.token(tokens.CONFIRM, subscription.public_id)]))


def unsubscribe_url(subscription: Subscription) -> str:
    return link(subscription, reverse("subscriptions:unsubscribe", args=[
        tokens.token(tokens.UNSUBSCRIBE, subscription.public_id)]))


def _message(subscription: Subscription, subject: str, template: str, context: dict) -> EmailMessage:
    unsubscribe = unsubscribe_url(subscription)
    body = render_to_string(template, {**context, "subscription": subscription,
                                       "unsubscribe_url": unsubscribe,
                                       "portal_name": settings.PORTAL_NAME})
    return EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[subscription.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
        headers={"List-Unsubscribe": f"<{unsubscribe}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "Auto-Submitted": "auto-generated"})


@task(queue_name="default")
def send_confirmation(subscription_id: int) -> str:
    from .services import CONFIRMATION_DAYS

    subscription = Subscription.objects.filter(pk=subscription_id,
                                               confirmed_at__isnull=True).first()
    if subscription is None:
        return "nothing to send"
    with translation.override(subscription.language):
        subject = translation.gettext("Please confirm your subscription to %(portal)s") % {
            "portal": settings.PORTAL_NAME}
        message = _message(subscription, subject, "subscriptions/emails/confirm.txt", {
            "confirm_url": confirm_url(subscription), "days": CONFIRMATION_DAYS})
    message.send()
    return "sent"


def notice_message(subscription: Subscription, deliveries: list[Delivery]) -> EmailMessage:
    """One event (immediate) or the digest of several."""
    with translation.override(subscription.language):
        if len(deliveries) == 1:
            subject = deliveries[0].title
        else:
            subject = translation.ngettext(
                "%(count)d new notice for %(area)s", "%(count)d new notices for %(area)s",
                len(deliveries)) % {"count": len(deliveries), "area": subscription.area_label}
        items = [{"title": d.title, "summary": d.summary, "url": link(subscription, d.url)}
                 for d in deliveries]
        return _message(subscription, subject[:200], "subscriptions/emails/notice.txt",
                        {"items": items})
