"""XPlanGML 4.x/5.x content -> 6.0, and every written feature -> the 6.0 schema's shape.

    conform = Conformer(model, log, source_version="5.4")
    class_name, properties = conform.feature(feature, properties)   # class_name None: dropped

Two steps, both driven by the 6.0 schema read from the XSD (schema_model.py):

1. Migration of older content (source version below 6.0): successor classes (tables.py
   SUCCESSOR_CLASSES), moved properties, the old enumerations renumbered to the 6.0 ones
   (rechtscharakter, aenderungsArt, zweckbestimmung of traffic and water areas), and
   `zweckbestimmung` / `besondereZweckbestimmung` / `detaillierteZweckbestimmung` merged into
   the complex 6.0 types (BP_KomplexeZweckbestGruen … with `allgemein` and `detail`).
2. Conformance of every feature and nested data type: properties the 6.0 type does not have
   are left out, code values outside the 6.0 enumeration are left out (or, where the schema
   requires the property, replaced by "unknown"/"other"), a bare code is wrapped in the
   complex type the schema expects, a single-valued property keeps its first value, and the
   properties are put in the schema's sequence order.

Everything left out or replaced is reported with the object's class, gml:id and the property.
"""

from django.utils.translation import gettext as _

from .messages import MessageLog
from .migration_tables import (
    CODE_MAPS,
    MOVED_PROPERTIES,
    RECHTSCHARAKTER_BY_PREFIX,
    REQUIRED_DEFAULTS,
    SUCCESSOR_CLASSES,
    SUCCESSOR_VALUES,
)
from .model import Feature, as_list
from .schema60 import CLASS_RENAMES
from .schema_model import SchemaModel, SchemaProperty

#: 6.0 properties of the complex purpose types, and the 4.x/5.x properties merged into them.
ZWECK_TARGETS = ("zweckbestimmung", "artDerFestlegung")
ZWECK_PARTS = ("zweckbestimmung", "besondereZweckbestimmung")
DETAIL = "detaillierteZweckbestimmung"


def _older_than_60(version: str | None) -> bool:
    if not version:
        return False
    major, _dot, minor = version.partition(".")
    return (int(major), int(minor or 0)) < (6, 0) if major.isdigit() else False


def _code_of(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "value" in value and "_type" not in value:
        return str(value["value"])
    return None


def _empty(value) -> bool:
    return value is None or (isinstance(value, list | dict) and not value)


class Conformer:
    def __init__(self, model: SchemaModel, log: MessageLog, *, source_version: str | None):
        self.model = model
        self.log = log
        self.migrate = _older_than_60(source_version)

    # -- reporting ---------------------------------------------------------------------------

    def _report(self, code: str, text: str, feature: Feature, **values) -> None:
        values.update(type=feature.xplan_class, id=feature.gml_id)
        self.log.warning(code, text % values, gml_id=feature.gml_id)

    def _property_left_out(self, feature: Feature, name: str, value) -> None:
        self._report(
            "property_dropped",
            _(
                "%(type)s %(id)s: the property “%(name)s” (%(value)s) has no equivalent in "
                "XPlanGML 6.0 and was left out."
            ),
            feature,
            name=name,
            value=_short(value),
        )

    def _value_left_out(self, feature: Feature, name: str, value: str, replacement) -> None:
        if replacement is None:
            text = _(
                "%(type)s %(id)s: the value %(value)s of “%(name)s” is not allowed in "
                "XPlanGML 6.0 and was left out."
            )
        else:
            text = _(
                "%(type)s %(id)s: the value %(value)s of “%(name)s” is not allowed in "
                "XPlanGML 6.0; %(replacement)s was written instead."
            )
        self._report(
            "value_dropped", text, feature, name=name, value=value, replacement=replacement
        )

    # -- features -------------------------------------------------------------------------------

    def feature(self, feature: Feature, properties: list) -> tuple[str | None, list]:
        """(6.0 class name or None when the object cannot be written, properties)."""
        name = CLASS_RENAMES.get(feature.xplan_class, feature.xplan_class)
        if not self.model.has_class(name):
            successor = SUCCESSOR_CLASSES.get(name)
            if successor is None or not self.model.has_class(successor):
                self._report(
                    "object_dropped",
                    _(
                        "%(type)s %(id)s: XPlanGML 6.0 has no class for this object; it was "
                        "left out of the file."
                    ),
                    feature,
                )
                return None, []
            self._report(
                "class_migrated",
                _("%(type)s %(id)s was written as its XPlanGML 6.0 successor %(successor)s."),
                feature,
                successor=successor,
            )
            properties = self._moved(feature.xplan_class, properties)
            name = successor
        values: dict = {}
        for key, value in properties:
            values.setdefault(key, [])
            values[key] += value if isinstance(value, list) else [value]
        if self.migrate:
            self._migrate_codes(feature, name, values)
            self._merge_zweckbestimmung(name, values)
        return name, self._conform(feature, name, values)

    def _moved(self, old_class: str, properties: list) -> list:
        moves = MOVED_PROPERTIES.get(old_class, {})
        moved = [(moves.get(key, key), value) for key, value in properties]
        present = {key for key, _value in moved}
        implied = SUCCESSOR_VALUES.get(old_class, {})
        return moved + [(key, value) for key, value in implied.items() if key not in present]

    def _migrate_codes(self, feature: Feature, name: str, values: dict) -> None:
        prefix = feature.xplan_class.split("_", 1)[0]
        table = RECHTSCHARAKTER_BY_PREFIX.get(prefix)
        if table and "rechtscharakter" in values:
            values["rechtscharakter"] = [
                table.get(_code_of(v), v) for v in values["rechtscharakter"]
            ]
        for key, items in values.items():
            mapping = CODE_MAPS.get((feature.xplan_class, key))
            if mapping:
                values[key] = [mapping.get(_code_of(v), v) for v in items]

    def _merge_zweckbestimmung(self, name: str, values: dict) -> None:
        """5.x zweckbestimmung + besondereZweckbestimmung + detaillierteZweckbestimmung ->
        one 6.0 complex zweckbestimmung per code, the details attached by position."""
        if not any(key in values for key in (*ZWECK_TARGETS, *ZWECK_PARTS, DETAIL)):
            return
        target = data_type = fields = None
        for key in ZWECK_TARGETS:
            spec = self.model.property(name, key)
            data_type = self.model.data_type(spec.type) if spec else None
            fields = {p.name for p in self.model.properties(data_type)} if data_type else set()
            if "allgemein" in fields:
                target = key
                break
        if target is None:
            return
        sources = dict.fromkeys((target, *ZWECK_PARTS))
        items = [v for key in sources for v in values.pop(key, [])]
        kept = [v for v in items if isinstance(v, dict) and "_type" in v]  # already 6.0-shaped
        codes = [_code_of(v) for v in items if _code_of(v) is not None]
        details = values.pop(DETAIL, []) if "detail" in fields else []
        complexes = [{"_type": data_type, "allgemein": code} for code in codes]
        for index, detail in enumerate(details):
            if complexes:
                complexes[min(index, len(complexes) - 1)].setdefault("detail", []).append(detail)
            else:
                values.setdefault(DETAIL, []).append(detail)  # reported as left out
        if complexes or kept:
            values[target] = kept + complexes

    def plan_or_bereich(self, feature: Feature, properties: list) -> list:
        """Plans and Bereiche keep their class; their values are checked and ordered."""
        name = CLASS_RENAMES.get(feature.xplan_class, feature.xplan_class)
        if not self.model.has_class(name):
            return properties
        values = {key: value if isinstance(value, list) else [value] for key, value in properties}
        return self._conform(feature, name, values)

    # -- conformance to the schema --------------------------------------------------------------

    def _conform(self, feature: Feature, type_name: str, values: dict) -> list:
        spec = {p.name: p for p in self.model.properties(type_name)}
        order = list(spec)
        result = []
        for key, items in values.items():
            items = [v for v in items if not _empty(v)]
            if not items:
                continue
            prop = spec.get(key)
            if prop is None:
                self._property_left_out(feature, key, items)
                continue
            kept = []
            for item in items:
                item = self._value(feature, prop, item)
                if item is not None:
                    kept.append(item)
            if prop.max_occurs == 1 and len(kept) > 1:
                self._property_left_out(feature, key, kept[1:])
                kept = kept[:1]
            if kept:
                result.append((key, kept if len(kept) > 1 else kept[0]))
        present = {key for key, _value in result}
        for prop in spec.values():
            default = REQUIRED_DEFAULTS.get(prop.name)
            if prop.min_occurs and prop.name not in present and default:
                result.append((prop.name, default))
                self._report(
                    "value_defaulted",
                    _("%(type)s %(id)s: XPlanGML 6.0 requires “%(name)s”; %(value)s was written."),
                    feature,
                    name=prop.name,
                    value=default,
                )
        return sorted(result, key=lambda pair: order.index(pair[0]))

    def _value(self, feature: Feature, prop: SchemaProperty, item):
        enumeration = self.model.enumeration(prop.type)
        if enumeration is not None:
            code = _code_of(item)
            if code is None or code in enumeration:
                return item
            replacement = None
            if prop.min_occurs:
                replacement = next((c for c in ("9998", "9999") if c in enumeration), None)
            self._value_left_out(feature, prop.name, code, replacement)
            return replacement
        data_type = self.model.data_type(prop.type)
        if data_type is None or not self.model.has_class(data_type):
            return item
        if isinstance(item, dict) and ("href" in item or "_nil" in item or "_xml" in item):
            return item
        if not isinstance(item, dict) or "_type" not in item:
            fields = self.model.properties(data_type)
            first = next((p for p in fields if p.min_occurs), fields[0] if fields else None)
            if first is None or _code_of(item) is None:
                return item
            item = {"_type": data_type, first.name: item}
        nested = {k: as_list(v) for k, v in item.items() if k != "_type"}
        inner_type = item["_type"] if self.model.has_class(item["_type"]) else data_type
        return {"_type": inner_type, **dict(self._conform(feature, inner_type, nested))}


def _short(value, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
