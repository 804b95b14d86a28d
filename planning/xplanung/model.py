"""The data model of a read XPlanGML document (plain dataclasses, no database).

Attribute dictionaries (`Feature.attributes`) are JSON-serialisable and keep the XPlanGML
property names (the XPlanung names are the truth, see STYLE.md §15). Values are:

- ``"text"`` for a simple value (codes stay codes: ``"1000"``),
- ``{"value": "9999_4", "codeSpace": "https://…"}`` for a value with XML attributes
  (codeSpace of code lists, uom of measures),
- ``{"href": "#GML_…"}`` for an xlink reference,
- ``{"_type": "XP_Gemeinde", "ags": "…", …}`` for a nested data type,
- ``{"_nil": True, "nilReason": "…"}`` for xsi:nil,
- ``{"_wkt": "…", "_srid": 25832}`` for a geometry nested in a data type,
- ``{"_xml": "<…/>"}`` for foreign content kept verbatim,
- a list of these when the property occurs more than once.

The geometry property of a feature (position, raeumlicherGeltungsbereich, geltungsbereich) is
not in `attributes`; it is `Feature.geometry` (GEOS, source CRS, arcs linearised).
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon

from .messages import Message

PLAN_CLASSES = ("BP_Plan", "FP_Plan", "SO_Plan", "RP_Plan", "LP_Plan")
BEREICH_CLASSES = ("BP_Bereich", "FP_Bereich", "SO_Bereich", "RP_Bereich", "LP_Bereich")
#: Features that only carry raster scans (4.x, 5.x); in 6.0 scans sit on the Bereich.
RASTER_CLASSES = frozenset(
    {
        "XP_Rasterdarstellung",
        "XP_RasterplanBasis",
        "XP_RasterplanAenderung",
        "BP_RasterplanAenderung",
        "FP_RasterplanAenderung",
        "LP_RasterplanAenderung",
        "RP_RasterplanAenderung",
        "SO_RasterplanAenderung",
    }
)


def as_list(value) -> list:
    """A property value as a list (a single occurrence is not wrapped in the dictionary)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


@dataclass(frozen=True)
class Code:
    """A code list value, with its codeSpace for external code lists."""

    value: str
    code_space: str | None = None


@dataclass(eq=False)
class Feature:
    """One XPlanGML feature as read: class, gml:id, all properties and its geometry."""

    xplan_class: str
    gml_id: str
    line: int | None = None
    attributes: dict = field(default_factory=dict)
    #: Property names in document order, the geometry property included (for the writer).
    property_order: list[str] = field(default_factory=list)
    geometry_property: str | None = None
    geometry: GEOSGeometry | None = None
    other_geometries: dict[str, GEOSGeometry] = field(default_factory=dict)
    has_arcs: bool = False
    #: gml:ids of the Bereiche this feature belongs to (gehoertZuBereich or inverse links).
    bereich_ids: list[str] = field(default_factory=list)
    #: gml:ids of the plans this feature belongs to (through its Bereiche or plan links).
    plan_ids: list[str] = field(default_factory=list)

    @property
    def srid(self) -> int | None:
        return self.geometry.srid if self.geometry is not None else None


#: Content objects (BP_BaugebietsTeilFlaeche, XP_PPO, XP_TextAbschnitt, …) are plain features.
PlanObject = Feature


@dataclass
class Municipality:
    """XP_Gemeinde. `ags` is normalised to 8 digits where a leading zero was lost."""

    ags: str | None = None
    ags_raw: str | None = None
    rs: str | None = None
    name: str | None = None
    district: str | None = None  # ortsteilName


@dataclass
class ExternalReference:
    """XP_SpezExterneReferenz / XP_ExterneReferenz, with the type code (XP_ExterneReferenzTyp).

    In 4.x the type follows from the property (refBegruendung -> 1010 …); references of text
    sections (XP_TextAbschnitt.refText) have no type (None).
    """

    type: str | None
    href: str | None
    name: str | None = None
    art: str | None = None
    mime_type: str | None = None
    georef_url: str | None = None
    description: str | None = None
    date: str | None = None
    source_property: str = "externeReferenz"
    line: int | None = None


@dataclass
class RasterReference:
    """A scanned plan (refScan), its world file and whether it is georeferenced."""

    href: str | None
    name: str | None = None
    georef_url: str | None = None
    #: Name of the referenced image inside the archive / resource directory, if present.
    file_name: str | None = None
    #: Name of the matching world file, if present.
    world_file: str | None = None
    #: The six world file parameters (A, D, B, E, C, F) if the world file was read.
    world_file_parameters: tuple[float, ...] | None = None
    georeferenced: bool = False
    #: Where it was found: "refScan", "XP_Rasterdarstellung", "XP_RasterplanBasis", …
    source: str = "refScan"
    bereich_id: str | None = None
    line: int | None = None


@dataclass
class ProcedureDates:
    """Procedure dates of a plan. Field names follow the XPlanung attribute names
    (snake_case); repeatable ones (several publication rounds) are lists.

    RP_Plan and LP_Plan spell some differently (auslegungStartDatum, datumDesInkrafttretens,
    tOeBbeteiligungsStartDatum, inkrafttretenDatum); they are mapped onto these fields.
    """

    aufstellungsbeschluss: datetime.date | None = None
    auslegung_start: list[datetime.date] = field(default_factory=list)
    auslegung_end: list[datetime.date] = field(default_factory=list)
    traegerbeteiligung_start: list[datetime.date] = field(default_factory=list)
    traegerbeteiligung_end: list[datetime.date] = field(default_factory=list)
    entwurfsbeschluss: datetime.date | None = None
    satzungsbeschluss: datetime.date | None = None
    planbeschluss: datetime.date | None = None
    rechtsverordnung: datetime.date | None = None
    ausfertigung: datetime.date | None = None
    inkrafttretens: datetime.date | None = None
    wirksamkeit: datetime.date | None = None
    genehmigung: datetime.date | None = None
    aenderungen_bis: datetime.date | None = None
    untergang: datetime.date | None = None
    techn_herstell: datetime.date | None = None
    veraenderungssperre_beschluss: datetime.date | None = None
    veraenderungssperre_start: datetime.date | None = None
    veraenderungssperre_end: datetime.date | None = None


@dataclass(eq=False)
class Bereich(Feature):
    """XP_Bereich (BP_Bereich, FP_Bereich, …): a part of a plan with its content and scans."""

    number: str | None = None
    name: str | None = None
    plan_id: str | None = None
    procedure: str | None = None  # BP_Bereich.verfahren (6.0)
    rasters: list[RasterReference] = field(default_factory=list)
    #: gml:ids of the content objects and presentation objects of this Bereich.
    object_ids: list[str] = field(default_factory=list)


@dataclass(eq=False)
class Plan(Feature):
    """A plan (BP_Plan, FP_Plan, SO_Plan fully; RP_Plan, LP_Plan with the common facts)."""

    name: str | None = None
    number: str | None = None
    description: str | None = None
    plan_art: list[str] = field(default_factory=list)
    #: codeSpace of planArt where it is an external code list (SO_Plan).
    plan_art_code_space: str | None = None
    sonst_plan_art: Code | None = None
    legal_status: str | None = None  # rechtsstand
    status: Code | None = None
    procedure: str | None = None  # verfahren (5.x on BP_Plan; 6.0 from its BP_Bereich)
    municipalities: list[Municipality] = field(default_factory=list)
    planning_municipalities: list[Municipality] = field(default_factory=list)
    plan_giver: str | None = None  # plangeber/XP_Plangeber/name
    dates: ProcedureDates = field(default_factory=ProcedureDates)
    external_references: list[ExternalReference] = field(default_factory=list)
    bereiche: list[Bereich] = field(default_factory=list)
    #: Every content object of the plan (through its Bereiche or its texte links).
    objects: list[Feature] = field(default_factory=list)

    @property
    def plan_type(self) -> str:
        return self.xplan_class.split("_", 1)[0]

    @property
    def area(self) -> MultiPolygon | None:
        """The Geltungsbereich as a MultiPolygon in the source CRS (None if unreadable)."""
        return self.geometry

    @property
    def ags(self) -> str | None:
        for municipality in self.municipalities:
            if municipality.ags:
                return municipality.ags
        return None

    @property
    def rasters(self) -> list[RasterReference]:
        return [raster for bereich in self.bereiche for raster in bereich.rasters]


@dataclass(eq=False)
class XPlanDocument:
    """Everything read from one XPlanGML file or XPlanArchiv."""

    source_name: str
    version: str
    namespace: str
    root: str  # "XPlanAuszug" or "FeatureCollection"
    #: Every XPlanung class in the file -> number of features.
    feature_counts: dict[str, int] = field(default_factory=dict)
    plans: list[Plan] = field(default_factory=list)
    bereiche: list[Bereich] = field(default_factory=list)
    #: All other features (content, presentation, text and raster objects).
    objects: list[Feature] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    #: The CRS of gml:boundedBy of the document, if any.
    envelope_srid: int | None = None
    #: Files that came with the plan (name in the archive -> extracted path): valid while
    #: open_xplan's block runs or in read_xplan's extract_dir; empty after read_xplan without.
    files: dict[str, Path] = field(default_factory=dict)
    #: Names of all members of the XPlanArchiv (empty for a plain .gml file).
    archive_members: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == "error"]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == "warning"]

    @property
    def has_errors(self) -> bool:
        return any(m.level == "error" for m in self.messages)

    def feature(self, gml_id: str) -> Feature | None:
        for collection in (self.plans, self.bereiche, self.objects):
            for item in collection:
                if item.gml_id == gml_id:
                    return item
        return None
