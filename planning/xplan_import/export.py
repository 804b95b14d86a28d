"""A plan of the portal as XPlanGML 6.0 or XPlanArchiv, built from the database rows.

    data = export_plan_gml(plan)                        # bytes of an xplan:XPlanAuszug
    archive = export_plan_archive(plan)                 # xplan.gml + documents + scans

The plan's facts and Geltungsbereich come from the Plan row, its external references from its
PlanDocuments, its objects from the Feature rows of its content layers (reprojected to the
file's CRS in the database). An imported plan's XPlanRecord adds what the tables do not hold:
the plan's other XPlanung properties, its Bereiche, objects without geometry and the property
order; a fact is written from the Plan row where staff changed it after the import, otherwise
exactly as imported. A plan made in the portal is written from its facts alone.
"""

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.contrib.gis.db.models.functions import Transform
from django.utils.translation import gettext as _

from gis.models import Feature as FeatureRow
from gis.models import LayerKind
from gis.srid import storage_srid

from ..codelists import PlanClass
from ..models import Plan, XPlanRecord
from ..xplanung import (
    ExternalReference,
    Feature,
    Message,
    Municipality,
    write_xplan_60,
    write_xplan_archive,
)
from ..xplanung import Plan as XPlan
from ..xplanung.limits import ARCHIVE_SUFFIXES
from ..xplanung.plan_facts import local_ids
from ..xplanung.rasters import local_name
from ..xplanung.report import reproject
from .record import FACT_FIELDS, RecordContent, changed_facts, read_record
from .uploaded_layers import uploaded_objects

DEFAULT_GEOMETRY_PROPERTY = "position"


@dataclass
class ExportContent:
    xplan: XPlan
    #: Files of an XPlanArchiv: name in the archive -> FieldFile.
    files: dict = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    #: XPlanung version of the imported file ("4.1" …): older content is migrated to 6.0.
    source_version: str | None = None


def _source_srid(plan: Plan, record: XPlanRecord | None) -> int:
    if record is not None and record.source_srid:
        return record.source_srid
    label = plan.source_crs or ""
    if label.startswith("EPSG:") and label[5:].isdigit():
        return int(label[5:])
    return storage_srid()


def _set_municipality(xplan: XPlan, ags: str, name: str) -> None:
    if not xplan.municipalities:
        if not (ags or name):
            return
        xplan.municipalities = [Municipality()]
    first = xplan.municipalities[0]
    first.ags = ags or None
    first.ags_raw = ags or None
    first.name = name or None


def _apply_facts(xplan: XPlan, plan: Plan, changed: set[str], srid: int) -> None:
    fp = plan.plan_class == PlanClass.FP
    setters = {
        "name": lambda: setattr(xplan, "name", plan.name),
        "number": lambda: setattr(xplan, "number", plan.number or None),
        "description": lambda: setattr(xplan, "description", plan.description or None),
        "plan_class": lambda: setattr(xplan, "xplan_class", plan.plan_class),
        "plan_art": lambda: setattr(xplan, "plan_art", list(plan.plan_art or [])),
        "legal_status": lambda: setattr(xplan, "legal_status", plan.legal_status or None),
        "decision_to_prepare_date": lambda: setattr(
            xplan.dates, "aufstellungsbeschluss", plan.decision_to_prepare_date),
        "council_decision_date": lambda: setattr(
            xplan.dates, "planbeschluss" if fp else "satzungsbeschluss", plan.council_decision_date),
        "entry_into_force_date": lambda: setattr(
            xplan.dates, "wirksamkeit" if fp else "inkrafttretens", plan.entry_into_force_date),
    }
    for name in changed & set(setters):
        setters[name]()
    if changed & {"ags", "municipality_name"}:
        _set_municipality(xplan, plan.ags, plan.municipality_name)
    if "area" in changed:
        area = plan.area
        if area is not None and area.srid != srid:
            area = reproject(area, srid)
        xplan.geometry = area
        xplan.geometry_property = "raeumlicherGeltungsbereich"


def _references(plan: Plan, xplan: XPlan, public_only: bool, files: dict,
                messages: list[Message]) -> list[ExternalReference]:
    originals = {ref.href: ref for ref in xplan.external_references if ref.href}
    documents = plan.documents.all()
    if public_only:
        documents = documents.filter(is_public=True)
    references = []
    for document in documents:
        href = document.file_name if document.file else document.external_href
        if not href:
            continue
        if document.file:
            if not archive_member_name_ok(href):
                messages.append(Message("warning", "document_not_exported", _(
                    "The document “%(name)s” was left out: its file name cannot be used inside "
                    "an XPlanArchiv."
                ) % {"name": href}))
                continue
            if href.casefold() in {name.casefold() for name in files}:
                messages.append(Message("warning", "document_not_exported", _(
                    "The document “%(name)s” was left out: another file of the plan has the "
                    "same name."
                ) % {"name": href}))
                continue
            files[href] = document.file
        original = originals.get(href)
        references.append(ExternalReference(
            type=document.kind, href=href, name=document.title,
            art=original.art if original else None,
            mime_type=document.content_type or (original.mime_type if original else None),
            georef_url=original.georef_url if original else None,
            description=original.description if original else None,
            date=original.date if original else None,
        ))
    return references


def archive_member_name_ok(name: str) -> bool:
    """A plain relative name of an accepted type (what write_xplan_archive accepts)."""
    return (
        local_name(name) == name
        and not any(ord(ch) < 32 for ch in name)
        and PurePosixPath(name).suffix.lower() in ARCHIVE_SUFFIXES
    )


def _scan_files(plan: Plan, content: RecordContent, files: dict) -> None:
    layers = {
        pl.layer.source_name: pl.layer
        for pl in plan.plan_layers.select_related("layer").filter(layer__kind=LayerKind.RASTER)
        if pl.layer.source_file
    }
    for bereich in content.bereiche:
        for raster in bereich.rasters:
            layer = layers.get(raster.file_name or "")
            if layer is None or raster.file_name in files:
                continue
            files[raster.file_name] = layer.source_file
            if raster.world_file and layer.world_file:
                files[raster.world_file] = layer.world_file


def _bereich_links(content: RecordContent) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for bereich in content.bereiche:
        for object_id in bereich.object_ids:
            links.setdefault(object_id, []).append(bereich.gml_id)
    return links


def _property_order(row, content: RecordContent, geometry_property: str) -> list[str]:
    order = content.property_orders.get(row.feature_class, [])
    present = set(row.attributes) | {geometry_property}
    result = [key for key in order if key in present]
    result += [key for key in row.attributes if key not in result]
    if geometry_property not in result:
        result.append(geometry_property)
    return result


def _objects(plan: Plan, content: RecordContent, srid: int) -> list[Feature]:
    rows = FeatureRow.objects.filter(
        layer__plan_link__plan=plan, layer__kind=LayerKind.VECTOR
    ).exclude(external_id="").exclude(feature_class="")
    if srid != storage_srid():
        rows = rows.annotate(source_geometry=Transform("geometry", srid))
    links = _bereich_links(content)
    positioned: list[tuple[int, Feature]] = []
    for row in rows.order_by("source_index", "pk"):
        geometry_property = content.geometry_properties.get(row.feature_class,
                                                            DEFAULT_GEOMETRY_PROPERTY)
        attributes = row.attributes or {}
        bereich_ids = list(dict.fromkeys(
            [b for key, value in attributes.items()
             if key.startswith(("gehoertZu", "gehoertNachrichtlichZu")) and key.endswith("Bereich")
             for b in local_ids(value)] + links.get(row.external_id, [])
        ))
        feature = Feature(
            xplan_class=row.feature_class, gml_id=row.external_id, attributes=attributes,
            property_order=_property_order(row, content, geometry_property),
            geometry_property=geometry_property,
            geometry=getattr(row, "source_geometry", None) or row.geometry,
            bereich_ids=bereich_ids, plan_ids=[content.plan.gml_id],
        )
        positioned.append((row.source_index, feature))
    positioned += content.objects_without_geometry
    return [feature for _index, feature in sorted(positioned, key=lambda item: item[0])]


def build_export(plan: Plan, *, public_only: bool = False) -> ExportContent:
    """The plan as XPlanung dataclasses plus the files an archive would carry."""
    record = XPlanRecord.objects.filter(plan=plan).first()
    srid = _source_srid(plan, record)
    if record is not None:
        content = read_record(record.data)
        changed = changed_facts(plan, content.imported_facts)
    else:
        xplan = XPlan(xplan_class=plan.plan_class, gml_id=plan.xplan_gml_id or f"GML_{plan.uid}")
        content = RecordContent(plan=xplan, bereiche=[])
        changed = set(FACT_FIELDS) | {"area"}
    xplan = content.plan
    _apply_facts(xplan, plan, changed, srid)
    export = ExportContent(
        xplan=xplan,
        source_version=(record.xplan_version if record else None) or plan.xplan_version or None,
    )
    xplan.external_references = _references(plan, xplan, public_only, export.files,
                                            export.messages)
    if record is not None:
        _scan_files(plan, content, export.files)
        xplan.objects = _objects(plan, content, srid)
    # Layers uploaded in the portal (no XPlanung class) go along as generic objects.
    xplan.objects = list(xplan.objects or []) + uploaded_objects(plan, xplan, srid)
    return export


def export_plan_gml(plan: Plan, *, public_only: bool = False,
                    messages: list[Message] | None = None) -> bytes:
    export = build_export(plan, public_only=public_only)
    if messages is not None:
        messages.extend(export.messages)
    return write_xplan_60(export.xplan, messages=messages, source_version=export.source_version)


def export_plan_archive(plan: Plan, *, public_only: bool = False,
                        messages: list[Message] | None = None) -> bytes:
    export = build_export(plan, public_only=public_only)
    if messages is not None:
        messages.extend(export.messages)
    gml = write_xplan_60(export.xplan, messages=messages, source_version=export.source_version)
    files = {}
    for name, field_file in export.files.items():
        try:
            files[name] = Path(field_file.path)  # local storage: streamed from disk
        except NotImplementedError:  # remote storage (S3): read into memory
            with field_file.open("rb") as handle:
                files[name] = handle.read()
    return write_xplan_archive(gml, files)


def export_file_name(plan: Plan, suffix: str) -> str:
    """A plain ASCII download name, e.g. 'B-12_Am_Muehlgraben.gml'."""
    from django.utils.text import slugify

    base = slugify(f"{plan.number} {plan.name}" if plan.number else plan.name) or "plan"
    return str(PurePosixPath(base[:80]).with_suffix(suffix))
