"""Small XPlanGML documents written by the tests themselves (no downloaded data)."""

XPLAN_NS = "http://www.xplanung.de/xplangml/{version}"
GML_NS = "http://www.opengis.net/gml/3.2"
XLINK_NS = "http://www.w3.org/1999/xlink"


def pos_list(coords) -> str:
    return " ".join(f"{x} {y}" for x, y in coords)


def square(x0: float, y0: float, size: float) -> list[tuple[float, float]]:
    """A closed counter-clockwise square ring."""
    return [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)]


def polygon(coords, *, srs: str | None = "EPSG:25832", gml_id: str = "geom1", holes=()) -> str:
    srs_attr = f' srsName="{srs}"' if srs else ""
    interiors = "".join(
        f"<gml:interior><gml:LinearRing><gml:posList>{pos_list(h)}</gml:posList>"
        "</gml:LinearRing></gml:interior>"
        for h in holes
    )
    return (
        f'<gml:Polygon gml:id="{gml_id}"{srs_attr}><gml:exterior><gml:LinearRing>'
        f"<gml:posList>{pos_list(coords)}</gml:posList></gml:LinearRing></gml:exterior>"
        f"{interiors}</gml:Polygon>"
    )


def bp_plan(
    gml_id: str = "plan1",
    name: str = "Testplan",
    *,
    area: str | None = None,
    extra: str = "",
    bereiche: tuple[str, ...] = (),
    plan_class: str = "BP_Plan",
    ags: str | None = "14612000",
    plan_art: str = "1000",
    rechtsstand: str | None = "2000",
    head: str = "",
    xp_extra: str = "",
) -> str:
    """A plan in 6.0 schema order: name, `head` (e.g. nummer), the area, `xp_extra` (other
    XP_Plan properties: externeReferenz, texte), gemeinde, planArt, rechtsstand, `extra`
    (the class's own properties: dates …), bereich links."""
    area = area if area is not None else polygon(square(400000, 5650000, 100), gml_id=f"{gml_id}_g")
    gemeinde = (
        f"<xplan:gemeinde><xplan:XP_Gemeinde><xplan:ags>{ags}</xplan:ags>"
        "<xplan:gemeindeName>Teststadt</xplan:gemeindeName></xplan:XP_Gemeinde></xplan:gemeinde>"
        if ags
        else ""
    )
    status = f"<xplan:rechtsstand>{rechtsstand}</xplan:rechtsstand>" if rechtsstand else ""
    links = "".join(f'<xplan:bereich xlink:href="#{b}"/>' for b in bereiche)
    return (
        f'<gml:featureMember><xplan:{plan_class} gml:id="{gml_id}"><xplan:name>{name}</xplan:name>'
        f"{head}<xplan:raeumlicherGeltungsbereich>{area}</xplan:raeumlicherGeltungsbereich>"
        f"{xp_extra}{gemeinde}<xplan:planArt>{plan_art}</xplan:planArt>{status}{extra}{links}"
        f"</xplan:{plan_class}></gml:featureMember>"
    )


def bereich(gml_id: str, plan_id: str, *, cls: str = "BP_Bereich", extra: str = "") -> str:
    return (
        f'<gml:featureMember><xplan:{cls} gml:id="{gml_id}"><xplan:nummer>0</xplan:nummer>'
        f'{extra}<xplan:gehoertZuPlan xlink:href="#{plan_id}"/></xplan:{cls}></gml:featureMember>'
    )


def content(
    gml_id: str,
    bereich_id: str,
    geometry: str,
    *,
    cls: str = "BP_BaugebietsTeilFlaeche",
    extra: str = "",
) -> str:
    return (
        f'<gml:featureMember><xplan:{cls} gml:id="{gml_id}">'
        f'<xplan:gehoertZuBereich xlink:href="#{bereich_id}"/>'
        f"<xplan:rechtscharakter>1000</xplan:rechtscharakter>"
        f"<xplan:position>{geometry}</xplan:position>{extra}"
        f"</xplan:{cls}></gml:featureMember>"
    )


def document(
    *members: str,
    version: str = "6/0",
    prolog: str = "",
    root_attrs: str = "",
    envelope_srs: str | None = None,
) -> bytes:
    envelope = (
        f'<gml:boundedBy><gml:Envelope srsName="{envelope_srs}"><gml:lowerCorner>0 0'
        "</gml:lowerCorner><gml:upperCorner>1 1</gml:upperCorner></gml:Envelope></gml:boundedBy>"
        if envelope_srs
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}\n'
        f'<xplan:XPlanAuszug xmlns:xplan="{XPLAN_NS.format(version=version)}" '
        f'xmlns:gml="{GML_NS}" xmlns:xlink="{XLINK_NS}" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" gml:id="doc" {root_attrs}>\n'
        f"{envelope}" + "\n".join(members) + "\n</xplan:XPlanAuszug>\n"
    ).encode()


def minimal(**kwargs) -> bytes:
    """A valid one-plan document."""
    return document(bp_plan(**kwargs))
