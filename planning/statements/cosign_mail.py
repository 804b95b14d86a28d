"""The confirmation e-mail of a co-signature: the link that makes it count (sent after the
commit by a background task; planning/services/cosigning.py)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from ..models import CoSignature


@task(queue_name="default")
def send_cosignature_confirmation(cosignature_id: int, base_url: str) -> str:
    from ..services.cosigning import CONFIRMATION_MAX_AGE, confirmation_token

    signature = CoSignature.objects.select_related("statement__plan__authority").filter(
        pk=cosignature_id, confirmed_at__isnull=True).first()
    if signature is None:
        return "nothing to send"
    statement = signature.statement
    link = base_url.rstrip("/") + reverse(
        "planning:cosign-confirm", args=[statement.authority.slug, statement.plan.uid,
                                         confirmation_token(signature)])
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("Please confirm your co-signature of statement %(reference)s") % {
            "reference": statement.reference}
        body = render_to_string("planning/emails/cosignature_confirmation.txt", {
            "signature": signature, "statement": statement, "link": link,
            "days": CONFIRMATION_MAX_AGE.days})
    EmailMessage(subject=subject, body=body, to=[signature.email],
                 from_email=settings.DEFAULT_FROM_EMAIL).send()
    return "sent"
