"""Supporting an open report (“me too”) instead of reporting the same problem again.

- Only open reports (not closed) can be supported; ReportRefused otherwise.
- One support per e-mail address and report (the same address again returns the existing
  one); anonymous supports are counted without limit but rate-limited per client by the view.
- Supporters with an address receive the report's status e-mails (mail.py).
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..errors import ReportRefused
from ..models import IncidentReport, ReportSupport, Status


def support_report(*, report: IncidentReport, email: str = "") -> tuple[ReportSupport, bool]:
    email = " ".join(str(email or "").split()).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ReportRefused(_("Please enter a valid e-mail address.")) from exc
    if report.status == Status.CLOSED:
        raise ReportRefused(_("This report is closed; please report the problem anew."))
    if email:
        existing = ReportSupport.objects.filter(report=report, email=email).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            return ReportSupport.objects.create(report=report, email=email), True
    except IntegrityError:  # the same address at the same moment
        return ReportSupport.objects.get(report=report, email=email), False
