"""Portal-level checks of a read document against the authority it is imported for.

The reader (planning.xplanung) checks the file itself; these checks need the portal:

| code | level | when |
|---|---|---|
| no_plan | error | the file holds no BP/FP/SO/RP/LP plan |
| plan_without_area | error | a plan has no usable Geltungsbereich (it could not be found on the map) |
| ags_mismatch | warning | the plan's AGS is not the authority's (or not inside it, for a district or Land) |
| ags_replaced | warning | the plan's AGS is not a valid key; the authority's is stored |
| outside_jurisdiction | warning | the Geltungsbereich lies (partly) outside the authority's jurisdiction |
| unknown_code | warning | planArt, rechtsstand or a building-use code that XPlanung does not define |
| already_imported | warning | a plan with the same gml:id was imported for this authority before |

Each finding is a planning.xplanung.Message with the plan's line, gml:id and, where it is about
the place, a coordinate in the file's CRS.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.keys import validate_ags
from portal.models import Authority, AuthorityKind

from ..codelists import BP_PLAN_ART, FP_PLAN_ART, LegalStatus
from ..models import Plan
from ..services.jurisdiction import jurisdiction_warning
from ..xplanung import Message, XPlanDocument
from ..xplanung import Plan as XPlan
from ..xplanung.report import reproject
from .landuse import ALLGEMEINE_ART, BESONDERE_ART, is_known, use_code

PLAN_ART_CODES = {"BP_Plan": BP_PLAN_ART, "FP_Plan": FP_PLAN_ART}
#: Plan classes whose rechtsstand uses the BP/FP code list the portal stores.
LEGAL_STATUS_CLASSES = frozenset({"BP_Plan", "FP_Plan"})


def _where(plan: XPlan, *, with_place: bool = False) -> dict:
    where = {"line": plan.line, "gml_id": plan.gml_id}
    if with_place and plan.area is not None:
        point = plan.area.point_on_surface
        where["coordinates"] = (round(point.x, 3), round(point.y, 3))
    return where


def valid_ags(value: str | None) -> bool:
    if not value:
        return False
    try:
        validate_ags(value)
    except ValidationError:
        return False
    return True


def _ags_prefix(authority: Authority) -> str | None:
    """The part of an AGS that the authority's own AGS fixes (all of it for a municipality)."""
    if not authority.ags:
        return None
    if authority.kind == AuthorityKind.STATE:
        return authority.ags[:2]
    if authority.kind == AuthorityKind.DISTRICT:
        return authority.ags[:5]
    return authority.ags


def check_ags(plan: XPlan, authority: Authority) -> list[Message]:
    prefix = _ags_prefix(authority)
    if not valid_ags(plan.ags):
        if plan.ags and authority.ags:
            return [Message("warning", "ags_replaced", _(
                "The plan's municipality key (AGS) “%(ags)s” is not a valid key; the "
                "authority's AGS %(authority_ags)s is stored instead."
            ) % {"ags": plan.ags, "authority_ags": authority.ags}, **_where(plan))]
        return []
    if prefix and not plan.ags.startswith(prefix):
        return [Message("warning", "ags_mismatch", _(
            "The plan's municipality key (AGS) %(ags)s does not belong to %(authority)s (AGS "
            "%(authority_ags)s). Please check that the plan is imported for the right authority."
        ) % {"ags": plan.ags, "authority": authority.name, "authority_ags": authority.ags},
            **_where(plan))]
    return []


def check_jurisdiction(plan: XPlan, authority: Authority, storage_srid: int) -> list[Message]:
    if plan.area is None or authority.jurisdiction is None:
        return []
    area = plan.area if plan.area.srid == storage_srid else reproject(plan.area, storage_srid)
    text = jurisdiction_warning(Plan(authority=authority, area=area))
    if not text:
        return []
    return [Message("warning", "outside_jurisdiction", text, **_where(plan, with_place=True))]


def check_area(plan: XPlan, reported: set[tuple[str, str]]) -> list[Message]:
    if plan.area is not None and not plan.area.empty:
        return []
    if ("plan_without_area", plan.gml_id) in reported:
        return []  # the reader said so already
    return [Message("error", "plan_without_area", _(
        "The plan %(name)s has no usable Geltungsbereich (raeumlicherGeltungsbereich), so it "
        "could not be found on the map. Correct the area in the file and import it again."
    ) % {"name": plan.name or plan.gml_id}, **_where(plan))]


def check_codes(plan: XPlan) -> list[Message]:
    messages = []
    known_arts = PLAN_ART_CODES.get(plan.xplan_class)
    if known_arts is not None:
        for code in plan.plan_art:
            if code not in known_arts:
                messages.append(Message("warning", "unknown_code", _(
                    "planArt %(code)s is not a code of %(class)s; the plan is stored, but its "
                    "kind may be shown wrongly."
                ) % {"code": code, "class": plan.xplan_class}, **_where(plan)))
    if (
        plan.xplan_class in LEGAL_STATUS_CLASSES
        and plan.legal_status
        and plan.legal_status not in LegalStatus.values
    ):
        messages.append(Message("warning", "unknown_code", _(
            "rechtsstand %(code)s is not a known code; the plan is stored without a legal status."
        ) % {"code": plan.legal_status}, **_where(plan)))
    unknown: Counter = Counter()
    first = {}
    for item in plan.objects:
        attribute, code = use_code(item.xplan_class, item.attributes)
        if attribute in (BESONDERE_ART, ALLGEMEINE_ART) and not is_known(attribute, code):
            key = (item.xplan_class, attribute, code)
            unknown[key] += 1
            first.setdefault(key, item)
    for (xplan_class, attribute, code), count in sorted(unknown.items()):
        item = first[(xplan_class, attribute, code)]
        messages.append(Message("warning", "unknown_code", _(
            "%(count)d objects of class %(class)s have %(attribute)s = %(code)s, which XPlanung "
            "does not define; they are drawn in the layer's default colour."
        ) % {"count": count, "class": xplan_class, "attribute": attribute, "code": code},
            line=item.line, gml_id=item.gml_id))
    return messages


def check_duplicates(plan: XPlan, authority: Authority) -> list[Message]:
    earlier = Plan.objects.filter(authority=authority, xplan_gml_id=plan.gml_id).first()
    if earlier is None or not plan.gml_id:
        return []
    return [Message("warning", "already_imported", _(
        "A plan with the same gml:id was imported before (“%(name)s”); this import creates a "
        "second plan. Delete the older one if it is replaced."
    ) % {"name": earlier.name}, **_where(plan))]


def portal_checks(document: XPlanDocument, authority: Authority, storage_srid: int) -> list[Message]:
    """Findings about the document in the context of `authority` (errors block the import)."""
    if not document.plans:
        return [Message("error", "no_plan", _(
            "The file contains no plan (BP_Plan, FP_Plan, SO_Plan, RP_Plan or LP_Plan); there "
            "is nothing to import."
        ))]
    reported = {(m.code, m.gml_id) for m in document.messages}
    messages: list[Message] = []
    for plan in document.plans:
        messages += check_area(plan, reported)
        messages += check_ags(plan, authority)
        messages += check_jurisdiction(plan, authority, storage_srid)
        messages += check_codes(plan)
        messages += check_duplicates(plan, authority)
    return messages
