"""The admin's "view on site" shortcut (/admin/r/<content type>/<id>/), made safe.

Django's shortcut redirects any staff user to the public URL of *any* object by id, which named
other tenants' unpublished plans, and a malformed or oversized id ended in a server error. Here
it serves superusers only (tenant staff use the portal's own, scoped pages); everyone else and
every id that does not name an existing object gets 404.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404

_MAX_DIGITS = 18  # below 2**63: larger ids overflow the database's integer types


def _existing_object_or_404(content_type_id: str, object_id: str):
    if not content_type_id.isdigit() or len(content_type_id) > _MAX_DIGITS:
        raise Http404
    content_type = ContentType.objects.filter(pk=int(content_type_id)).first()
    model = content_type.model_class() if content_type else None
    if model is None:
        raise Http404
    pk_field = model._meta.pk
    try:
        pk = pk_field.to_python(object_id)
    except ValidationError:
        raise Http404 from None
    if isinstance(pk, int) and not 0 < pk < 2**63:
        raise Http404
    if not model._default_manager.filter(pk=pk).exists():
        raise Http404


@staff_member_required
def admin_shortcut(request, content_type_id: str, object_id: str):
    if not request.user.is_superuser:
        raise Http404
    _existing_object_or_404(content_type_id, object_id)
    return shortcut(request, content_type_id, object_id)
