"""4.x/5.x content written as XPlanGML 6.0: successor classes, complex zweckbestimmung,
renumbered codes; what has no 6.0 equivalent is left out, reported, and the file stays valid."""

import pytest
from lxml import etree

from planning.xplanung import read_xplan, write_xplan_60
from planning.xplanung.schema_validation import validate_xplan_60

from .builders import bereich, bp_plan, content, document, polygon, square

X0, Y0 = 400000.0, 5650000.0
NS = {"xplan": "http://www.xplanung.de/xplangml/6/0"}
AREA = "<xplan:flaechenschluss>true</xplan:flaechenschluss>"


@pytest.fixture
def export(write_file, schema_60):
    """Write one object of an older version as 6.0: (root element, messages)."""

    def run(cls: str, extra: str, *, version: str = "5/4", rechtscharakter: str = "1000"):
        source = read_xplan(
            write_file(
                document(
                    bp_plan(bereiche=("b1",)),
                    bereich("b1", "plan1", extra='<xplan:planinhalt xlink:href="#o1"/>'),
                    content(
                        "o1", "b1", polygon(square(X0, Y0, 10), gml_id="g"), cls=cls, extra=extra
                    ),
                    version=version,
                ).replace(
                    b">1000</xplan:rechtscharakter>",
                    f">{rechtscharakter}</xplan:rechtscharakter>".encode(),
                ),
                "source.gml",
            )
        )
        messages = []
        data = write_xplan_60(source, messages=messages)
        result = validate_xplan_60(data)
        assert result.valid, [e.as_dict() for e in result.errors]
        return etree.fromstring(data), messages

    return run


def test_zweckbestimmung_becomes_the_complex_60_type(export):
    root, _messages = export(
        "BP_GruenFlaeche",
        AREA + "<xplan:zweckbestimmung>1000</xplan:zweckbestimmung>"
        "<xplan:besondereZweckbestimmung>10001</xplan:besondereZweckbestimmung>"
        '<xplan:detaillierteZweckbestimmung codeSpace="https://example.org/detail">7'
        "</xplan:detaillierteZweckbestimmung>",
    )
    purposes = root.findall(
        ".//xplan:BP_GruenFlaeche/xplan:zweckbestimmung/xplan:BP_KomplexeZweckbestGruen", NS
    )
    assert [p.findtext("xplan:allgemein", namespaces=NS) for p in purposes] == ["1000", "10001"]
    detail = purposes[0].find("xplan:detail", NS)
    assert detail.text == "7" and detail.get("codeSpace") == "https://example.org/detail"
    assert root.find(".//xplan:besondereZweckbestimmung", NS) is None


@pytest.mark.parametrize(
    ("cls", "old", "new"),
    [
        ("BP_KennzeichnungsFlaeche", "3000", "6000"),  # BP Hinweis
        ("BP_KennzeichnungsFlaeche", "5000", "7000"),  # BP Kennzeichnung
        ("SO_Gebiet", "1500", "3000"),  # SO DarstellungFPlan
    ],
)
def test_rechtscharakter_is_renumbered(export, cls, old, new):
    root, _messages = export(cls, AREA, rechtscharakter=old)
    assert root.findtext(f".//xplan:{cls}/xplan:rechtscharakter", namespaces=NS) == new


def test_a_removed_class_becomes_its_successor_with_its_codes(export):
    root, messages = export(
        "BP_GewaesserFlaeche",
        AREA + "<xplan:zweckbestimmung>1200</xplan:zweckbestimmung>",
        version="4/1",
    )
    water = root.find(".//xplan:SO_Gewaesser", NS)
    assert water is not None
    # 4.1 XP_ZweckbestimmungGewaesser 1200 Fliessgewaesser -> SO_KlassifizGewaesser 2000
    assert (
        water.findtext(
            "xplan:artDerFestlegung/xplan:SO_KomplexeFestlegungGewaesser/xplan:allgemein",
            namespaces=NS,
        )
        == "2000"
    )
    assert any(m.code == "class_migrated" and m.gml_id == "o1" for m in messages)


def test_a_value_without_60_equivalent_is_left_out_and_named(export):
    root, messages = export("SO_Gebiet", AREA + "<xplan:gebietsArt>1999</xplan:gebietsArt>")
    assert root.find(".//xplan:gebietsArt", NS) is None
    [message] = [m for m in messages if m.code == "value_dropped"]
    assert message.gml_id == "o1"
    assert "gebietsArt" in message.message and "1999" in message.message


def test_a_property_without_60_equivalent_is_left_out_and_named(export):
    root, messages = export("BP_BaugebietsTeilFlaeche", AREA + "<xplan:index>3</xplan:index>")
    assert root.find(".//xplan:index", NS) is None
    assert [(m.code, m.gml_id) for m in messages if "index" in m.message] == [
        ("property_dropped", "o1")
    ]


def test_an_object_without_successor_is_left_out_and_named(export):
    root, messages = export("BP_Baugebiet", AREA, version="4/1")
    assert root.find(".//xplan:BP_Baugebiet", NS) is None
    assert (
        root.find(
            './/xplan:planinhalt[@xlink:href="#o1"]',
            {**NS, "xlink": "http://www.w3.org/1999/xlink"},
        )
        is None
    )
    assert [(m.code, m.gml_id) for m in messages if m.code == "object_dropped"] == [
        ("object_dropped", "o1")
    ]


def test_the_41_bereich_baunvo_version_moves_to_the_plan(write_file, schema_60):
    source = read_xplan(
        write_file(
            document(
                bp_plan(bereiche=("b1",)),
                bereich("b1", "plan1", extra="<xplan:versionBauNVO>4000</xplan:versionBauNVO>"),
                version="4/1",
            )
        )
    )
    data = write_xplan_60(source)
    assert validate_xplan_60(data).valid
    root = etree.fromstring(data)
    assert (
        root.findtext(
            ".//xplan:BP_Plan/xplan:versionBauNVO/xplan:XP_GesetzlicheGrundlage/xplan:name",
            namespaces=NS,
        )
        == "BauNVO 1990"
    )
    assert root.find(".//xplan:BP_Bereich/xplan:versionBauNVO", NS) is None
