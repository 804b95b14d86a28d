"""A plan's uploaded layer (GeoJSON, no XPlanung class) is part of its XPlanGML export."""

import pytest
from django.contrib.gis.geos import Polygon
from lxml import etree

from gis.models import Feature, IngestStatus, Layer, LayerKind
from planning.models import PlanLayer
from planning.xplan_import import export_plan_gml
from planning.xplanung import read_xplan

from ..factories import make_authority, make_plan, square

pytestmark = pytest.mark.django_db
XSD_60 = "xplanung/xsd/6_0/XPlanung-Operationen-offline.xsd"


@pytest.fixture
def plan_with_upload(settings):
    town = make_authority(name="Musterstadt", slug="musterstadt",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    plan = make_plan(town, name="Am Mühlbach", number="MS-12", plan_art=["1000"],
                     area=square(820_000, 5_655_000, 400))
    layer = Layer.objects.create(name="Art der baulichen Nutzung", kind=LayerKind.VECTOR,
                                 status=IngestStatus.DONE, is_public=True,
                                 style={"attribute": "nutzung"}, feature_count=2)
    for index, (x, code, label) in enumerate(((820_000, "1200", "WA 1"),
                                              (820_200, "1500", "MI"))):
        box = Polygon.from_bbox((x, 5_655_000, x + 200, 5_655_400))
        box.srid = settings.PORTAL_STORAGE_SRID
        Feature.objects.create(layer=layer, geometry=box, source_index=index, style_key=code,
                               attributes={"nutzung": code, "bezeichnung": label, "n": index})
    PlanLayer.objects.create(plan=plan, layer=layer)
    return plan


def test_uploaded_layer_is_exported_as_generic_objects(plan_with_upload, tmp_path):
    data = export_plan_gml(plan_with_upload)
    path = tmp_path / "plan.gml"
    path.write_bytes(data)
    document = read_xplan(path)
    objects = [o for o in document.objects if o.xplan_class == "BP_GenerischesObjekt"]
    assert len(objects) == 2
    attributes = {(a["name"], a["wert"]) for a in objects[0].attributes["hatGenerAttribut"]}
    assert {("nutzung", "1200"), ("bezeichnung", "WA 1")} <= attributes
    assert objects[0].attributes["text"] == "Art der baulichen Nutzung"
    (bereich,) = document.plans[0].bereiche
    assert all(bereich.gml_id in o.bereich_ids for o in objects)
    assert objects[0].geometry.area == pytest.approx(80_000, rel=1e-3)
    assert export_plan_gml(plan_with_upload) == data  # stable ids


def test_export_with_uploaded_layer_is_valid_xplangml_60(plan_with_upload, shared_data):
    xsd = shared_data.parent / XSD_60
    if not xsd.is_file():
        pytest.skip("the bundled XPlanung 6.0 schemas are absent")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    document = etree.fromstring(export_plan_gml(plan_with_upload))
    assert schema.validate(document), schema.error_log.last_error
