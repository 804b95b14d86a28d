"""The trail categories of an authority: incident categories marked as trail categories
(TrailCategory), so their reports snap to the trails. Created once, kept when they exist."""

from django.db import transaction
from django.utils.translation import gettext as _

from participation.incidents.models import IncidentCategory

from ..models import TrailCategory


def default_categories() -> list[tuple[str, str]]:
    return [
        ("wegweiser-fehlt", _("Signpost missing")),
        ("wegweiser-beschaedigt", _("Signpost broken")),
        ("wegweiser-unleserlich", _("Signpost unreadable")),
        ("wegweiser-falsch", _("Signpost points the wrong way")),
        ("weg-zugewachsen", _("Trail overgrown")),
        ("weg-schaden", _("Trail damaged")),
    ]


def ensure_trail_categories(authority) -> list[IncidentCategory]:
    """The six trail categories of the issue, created where missing, all marked trail."""
    categories = []
    with transaction.atomic():
        for order, (code, name) in enumerate(default_categories(), start=100):
            category, _created = IncidentCategory.objects.get_or_create(
                authority=authority, service_code=code,
                defaults={"name": name, "group": _("Trails"), "order": order})
            TrailCategory.objects.get_or_create(category=category)
            categories.append(category)
    return categories
