"""Published results: staff publish once the survey is closed (who/when); the public page and
the API answer 404 before and 200 after; module off and foreign staff 404; script inert."""

import datetime

import pytest
from django.urls import reverse

from participation.surveys.models import Question, Survey

from .helpers import fill_all, start

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert(1)</script>"


def _submit(client, survey):
    visitor = client.__class__()
    start(visitor, survey)
    response = survey.responses.filter(is_draft=True).get()
    fill_all(visitor, survey, response)
    return response


def _close(survey):
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    for phase in survey.procedure.phases.all():
        phase.start_date = yesterday - datetime.timedelta(days=5)
        phase.end_date = yesterday
        phase.save()
    assert not survey.is_open()


def _urls(survey):
    args = [survey.authority.slug, survey.uid]
    return {"page": reverse("surveys:results", args=args),
            "map": reverse("surveys:results-map", args=args),
            "api": reverse("api:survey-results", kwargs={"uid": survey.uid}),
            "geojson": reverse("api:survey-results-geojson", kwargs={"uid": survey.uid})}


def test_publish_only_when_closed_then_public_page_api_and_links(client, staff, survey):
    _submit(client, survey)
    _submit(client, survey)
    urls = _urls(survey)
    for url in urls.values():
        assert client.get(url).status_code == 404, url
    client.force_login(staff)
    staff_results = reverse("surveys_staff:results", args=[survey.uid])
    refused = client.post(staff_results, {"action": "publish"})
    assert refused.status_code == 400
    assert "sobald die Umfrage beendet ist" in refused.content.decode()
    assert Survey.objects.get(pk=survey.pk).results_published_at is None
    _close(survey)
    assert client.post(staff_results, {"action": "publish"}).status_code == 302
    survey.refresh_from_db()
    assert survey.results_published_at is not None and survey.results_published_by == staff
    assert "radplaner" in client.get(staff_results).content.decode()
    client.logout()
    page = client.get(urls["page"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<table>" in html and "Fahren Sie Rad?" in html
    assert "Zu gefährlich" not in html  # free texts are not published
    assert "51.30000" in html  # the list alternative of the map
    points = client.get(urls["map"]).json()["features"]
    assert len(points) == 2 * 4  # two places, one line, one area per response
    assert {f["geometry"]["type"] for f in points} == {"Point"}
    data = client.get(urls["api"]).json()
    assert data["responses"] == 2
    single = next(q for q in data["questions"] if q["type"] == "single")
    assert {o["label"]: o["count"] for o in single["options"]} == {"ja": 0, "nein": 2}
    number = next(q for q in data["questions"] if q["type"] == "number")
    assert number["numbers"] == {"min": 12.5, "max": 12.5, "mean": 12.5}
    assert data["geojson_url"].endswith(urls["geojson"])
    geojson = client.get(urls["geojson"])
    assert geojson["Content-Type"].startswith("application/geo+json")
    assert len(geojson.json()["features"]) == 8
    start_page = client.get(reverse("surveys:start", args=["radstadt", survey.uid]))
    assert start_page.status_code == 302 and start_page.url == urls["page"]
    assert urls["page"] in client.get("/radstadt/").content.decode()
    client.force_login(staff)
    client.post(staff_results, {"action": "unpublish"})
    client.logout()
    for url in urls.values():
        assert client.get(url).status_code == 404, url


def test_module_off_foreign_staff_and_script(client, staff, other_staff, survey, towns):
    response = _submit(client, survey)
    response.answers.filter(question__order=6).update(value=[SCRIPT])
    Question.objects.filter(survey=survey, order=6).update(options=[SCRIPT, "Autos"])
    Survey.objects.filter(pk=survey.pk).update(title=SCRIPT)
    _close(survey)
    client.force_login(other_staff)
    staff_results = reverse("surveys_staff:results", args=[survey.uid])
    assert client.post(staff_results, {"action": "publish"}).status_code == 404
    assert Survey.objects.get(pk=survey.pk).results_published_at is None
    client.force_login(staff)
    client.post(staff_results, {"action": "publish"})
    client.logout()
    urls = _urls(survey)
    html = client.get(urls["page"]).content.decode()
    assert SCRIPT not in html and "&lt;script&gt;" in html
    assert client.get(urls["api"]).json()["title"] == SCRIPT  # JSON, never HTML
    towns["on"].enabled_modules = []
    towns["on"].save()
    for url in urls.values():
        assert client.get(url).status_code == 404, url
    assert "umfragen" not in client.get("/radstadt/").content.decode()


def test_staff_results_have_a_heat_map_with_a_table(client, staff, survey):
    _submit(client, survey)
    _submit(client, survey)
    client.force_login(staff)
    html = client.get(reverse("surveys_staff:results", args=[survey.uid])).content.decode()
    assert 'id="heat-map"' in html and "vendor/leaflet.heat/leaflet-heat.js" in html
    assert "surveys/js/heat_map.js" in html
    config = html.split('id="heat-map-config"')[1].split("</script>")[0]
    assert config.count("[51.3") >= 2 and '"surveyHeat"' in config
    # the density table: both places of both responses and the line start in one cell
    assert "<td>51.30</td><td>12.30</td><td>" in html
    assert "Heatmap der Kartenantworten" in html
