"""A citizen answers the demo survey in real Chromium on a phone-sized screen: a choice, places,
a line and an area (typed into the map questions' text fields, which the map only fills),
leaves, resumes the draft by its link and submits. axe-clean, CSP-clean."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from fixtures.demo import DEMO_PASSWORD, load_demo_data
from participation.surveys.models import Response, Survey

from .conftest import assert_accessible, pass_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


def test_phone_answer_resume_and_submit(page):
    load_demo_data()
    survey = Survey.objects.get()
    q = {question.order: f"#q{question.pk}" for question in survey.questions.all()}
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/musterstadt/umfragen/{survey.uid}/")
    assert_accessible(page)
    page.locator("button[name=begin]").click()
    expect(page.locator(".survey-map").first).to_be_visible()
    assert_accessible(page)
    page.locator("input[type=radio][value=täglich]").check()
    # a place set on the map fills the text field
    point_map = page.locator(f".survey-map[data-field='{q[2][1:]}']")
    point_map.scroll_into_view_if_needed()
    point_map.locator("div[title='Draw Marker'] a.leaflet-buttons-control-button").click()
    box = page.locator(f".survey-map[data-field='{q[2][1:]}']").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(q[2])).to_have_value(re.compile("MultiPoint"))
    page.fill(q[2], "51.05, 13.35\n51.06, 13.36")
    page.locator("button[value=save]").click()
    expect(page.get_by_role("status")).to_be_visible()
    resume = page.locator("p.help a").first.get_attribute("href")
    page.goto("/")
    page.goto(resume)
    expect(page.locator("input[type=radio][value=täglich]")).to_be_checked()
    page.locator("button[value=next]").click()
    page.fill(q[3], "51.05, 13.35\n51.06, 13.37")
    page.fill(q[4], "51.05, 13.35\n51.05, 13.37\n51.07, 13.37")
    assert_accessible(page)
    page.locator("button[value=next]").click()
    expect(page).to_have_url(f"{page.url.split('/musterstadt/')[0]}/musterstadt/umfragen/{survey.uid}/danke/")
    assert_accessible(page)
    response = Response.objects.get(survey=survey)
    assert not response.is_draft
    kinds = sorted(a.geometry.geom_type for a in response.answers.exclude(geometry=None))
    assert kinds == ["MultiLineString", "MultiPoint", "MultiPolygon"]

    # staff see the results: charts with tables, the map of the answers
    page.goto("/accounts/login/")
    page.fill("#id_username", "planerin")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")
    page.goto(f"/staff/umfragen/{survey.uid}/ergebnisse/")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    page.wait_for_selector(".portal-map[data-map-ready=true]")
    # the heat map of the four drawings (two places, a line, an area), with a table beside it
    expect(page.locator("#heat-map[data-heat-points='4']")).to_have_count(1)
    assert_accessible(page)

    # once the survey is closed, staff publish the results; the public page shows them
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    for phase in survey.procedure.phases.all():
        phase.start_date, phase.end_date = yesterday - datetime.timedelta(days=7), yesterday
        phase.save()
    page.reload()
    page.locator("button[name=action][value=publish]").click()  # "Ergebnis(se) veröffentlichen"
    expect(page.get_by_role("link", name="Öffentliche Ergebnisseite")).to_be_visible()
    page.goto(f"/musterstadt/umfragen/{survey.uid}/")
    expect(page).to_have_url(re.compile(f"/musterstadt/umfragen/{survey.uid}/ergebnisse/$"))
    expect(page.locator("svg[role=img]").first).to_be_visible()
    page.wait_for_selector("#answers-map[data-map-ready=true]")
    expect(page.locator("#answers-map[data-feature-count='4']")).to_have_count(1)
    expect(page.locator("table td", has_text="51.05000").first).to_be_visible()
    assert_accessible(page)
