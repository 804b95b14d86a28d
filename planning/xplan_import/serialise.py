"""The reader's dataclasses as JSON and back (for the sandbox's reply and for XPlanRecord).

Geometries travel as hex EWKB (the SRID included), dates as ISO text; `attributes` are JSON
already and are copied as they are. A plan's Bereiche and objects are written as positions in
the document's lists (gml:ids need not be unique in a broken file), so that decoding restores
the same shared objects.
"""

import dataclasses
import datetime
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry

from ..xplanung import (
    Bereich,
    Code,
    ExternalReference,
    Feature,
    Message,
    Municipality,
    Plan,
    ProcedureDates,
    RasterReference,
    XPlanDocument,
)

FORMAT = 1
_CLASSES = {
    cls.__name__: cls
    for cls in (
        Feature,
        Plan,
        Bereich,
        Municipality,
        ExternalReference,
        RasterReference,
        ProcedureDates,
        Code,
        Message,
    )
}
#: Fields whose values are JSON already (never walked, so no key can be mistaken for a marker).
_RAW_FIELDS = frozenset({"attributes", "property_order"})
#: Fields that are tuples in the dataclasses (JSON has only lists).
_TUPLE_FIELDS = frozenset({"coordinates", "world_file_parameters"})
_CLASS = "__class__"
_GEOMETRY = "__geometry__"
_DATE = "__date__"


def encode(value, *, skip: frozenset[str] = frozenset()):
    """A JSON-serialisable form of a dataclass, geometry, date or container of them."""
    if isinstance(value, GEOSGeometry):
        return {_GEOMETRY: value.hexewkb.decode()}
    if isinstance(value, datetime.date):
        return {_DATE: value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {_CLASS: type(value).__name__}
        for item in dataclasses.fields(value):
            if item.name in skip:
                continue
            field_value = getattr(value, item.name)
            data[item.name] = field_value if item.name in _RAW_FIELDS else encode(field_value)
        return data
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    return value


def decode(value):
    """The inverse of encode()."""
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if _GEOMETRY in value:
        return GEOSGeometry(value[_GEOMETRY])
    if _DATE in value:
        return datetime.date.fromisoformat(value[_DATE])
    if _CLASS in value:
        cls = _CLASSES[value[_CLASS]]
        names = {item.name for item in dataclasses.fields(cls)}
        kwargs = {}
        for key, item in value.items():
            if key not in names:
                continue
            if key in _RAW_FIELDS:
                kwargs[key] = item
            elif key in _TUPLE_FIELDS and isinstance(item, list):
                kwargs[key] = tuple(item)
            else:
                kwargs[key] = decode(item)
        return cls(**kwargs)
    return {key: decode(item) for key, item in value.items()}


def encode_document(document: XPlanDocument) -> dict:
    objects = {id(item): index for index, item in enumerate(document.objects)}
    bereiche = {id(item): index for index, item in enumerate(document.bereiche)}
    plans = []
    for plan in document.plans:
        data = encode(plan, skip=frozenset({"bereiche", "objects"}))
        data["bereiche"] = [bereiche[id(b)] for b in plan.bereiche if id(b) in bereiche]
        data["objects"] = [objects[id(o)] for o in plan.objects if id(o) in objects]
        plans.append(data)
    return {
        "format": FORMAT,
        "source_name": document.source_name,
        "version": document.version,
        "namespace": document.namespace,
        "root": document.root,
        "feature_counts": document.feature_counts,
        "plans": plans,
        "bereiche": [encode(b) for b in document.bereiche],
        "objects": [encode(o) for o in document.objects],
        "messages": [encode(m) for m in document.messages],
        "envelope_srid": document.envelope_srid,
        "files": {name: str(path) for name, path in document.files.items()},
        "archive_members": list(document.archive_members),
    }


def decode_document(data: dict) -> XPlanDocument:
    if data.get("format") != FORMAT:
        raise ValueError("unknown format of a serialised XPlanDocument")
    bereiche = [decode(b) for b in data["bereiche"]]
    objects = [decode(o) for o in data["objects"]]
    plans = []
    for encoded in data["plans"]:
        plan = decode({k: v for k, v in encoded.items() if k not in ("bereiche", "objects")})
        plan.bereiche = [bereiche[i] for i in encoded["bereiche"]]
        plan.objects = [objects[i] for i in encoded["objects"]]
        plans.append(plan)
    return XPlanDocument(
        source_name=data["source_name"],
        version=data["version"],
        namespace=data["namespace"],
        root=data["root"],
        feature_counts=dict(data["feature_counts"]),
        plans=plans,
        bereiche=bereiche,
        objects=objects,
        messages=[decode(m) for m in data["messages"]],
        envelope_srid=data["envelope_srid"],
        files={name: Path(path) for name, path in data["files"].items()},
        archive_members=list(data["archive_members"]),
    )
