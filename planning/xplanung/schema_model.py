"""What the writer needs to know of the XPlanGML 6.0 application schema, read from the XSD.

    model = schema_model_60()            # None when the schema directory is not available
    model.properties("BP_GruenFlaeche")  # [SchemaProperty(name, type, min_occurs, max_occurs)…]
    model.enumeration("XP_ZweckbestimmungGruen")   # frozenset of codes, or None
    model.data_type("BP_KomplexeZweckbestGruenPropertyType")   # "BP_KomplexeZweckbestGruen"

The tables are read once per process with lxml (safe parser, no network) from the XSD files of
PORTAL_XPLAN_SCHEMA_DIR/6_0, so the sequence order, the types and the code lists are the
schema's own rather than hand-written copies.
"""

import functools
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .safe_xml import PARSER_OPTIONS
from .schema_validation import schema_directory

XS = "{http://www.w3.org/2001/XMLSchema}"
#: Properties of gml:AbstractFeatureType (the root of every XPlanung feature type).
GML_FEATURE_PROPERTIES = (
    "gml:description",
    "gml:descriptionReference",
    "gml:identifier",
    "gml:name",
    "gml:boundedBy",
)


@dataclass(frozen=True)
class SchemaProperty:
    name: str
    type: str  # local type name ("XP_ZweckbestimmungGruen", "gml:CodeType", "string" …)
    min_occurs: int
    max_occurs: int | None  # None: unbounded


def _local(qualified: str | None) -> str:
    if not qualified:
        return ""
    prefix, _, local = qualified.rpartition(":")
    return f"gml:{local}" if prefix == "gml" else local


class SchemaModel:
    def __init__(self, files: list[Path]):
        self.elements: dict[str, str] = {}  # global element -> its type
        self._types: dict[str, tuple[str | None, list[SchemaProperty]]] = {}
        self._enums: dict[str, frozenset[str]] = {}
        self._references: dict[str, str] = {}  # PropertyType -> referenced element
        parser = etree.XMLParser(**PARSER_OPTIONS)
        for path in files:
            self._read(etree.parse(str(path), parser).getroot())

    def _read(self, root) -> None:
        for element in root.findall(f"{XS}element"):
            self.elements[element.get("name")] = _local(element.get("type"))
        for complex_type in root.findall(f"{XS}complexType"):
            name = complex_type.get("name")
            extension = complex_type.find(f"{XS}complexContent/{XS}extension")
            base = _local(extension.get("base")) if extension is not None else None
            own = []
            for element in complex_type.iter(f"{XS}element"):
                if element.get("ref") and name.endswith("PropertyType"):
                    self._references[name] = _local(element.get("ref"))
                if not element.get("name"):
                    continue
                maximum = element.get("maxOccurs", "1")
                own.append(
                    SchemaProperty(
                        name=element.get("name"),
                        type=_local(element.get("type")),
                        min_occurs=int(element.get("minOccurs", "1")),
                        max_occurs=None if maximum == "unbounded" else int(maximum),
                    )
                )
            self._types[name] = (base, own)
        for simple_type in root.findall(f"{XS}simpleType"):
            values = [e.get("value") for e in simple_type.iter(f"{XS}enumeration")]
            if values:
                self._enums[simple_type.get("name")] = frozenset(values)

    def has_class(self, name: str) -> bool:
        return name in self.elements

    @functools.cache  # noqa: B019 - one model per process, kept for its lifetime
    def properties(self, element_name: str) -> tuple[SchemaProperty, ...]:
        """Properties of a global element's type in schema order (inherited ones first)."""
        type_name = self.elements.get(element_name)
        result: list[SchemaProperty] = []
        chain = []
        while type_name in self._types:
            chain.append(type_name)
            type_name = self._types[type_name][0]
        if type_name == "gml:AbstractFeatureType":
            result += [SchemaProperty(n, "", 0, 1) for n in GML_FEATURE_PROPERTIES]
        for name in reversed(chain):
            result += self._types[name][1]
        return tuple(result)

    def property(self, element_name: str, property_name: str) -> SchemaProperty | None:
        for item in self.properties(element_name):
            if item.name == property_name:
                return item
        return None

    def enumeration(self, type_name: str) -> frozenset[str] | None:
        return self._enums.get(type_name)

    def data_type(self, property_type: str) -> str | None:
        """The element a property type refers to (data types, e.g. BP_KomplexeZweckbestGruen)."""
        return self._references.get(property_type)


@functools.lru_cache(maxsize=4)
def _load(directory: str) -> SchemaModel | None:
    folder = Path(directory) / "6_0"
    files = sorted(p for p in folder.glob("XPlanGML*.xsd"))
    if not files:
        return None
    return SchemaModel(files)


def schema_model_60() -> SchemaModel | None:
    """The 6.0 schema model of PORTAL_XPLAN_SCHEMA_DIR (cached), None when absent."""
    directory = schema_directory()
    if directory is None or not directory.is_dir():
        return None
    return _load(str(directory.resolve()))
