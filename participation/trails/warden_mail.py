"""E-mail to the trail wardens of the sections a new report lies in (after the commit; a
failing mail server never undoes a report, it is logged)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def send_new_report(report_id: int, site_url: str = "") -> None:
    from participation.incidents.models import IncidentReport

    from .selectors import wardens_of

    report = (IncidentReport.objects.select_related("authority", "category")
              .filter(pk=report_id).first())
    if report is None:
        return
    for warden in wardens_of(report):
        address = warden.user.email or warden.email
        if not address:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = translation.gettext("New report in your trail section: %(reference)s") % {
                "reference": report.reference}
            body = render_to_string("trails/emails/new_report.txt",
                                    {"report": report, "warden": warden})
        try:
            EmailMessage(subject=subject, body=body, to=[address],
                         from_email=settings.DEFAULT_FROM_EMAIL).send()
        except Exception:  # SMTP down: the report is safe
            logger.warning("Trail warden mail failed", exc_info=True)
