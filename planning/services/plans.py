"""Writes of plans: create, update, publish. Keyword-only, validated, side effects on commit."""

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gis.geometry import repair_geometry
from gis.models import Layer
from gis.srid import storage_srid
from gis.tiles.server_cache import forget_layer_tiles
from portal.models import Authority, Procedure

from ..models import Plan

EDITABLE_FIELDS = (
    "name", "number", "description", "plan_class", "plan_art", "legal_status", "ags",
    "municipality_name", "decision_to_prepare_date", "council_decision_date", "publication_date",
    "entry_into_force_date",
)


def normalise_area(area: GEOSGeometry | None) -> MultiPolygon | None:
    """A Geltungsbereich as a valid MultiPolygon in the storage SRID (repaired if needed)."""
    if area is None:
        return None
    if area.srid is None:
        raise ValidationError({"area": _("The Geltungsbereich has no coordinate reference system.")})
    area = area.transform(storage_srid(), clone=True) if area.srid != storage_srid() else area
    try:
        area, _repair = repair_geometry(area, polygons_only=True)
    except Exception as exc:  # InputError: show it on the field
        raise ValidationError({"area": str(exc)}) from exc
    return area


@transaction.atomic
def create_plan(*, authority: Authority, name: str, procedure_kind: str | None = "baugb_regular",
                **fields) -> Plan:
    plan = Plan(authority=authority, name=name)
    for key, value in fields.items():
        if key not in EDITABLE_FIELDS and key != "area":
            raise TypeError(f"unknown plan field {key}")
        setattr(plan, key, value)
    plan.area = normalise_area(fields.get("area"))
    if not plan.ags and authority.ags:
        plan.ags = authority.ags
    if not plan.municipality_name and authority.kind == "municipality":
        plan.municipality_name = authority.name
    if procedure_kind:
        procedure = Procedure(authority=authority, kind=procedure_kind, title=name[:300])
        procedure.full_clean()
        procedure.save()
        plan.procedure = procedure
    plan.derive_classification()
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def update_plan(*, plan: Plan, **fields) -> Plan:
    for key, value in fields.items():
        if key == "area":
            value = normalise_area(value)
        elif key not in EDITABLE_FIELDS:
            raise TypeError(f"unknown plan field {key}")
        setattr(plan, key, value)
    plan.derive_classification()
    plan.full_clean()
    plan.save()
    if plan.procedure_id and "name" in fields:
        Procedure.objects.filter(pk=plan.procedure_id).update(title=plan.name[:300])
    _sync_layer_visibility(plan)
    return plan


def _sync_layer_visibility(plan: Plan) -> None:
    """Layers of a published plan are public; a change of the layer set bumps its version."""
    changed = Layer.objects.filter(pk__in=plan.plan_layers.values("layer_id")).exclude(
        is_public=plan.is_published)
    forget_layer_tiles(changed.values_list("uid", flat=True))
    changed.update(is_public=plan.is_published)


@transaction.atomic
def publish_plan(*, plan: Plan) -> Plan:
    if plan.area is None:
        raise ValidationError(
            _("A plan can only be published with its Geltungsbereich: draw or upload it first.")
        )
    plan.is_published = True
    plan.published_at = plan.published_at or timezone.now()
    plan.save(update_fields=["is_published", "published_at", "updated_at"])
    _sync_layer_visibility(plan)
    return plan


@transaction.atomic
def unpublish_plan(*, plan: Plan) -> Plan:
    plan.is_published = False
    plan.save(update_fields=["is_published", "updated_at"])
    _sync_layer_visibility(plan)
    return plan
