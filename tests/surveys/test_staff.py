"""Staff: builder, results (SVG charts with tables), exports; module off and foreign staff 404;
script in titles and answers stays inert."""

import csv
import io

import pytest
from django.urls import reverse
from osgeo import ogr

from participation.surveys.models import Question, Survey

from .helpers import fill_all, only_response, start

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert(1)</script>'
FORMULA = '=HYPERLINK("http://x","klick")'


def _staff_urls(survey):
    question = survey.questions.first()
    return [reverse("surveys_staff:list")] + [
        reverse(name, args=[survey.uid]) for name in (
            "surveys_staff:builder", "surveys_staff:preview", "surveys_staff:results",
            "surveys_staff:export-csv", "surveys_staff:export-xlsx",
            "surveys_staff:export-gpkg", "surveys_staff:codes", "surveys_staff:map-answers")
    ] + [reverse("surveys_staff:question", args=[survey.uid, question.pk])]


def test_builder_creates_survey_and_questions(client, staff, towns):
    client.force_login(staff)
    answer = client.post(reverse("surveys_staff:list"), {
        "authority": towns["on"].pk, "title": "Parken", "intro": "", "participation": "anonymous",
        "start_date": "2026-01-01", "end_date": "2026-12-31"})
    survey = Survey.objects.get(title="Parken")
    assert answer.url == reverse("surveys_staff:builder", args=[survey.uid])
    assert survey.procedure.kind == "survey"
    assert survey.procedure.phases.get().kind == "survey_open"
    builder = reverse("surveys_staff:builder", args=[survey.uid])
    client.post(builder, {"text": "Wie oft?", "type": "single", "page": 1,
                          "options_text": "oft\nselten", "required": "on"})
    client.post(builder, {"text": "Wo?", "type": "map_point", "page": 1, "max_count": 2})
    bad = client.post(builder, {"text": "Welche?", "type": "multiple", "page": 1,
                                "options_text": "nur eine"})
    assert bad.status_code == 400
    first, second = survey.questions.all()
    client.post(builder, {"action": "down", "question": first.pk})
    assert [q.text for q in survey.questions.all()] == ["Wo?", "Wie oft?"]
    assert client.get(reverse("surveys_staff:preview", args=[survey.uid])).status_code == 200
    edit = reverse("surveys_staff:question", args=[survey.uid, second.pk])
    client.post(edit, {"text": "Wo genau?", "type": "map_point", "page": 1})
    assert Question.objects.get(pk=second.pk).text == "Wo genau?"


def test_module_off_answers_404_everywhere(client, staff, survey, towns):
    towns["on"].enabled_modules = []
    towns["on"].save()
    client.force_login(staff)
    for url in _staff_urls(survey):
        assert client.get(url).status_code == 404, url
    public = reverse("surveys:start", args=["radstadt", survey.uid])
    assert client.get(public).status_code == 404
    assert client.post(public).status_code == 404


def test_staff_of_another_authority_get_404(client, other_staff, survey):
    client.force_login(other_staff)
    for url in _staff_urls(survey):
        if url == reverse("surveys_staff:list"):
            assert survey.title not in client.get(url).content.decode()
            continue
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "delete"}).status_code == 404, url
    assert survey.questions.count() == 10


def test_results_charts_and_exports_are_inert_and_complete(client, staff, survey, tmp_path):
    for _round in range(2):
        visitor = client.__class__()
        start(visitor, survey)
        response = survey.responses.filter(is_draft=True).get()
        fill_all(visitor, survey, response)
        q6 = survey.questions.get(order=6)
        response.answers.filter(question=q6).update(value=[SCRIPT, FORMULA])
        q3 = survey.questions.get(order=3)
        response.answers.filter(question=q3).update(value=FORMULA + SCRIPT)
    Question.objects.filter(survey=survey, order=6).update(options=[SCRIPT, FORMULA])
    Survey.objects.filter(pk=survey.pk).update(title=SCRIPT)
    client.force_login(staff)
    page = client.get(reverse("surveys_staff:results", args=[survey.uid])).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert "<svg" in page and "<title id=" in page and "<desc id=" in page and "<table>" in page
    text = client.get(reverse("surveys_staff:export-csv", args=[survey.uid])).content.decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 3
    assert all(not cell.startswith(("=", "+", "@", "-")) for row in rows for cell in row)
    gpkg = client.get(reverse("surveys_staff:export-gpkg", args=[survey.uid]))
    path = tmp_path / "umfrage.gpkg"
    path.write_bytes(gpkg.content)
    dataset = ogr.Open(str(path))
    layers = {dataset.GetLayer(i).GetGeomType(): dataset.GetLayer(i).GetFeatureCount()
              for i in range(dataset.GetLayerCount())}
    assert layers == {ogr.wkbMultiPoint: 2, ogr.wkbMultiLineString: 2, ogr.wkbMultiPolygon: 2}
    point_layer = next(dataset.GetLayer(i) for i in range(dataset.GetLayerCount())
                       if dataset.GetLayer(i).GetGeomType() == ogr.wkbMultiPoint)
    feature = point_layer.GetNextFeature()
    assert feature.GetGeometryRef().GetGeometryCount() == 2
    assert 700_000 < feature.GetGeometryRef().GetGeometryRef(0).GetX() < 760_000
    geojson = client.get(reverse("surveys_staff:map-answers", args=[survey.uid])).json()
    assert len(geojson["features"]) == 6


def test_drafts_are_not_counted(client, staff, survey):
    start(client, survey)
    only_response(survey)
    client.force_login(staff)
    text = client.get(reverse("surveys_staff:export-csv", args=[survey.uid])).content.decode()
    assert len(text.strip().splitlines()) == 1


def test_authority_admin_can_switch_the_module_in_the_staff_area(client, towns):
    from portal.models import Role
    from tests.factories import make_staff

    admin = make_staff(towns["off"], Role.ADMIN, username="ohneadmin")
    client.force_login(admin)
    page = client.get(reverse("portal:staff-authority-settings", args=[towns["off"].pk]))
    assert 'value="surveys"' in page.content.decode()
