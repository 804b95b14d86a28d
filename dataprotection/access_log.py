"""The recorder behind portal.access_log: one AccessLogEntry per opening of personal data,
visible to the authority's admins, deleted by the retention rule "access_log"."""

from django.utils.translation import gettext_lazy as _

from .models import AccessLogEntry

LABELS = {
    "submitter-details": _("details of a statement with its submitter"),
    "attachment": _("attachment of a statement"),
    "letters": _("result letters"),
    "export": _("export with personal data"),
    "statement-export": _("list of statements (CSV)"),
    "subject-request": _("data-subject request"),
    "subject-export": _("export for a data-subject request"),
    "person-search": _("search for a person"),
}


def record_access(request, *, authority, what: str, reference: str = "") -> None:
    AccessLogEntry.objects.create(authority=authority, user=request.user, what=what[:60],
                                  object_reference=str(reference)[:200],
                                  path=request.path[:500])


def label(what: str) -> str:
    return str(LABELS.get(what, what))
