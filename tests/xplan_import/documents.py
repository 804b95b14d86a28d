"""XPlanGML documents and archives the import tests write themselves (nothing downloaded)."""

import io
import zipfile

from PIL import Image

from tests.xplanung.builders import bereich, bp_plan, content, document, polygon, square

X0, Y0 = 400_000, 5_650_000  # EPSG:25832, inside the test authority's jurisdiction


def point(x: float, y: float, gml_id: str) -> str:
    return (f'<gml:Point gml:id="{gml_id}" srsName="EPSG:25832"><gml:pos>{x} {y}</gml:pos>'
            "</gml:Point>")


def line(coords, gml_id: str) -> str:
    pos = " ".join(f"{x} {y}" for x, y in coords)
    return (f'<gml:LineString gml:id="{gml_id}" srsName="EPSG:25832"><gml:posList>{pos}'
            "</gml:posList></gml:LineString>")


def reference(href: str, typ: str, name: str) -> str:
    return (f"<xplan:externeReferenz><xplan:XP_SpezExterneReferenz>"
            f"<xplan:referenzName>{name}</xplan:referenzName>"
            f"<xplan:referenzURL>{href}</xplan:referenzURL><xplan:typ>{typ}</xplan:typ>"
            "</xplan:XP_SpezExterneReferenz></xplan:externeReferenz>")


def scan_reference(href: str, world: str) -> str:
    return (f"<xplan:refScan><xplan:XP_ExterneReferenz><xplan:georefURL>{world}</xplan:georefURL>"
            f"<xplan:referenzName>{href}</xplan:referenzName>"
            f"<xplan:referenzURL>{href}</xplan:referenzURL></xplan:XP_ExterneReferenz>"
            "</xplan:refScan>")


#: Required after `position` on 6.0 Flächenschlussobjekte and Überlagerungsflächen.
AREA = "<xplan:flaechenschluss>true</xplan:flaechenschluss>"


def rich_plan(*, plan_extra: str = "", bereich_extra: str = "", besondere: str = "1200",
              ags: str | None = "14612000", plan_art: str = "1000", area: str | None = None,
              dates: str = "") -> bytes:
    """A BP plan with a Bereich, land-use areas, an overlay, a line, a point, a presentation
    object with a label, and a text section without geometry; valid XPlanGML 6.0 (with the
    default codes). `plan_extra`: XP_Plan properties (externeReferenz …); `dates`: BP_Plan's."""
    objects = [
        content("bg1", "b1", polygon(square(X0, Y0, 50), gml_id="g_bg1"),
                extra=f"{AREA}<xplan:besondereArtDerBaulNutzung>{besondere}"
                      "</xplan:besondereArtDerBaulNutzung>"),
        content("bg2", "b1", polygon(square(X0 + 50, Y0, 50), gml_id="g_bg2"),
                extra=f"{AREA}<xplan:allgArtDerBaulNutzung>3000"
                      "</xplan:allgArtDerBaulNutzung>"),
        content("gr1", "b1", polygon(square(X0, Y0 + 50, 50), gml_id="g_gr1"),
                cls="BP_GruenFlaeche",
                extra=f"{AREA}<xplan:zweckbestimmung><xplan:BP_KomplexeZweckbestGruen>"
                      "<xplan:allgemein>1000</xplan:allgemein></xplan:BP_KomplexeZweckbestGruen>"
                      "</xplan:zweckbestimmung>"),
        content("ueb1", "b1", polygon(square(X0 + 5, Y0 + 5, 20), gml_id="g_ueb1"),
                cls="BP_UeberbaubareGrundstuecksFlaeche", extra=AREA),
        content("bgr1", "b1", line([(X0 + 5, Y0 + 5), (X0 + 25, Y0 + 5)], "g_bgr1"),
                cls="BP_BauGrenze"),
        content("hm1", "b1", point(X0 + 10, Y0 + 10, "g_hm1"), cls="BP_HoehenMass"),
        ('<gml:featureMember><xplan:XP_PTO gml:id="pto1">'
         '<xplan:gehoertZuBereich xlink:href="#b1"/>'
         '<xplan:dientZurDarstellungVon xlink:href="#bg1"/>'
         f"<xplan:schriftinhalt>WA 1</xplan:schriftinhalt>"
         f"<xplan:position>{point(X0 + 20, Y0 + 20, 'g_pto1')}</xplan:position>"
         "</xplan:XP_PTO></gml:featureMember>"),
        ('<gml:featureMember><xplan:XP_TextAbschnitt gml:id="txt1">'
         "<xplan:schluessel>§ 1</xplan:schluessel>"
         "<xplan:text>Im WA sind Tankstellen unzulässig.</xplan:text>"
         "<xplan:rechtscharakter>1000</xplan:rechtscharakter>"
         "</xplan:XP_TextAbschnitt></gml:featureMember>"),
    ]
    plan = bp_plan("plan1", "Am Mühlgraben", bereiche=("b1",), ags=ags, plan_art=plan_art,
                   area=area, head="<xplan:nummer>B-12</xplan:nummer>",
                   xp_extra=plan_extra + '<xplan:texte xlink:href="#txt1"/>', extra=dates)
    return document(plan, bereich("b1", "plan1", extra=bereich_extra), *objects)


def png_bytes(size: int = 64) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def minimal_pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]"
            b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def rich_archive(**kwargs) -> bytes:
    """rich_plan() as an XPlanArchiv with a Begründung PDF, a fake PDF, a URL reference and a
    georeferenced PNG scan (1 m pixels at the plan's corner)."""
    references = (reference("begruendung.pdf", "1010", "Begründung")
                  + reference("fake.pdf", "1060", "Satzung")
                  + reference("https://example.org/plan/legende.pdf", "1020", "Legende"))
    gml = rich_plan(plan_extra=references, bereich_extra=scan_reference("scan.png", "scan.pgw"),
                    **kwargs)
    world = f"1.0\n0.0\n0.0\n-1.0\n{X0 + 0.5}\n{Y0 + 99.5}\n".encode()
    return zipped({"xplan.gml": gml, "begruendung.pdf": minimal_pdf(),
                   "fake.pdf": b"<html>not a pdf</html>", "scan.png": png_bytes(100),
                   "scan.pgw": world})
