"""The queries of one public statement POST are pinned (docs/performance.md).

A submission read the phase settings and the privacy notice twice, built the page's list of up
to 500 plan objects although it redirects, and let full_clean query each foreign key it had
just loaded. The limits below are what a submission needs now, on SpatiaLite and PostGIS alike
(savepoints of the test's transaction included; the plain POST took 24, then 16); a change that
adds queries to this path fails here. An object beyond the 500 the page lists (chosen on the
map) was refused as an invalid choice before; the service checks it belongs to the plan.
"""

import pytest
import time_machine
from django.contrib.gis.geos import Polygon
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gis.models import Feature, IngestStatus, Layer, LayerKind
from planning.models import PlanDocument, PlanLayer, Statement

from ..statements.test_public_form import OPEN, form_url, payload

pytestmark = pytest.mark.django_db

FEATURES = 600


@pytest.fixture
def plan_objects(plan):
    layer = Layer.objects.create(name="Festsetzungen", kind=LayerKind.VECTOR,
                                 status=IngestStatus.DONE, is_public=True)
    PlanLayer.objects.create(plan=plan, layer=layer)
    Feature.objects.bulk_create(
        Feature(layer=layer, geometry=Polygon.from_bbox((820_000 + i, 5_655_000,
                                                         820_001 + i, 5_655_001)),
                label=f"Baufeld {i}", source_index=i)
        for i in range(FEATURES))
    return list(Feature.objects.filter(layer=layer).order_by("source_index"))


@time_machine.travel(OPEN)
def test_statement_post_query_count(client, plan, phase, notice, plan_objects,
                                    django_assert_max_num_queries):
    assert client.post(form_url(plan), payload(notice)).status_code == 302  # counter exists
    # 13 (savepoints of the test's transaction included; 16 before, 10 outside a test): the
    # plan without its page prefetches or documents (none chosen), the open phase with its
    # settings in one query, the procedure's own privacy notice before the authority's
    # general one, the reference number in one UPDATE, the session in one INSERT.
    with django_assert_max_num_queries(13):
        assert client.post(form_url(plan), payload(notice)).status_code == 302


@time_machine.travel(OPEN)
def test_statement_post_with_a_plan_object_reads_only_that_object(
        client, plan, phase, notice, plan_objects, django_assert_max_num_queries):
    chosen = plan_objects[-1]  # beyond the 500 the page lists: chosen on the map
    client.post(form_url(plan), payload(notice))
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(15):
        response = client.post(form_url(plan), payload(notice, plan_feature=str(chosen.pk)))
    assert response.status_code == 302
    assert Statement.objects.get(plan_feature=chosen).text == "Bitte den Bach offen lassen."
    feature_rows = [q["sql"] for q in queries.captured_queries if "portal_gis_feature" in q["sql"]]
    assert all("LIMIT 500" not in sql for sql in feature_rows)


@time_machine.travel(OPEN)
def test_a_refused_post_shows_every_plan_object_again(client, plan, phase, notice,
                                                      plan_objects):
    response = client.post(form_url(plan), payload(notice, privacy_accepted="",
                                                    plan_feature=str(plan_objects[3].pk)))
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Baufeld ") >= 500
    assert f'value="{plan_objects[3].pk}" selected' in html
    for foreign in ("999999", "²", "-1"):  # no object of this plan: refused as before
        response = client.post(form_url(plan), payload(notice, plan_feature=foreign))
        assert response.status_code == 400
    assert Statement.objects.count() == 0


@time_machine.travel(OPEN)
def test_the_map_link_preselects_its_plan_object(client, plan, phase, notice, plan_objects):
    chosen = plan_objects[7]
    html = client.get(form_url(plan), {"objekt": str(chosen.pk)}).content.decode()
    assert f'value="{chosen.pk}" selected' in html


@time_machine.travel(OPEN)
def test_a_refused_post_shows_the_whole_page_with_only_public_documents(client, plan, phase,
                                                                       notice):
    """A POST reads the plan without its page's prefetches; a refusal builds the page again
    from the full, filtered read – a document that is not public is never offered."""
    PlanDocument.objects.create(plan=plan, kind="1010", title="Begründung öffentlich")
    PlanDocument.objects.create(plan=plan, kind="1010", title="Interner Vermerk",
                                is_public=False)
    response = client.post(form_url(plan), payload(notice, text=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Begründung öffentlich" in page and "Interner Vermerk" not in page
    assert not Statement.objects.exists()
