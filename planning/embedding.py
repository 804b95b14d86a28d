"""Embeddable planning pages (portal.embedding.registry): a plan procedure, its statement
form and receipt, and the map of the authority's plans (embed only, /einbetten/<slug>/karte/)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.embedding import registry

from .models import Plan

MAP_PATH = "karte/"
#: The snippet page lists this many procedures (newest first); older ones are rarely embedded.
MAX_PLAN_SNIPPETS = 50


def authority_plan_map(request, authority_slug):
    """The state portal's map and list of plans, limited to this authority."""
    from .views.public import state_portal

    request.GET = request.GET.copy()
    request.GET["authority"] = authority_slug
    return state_portal(request)


def plan_snippets(authority) -> list[registry.Snippet]:
    # Imported here, like the map view above: registering at start-up must not import the
    # views (and with them fpdf2 and Pillow) in processes that never serve a page.
    from .views.statement_public import open_public_phase

    found = [registry.Snippet(label=_("Map of the plans"), rest=MAP_PATH, kind="map")]
    now = timezone.now()
    plans = (Plan.objects.published().filter(authority=authority, procedure__isnull=False)
             .select_related("procedure").order_by("-pk")[:MAX_PLAN_SNIPPETS])
    for plan in plans:
        found.append(registry.Snippet(
            label=_("Procedure: %(name)s") % {"name": plan.name},
            rest=f"plaene/{plan.uid}/", kind="procedure"))
        if open_public_phase(plan, now) is not None:
            found.append(registry.Snippet(
                label=_("Statement form: %(name)s") % {"name": plan.name},
                rest=f"plaene/{plan.uid}/stellungnahme/", kind="form"))
    return found


def register() -> None:
    registry.register_pages(
        registry.Page("planning:plan-detail", kind="procedure"),
        registry.Page("planning:statement-form", kind="form"),
        registry.Page("planning:statement-receipt", kind="receipt",
                      receipt_argument="statement_uid"),
        registry.Page("planning:statement-receipt-pdf", kind="receipt",
                      receipt_argument="statement_uid"),
    )
    registry.register_embed_only(MAP_PATH, authority_plan_map)
    registry.register_snippets(plan_snippets)
