"""Recording who opened personal data (visible to the authority's admins, subject to
retention: data type "access_log")."""

from .models import AccessLogEntry


def record_access(request, *, authority, what: str, reference: str = "") -> None:
    AccessLogEntry.objects.create(authority=authority, user=request.user, what=what[:60],
                                  object_reference=str(reference)[:200],
                                  path=request.path[:500])
