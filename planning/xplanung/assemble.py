"""Features -> XPlanDocument: plans, Bereiche, objects and the links between them.

Links are resolved both ways, because versions differ: 5.x/6.0 objects name their Bereich
(gehoertZuBereich), 4.x objects use gehoertZuBP_Bereich / gehoertNachrichtlichZuBereich, and
Bereiche list their content (planinhalt, praesentationsobjekt; 4.x inhaltBPlan, nachrichtlich).
Only local references ("#id") are followed.
"""

from collections import Counter
from pathlib import Path

from django.utils.translation import gettext as _

from .crs import parse_srs_name
from .messages import MessageLog
from .model import (
    BEREICH_CLASSES,
    PLAN_CLASSES,
    RASTER_CLASSES,
    Bereich,
    ExternalReference,
    Feature,
    Plan,
    XPlanDocument,
    as_list,
)
from .parser import ParsedFile
from .plan_facts import build_bereich, build_plan, external_reference, local_ids, text
from .rasters import raster_references, resolve_files

_MAX_LINK_WARNINGS = 20


def _is_bereich_content_key(key: str) -> bool:
    return key in (
        "planinhalt",
        "praesentationsobjekt",
        "nachrichtlich",
        "rasterBasis",
        "rasterAenderung",
    ) or key.startswith("inhalt")


def _is_object_bereich_key(key: str) -> bool:
    return key.startswith(("gehoertZu", "gehoertNachrichtlichZu")) and key.endswith("Bereich")


def _hrefs(value):
    if isinstance(value, dict):
        if "href" in value:
            yield value["href"], value
        for item in value.values():
            if isinstance(item, dict | list):
                yield from _hrefs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _hrefs(item)


def _check_links(features: list[Feature], ids: set[str], log: MessageLog) -> None:
    missing = 0
    for feature in features:
        for href, _value in _hrefs(feature.attributes):
            if href.startswith("#") and href[1:] not in ids:
                missing += 1
                if missing <= _MAX_LINK_WARNINGS:
                    log.warning(
                        "link_target_missing",
                        _("The reference “%(href)s” points to an object that is not in the file.")
                        % {"href": href[:200]},
                        line=feature.line,
                        gml_id=feature.gml_id,
                    )
    if missing > _MAX_LINK_WARNINGS:
        log.warning(
            "link_target_missing",
            _("%(count)d further references point to objects that are not in the file.")
            % {"count": missing - _MAX_LINK_WARNINGS},
        )


def _check_versions(parsed: ParsedFile, plans: list[Plan], log: MessageLog) -> None:
    stated = list(parsed.header_versions)
    for plan in plans:
        declared = text(plan.attributes.get("xPlanGMLVersion"))
        if declared:
            stated.append(("xPlanGMLVersion", declared))
    for source, version in stated:
        if ".".join(version.split(".")[:2]) != parsed.version:
            log.warning(
                "version_mismatch",
                _(
                    "%(source)s states XPlanGML version %(stated)s, but the namespace is that of "
                    "version %(version)s. The file is read as %(version)s (the namespace decides)."
                )
                % {"source": source, "stated": version[:20], "version": parsed.version},
            )


def _link_objects(bereiche, objects, by_id, log) -> None:
    bereich_by_id = {b.gml_id: b for b in bereiche}
    for bereich in bereiche:
        for key, value in bereich.attributes.items():
            if _is_bereich_content_key(key) or key == "texte":
                for object_id in local_ids(value):
                    target = by_id.get(object_id)
                    if target is not None and bereich.gml_id not in target.bereich_ids:
                        target.bereich_ids.append(bereich.gml_id)
    for feature in objects:
        for key, value in feature.attributes.items():
            if _is_object_bereich_key(key):
                for bereich_id in local_ids(value):
                    if bereich_id in bereich_by_id and bereich_id not in feature.bereich_ids:
                        feature.bereich_ids.append(bereich_id)
    for feature in objects:
        for bereich_id in feature.bereich_ids:
            bereich = bereich_by_id.get(bereich_id)
            if bereich is not None and feature.gml_id not in bereich.object_ids:
                bereich.object_ids.append(feature.gml_id)


def _link_plans(plans, bereiche, objects, by_id, log) -> None:
    plan_by_id = {p.gml_id: p for p in plans}
    for plan in plans:
        for bereich_id in local_ids(plan.attributes.get("bereich")):
            bereich = by_id.get(bereich_id)
            if isinstance(bereich, Bereich) and bereich.plan_id is None:
                bereich.plan_id = plan.gml_id
    for bereich in bereiche:
        plan = plan_by_id.get(bereich.plan_id) if bereich.plan_id else None
        if plan is None:
            log.warning(
                "bereich_without_plan",
                _("The Bereich %(id)s belongs to no plan in the file.") % {"id": bereich.gml_id},
                line=bereich.line,
                gml_id=bereich.gml_id,
            )
            continue
        plan.bereiche.append(bereich)
        if plan.procedure is None and bereich.procedure:
            plan.procedure = bereich.procedure  # 6.0: BP_Bereich.verfahren
    for plan in plans:
        for key in ("texte", "begruendungsTexte"):
            for object_id in local_ids(plan.attributes.get(key)):
                target = by_id.get(object_id)
                if target is not None and plan.gml_id not in target.plan_ids:
                    target.plan_ids.append(plan.gml_id)
    bereich_plan = {b.gml_id: b.plan_id for b in bereiche}
    for feature in objects:
        for bereich_id in feature.bereich_ids:
            plan_id = bereich_plan.get(bereich_id)
            if plan_id in plan_by_id and plan_id not in feature.plan_ids:
                feature.plan_ids.append(plan_id)
    _adopt_orphans(objects, by_id)
    for feature in objects:
        for plan_id in feature.plan_ids:
            plan_by_id[plan_id].objects.append(feature)


def _adopt_orphans(objects, by_id) -> None:
    """Objects linked to nothing but referenced by (or referencing) an assigned object, e.g.
    a text section only named in refTextInhalt, belong to that object's plan and Bereich."""
    orphans = {o.gml_id: o for o in objects if not o.plan_ids}
    if not orphans:
        return
    object_ids = {o.gml_id for o in objects}
    for feature in objects:
        if not feature.plan_ids:
            continue
        for href, _value in _hrefs(feature.attributes):
            orphan = orphans.get(href[1:]) if href.startswith("#") else None
            if orphan is not None:
                _adopt(orphan, feature)
    for orphan in orphans.values():
        if orphan.plan_ids:
            continue
        for href, _value in _hrefs(orphan.attributes):
            target = by_id.get(href[1:]) if href.startswith("#") else None
            if target is not None and target.plan_ids and target.gml_id in object_ids:
                _adopt(orphan, target)
                break


def _adopt(orphan: Feature, owner: Feature) -> None:
    for plan_id in owner.plan_ids:
        if plan_id not in orphan.plan_ids:
            orphan.plan_ids.append(plan_id)


def _text_references(plan: Plan, by_id) -> list[ExternalReference]:
    found = []
    for key in ("texte", "begruendungsTexte"):
        for object_id in local_ids(plan.attributes.get(key)):
            target = by_id.get(object_id)
            if target is None:
                continue
            for value in as_list(target.attributes.get("refText")):
                reference = external_reference(
                    value, type_code=None, source=f"{key}/refText", line=target.line
                )
                if reference is not None:
                    found.append(reference)
    return found


def assemble(
    parsed: ParsedFile, *, source_name: str, files: dict[str, Path], log: MessageLog
) -> XPlanDocument:
    features = parsed.features
    by_id: dict[str, Feature] = {}
    for feature in features:
        if not feature.gml_id:
            log.error(
                "gml_id_missing",
                _("An object of type %(type)s has no gml:id.") % {"type": feature.xplan_class},
                line=feature.line,
            )
        elif feature.gml_id in by_id:
            log.error(
                "gml_id_duplicate",
                _("The gml:id “%(id)s” is used by more than one object; ids must be unique.")
                % {"id": feature.gml_id[:120]},
                line=feature.line,
                gml_id=feature.gml_id,
            )
        else:
            by_id[feature.gml_id] = feature
    _check_links(features, set(by_id), log)
    plans: list[Plan] = []
    bereiche: list[Bereich] = []
    objects: list[Feature] = []
    for feature in features:
        if feature.xplan_class in PLAN_CLASSES:
            plans.append(build_plan(feature, log))
        elif feature.xplan_class in BEREICH_CLASSES:
            bereiche.append(build_bereich(feature, log))
        else:
            objects.append(feature)
    for item in (*plans, *bereiche):
        by_id[item.gml_id] = item
    if not plans:
        log.error(
            "no_plan",
            _(
                "The file contains no plan (BP_Plan, FP_Plan, SO_Plan, RP_Plan, "
                "LP_Plan); there is nothing to import."
            ),
        )
    _check_versions(parsed, plans, log)
    _link_objects(bereiche, objects, by_id, log)
    _link_plans(plans, bereiche, objects, by_id, log)
    for bereich in bereiche:
        bereich.rasters = raster_references(bereich, by_id, log)
        resolve_files(bereich.rasters, files, log)
    for plan in plans:
        plan.external_references += _text_references(plan, by_id)
    orphans = [
        o
        for o in objects
        if not o.plan_ids and not o.bereich_ids and o.xplan_class not in RASTER_CLASSES
    ]
    if orphans and plans:
        log.warning(
            "objects_without_plan",
            _(
                "%(count)d objects belong to no plan or Bereich (e.g. %(id)s, line %(line)s); "
                "they are read but not assigned."
            )
            % {"count": len(orphans), "id": orphans[0].gml_id, "line": orphans[0].line},
            line=orphans[0].line,
            gml_id=orphans[0].gml_id,
        )
    crs = parse_srs_name(parsed.envelope_srs) if parsed.envelope_srs else None
    return XPlanDocument(
        source_name=source_name,
        version=parsed.version,
        namespace=parsed.namespace,
        root=parsed.root,
        feature_counts=dict(sorted(Counter(f.xplan_class for f in features).items())),
        plans=plans,
        bereiche=bereiche,
        objects=objects,
        messages=log.messages,
        envelope_srid=crs.epsg if crs else None,
        files=dict(files),
    )
