"""Staff phases of a plan: schedule with the BauGB timing rules, edit, delete, states."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from planning.services.phases import schedule_phase
from portal.models import Phase

from ..factories import make_plan

pytest_plugins = ["tests.planning.test_staff_support"]
pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def today():
    return timezone.localdate()


def phase_data(kind="baugb_3_2", start=None, days=35, prefix="phase-", **fields) -> dict:
    start = start or today() + timedelta(days=14)
    data = {
        "kind": kind, "title": "", "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=days - 1)).isoformat(),
        "announcement_date": (start - timedelta(days=7)).isoformat(),
        "announcement_text": "Der Entwurf wird im Internet veröffentlicht.",
        "late_statements_warned": "on",
    }
    data.update(fields)
    return {f"{prefix}{key}": value for key, value in data.items() if value is not None}


def add(client, plan, **kwargs):
    return client.post(reverse("planning_staff:phase-add", kwargs={"plan_uid": plan.uid}),
                       phase_data(**kwargs), **EN)


def test_schedule_a_publication_of_35_days(client, planner, plan):
    client.force_login(planner)
    response = add(client, plan)
    assert response.status_code == 302 and response["Location"].endswith("#phases")
    phase = Phase.objects.get(procedure=plan.procedure)
    assert phase.kind == "baugb_3_2" and (phase.end_date - phase.start_date).days == 34
    assert phase.late_statements_warned and not phase.accepts_late_statements
    page = client.get(reverse("planning_staff:plan-detail", kwargs={"plan_uid": plan.uid}), **EN)
    html = page.content.decode()
    assert 'data-phase-state="upcoming"' in html
    assert "Publication of the draft (§3(2) BauGB)" in html


def test_too_short_publication_is_an_error_and_nothing_is_saved(client, planner, plan):
    client.force_login(planner)
    response = add(client, plan, days=20)
    assert response.status_code == 200
    errors = response.context["phase_form"].errors
    assert "one month and at least 30 days" in " ".join(errors["end_date"])
    assert not Phase.objects.exists()


def test_renewed_publication_warning_must_be_acknowledged(client, planner, plan):
    client.force_login(planner)
    response = add(client, plan, kind="baugb_4a_3", days=14)
    assert response.status_code == 200
    form = response.context["phase_form"]
    assert "Confirm that you checked this" in " ".join(form.errors["timing_warnings_acknowledged"])
    assert form.show_acknowledgement
    assert 'id="id_phase-timing_warnings_acknowledged"' in response.content.decode()
    assert not Phase.objects.exists()
    response = add(client, plan, kind="baugb_4a_3", days=14, timing_warnings_acknowledged="on")
    assert response.status_code == 302
    assert Phase.objects.get().timing_warnings_acknowledged is True


def test_acknowledgement_is_not_offered_before_a_warning(client, planner, plan):
    client.force_login(planner)
    page = client.get(reverse("planning_staff:plan-detail", kwargs={"plan_uid": plan.uid}))
    assert "timing_warnings_acknowledged" not in page.content.decode()


def test_only_the_procedure_kinds_phases_are_offered(client, planner, town):
    simplified = make_plan(town, name="Vereinfacht", published=False, procedure_kind="baugb_13")
    client.force_login(planner)
    page = client.get(reverse("planning_staff:plan-detail", kwargs={"plan_uid": simplified.uid}))
    choices = [code for code, _label in page.context["phase_form"].fields["kind"].choices]
    assert choices == ["baugb_3_2", "baugb_4_2", "baugb_4a_3"]
    response = add(client, simplified, kind="baugb_3_1", days=20)
    assert "kind" in response.context["phase_form"].errors
    assert not Phase.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"end_date": "2020-01-01"}, "end_date", "must not be before the first day"),
        ({"announcement_date": (today() + timedelta(days=20)).isoformat()},
         "announcement_date", "announced before it starts"),
        ({"start_date": "31.02.2030"}, "start_date", "Enter a valid date"),
        ({"kind": "bogus"}, "kind", "Select a valid choice"),
    ],
)
def test_bad_phase_input_is_refused(client, planner, plan, fields, field, message):
    client.force_login(planner)
    response = add(client, plan, **fields)
    assert response.status_code == 200
    assert message in " ".join(response.context["phase_form"].errors[field])
    assert not Phase.objects.exists()


def test_plan_without_procedure_has_no_phases(client, planner, town):
    bare = make_plan(town, name="Ohne Verfahren", published=False, procedure_kind=None)
    client.force_login(planner)
    response = add(client, bare)
    assert response.status_code == 200
    assert "has no participation procedure" in response.content.decode()
    assert not Phase.objects.exists()


def test_edit_a_phase(client, planner, plan):
    start = today() + timedelta(days=10)
    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=start,
                           end_date=start + timedelta(days=35))
    client.force_login(planner)
    url = reverse("planning_staff:phase-edit", kwargs={"plan_uid": plan.uid, "phase_pk": phase.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["kind"].value() == "baugb_3_2"
    response = client.post(url, phase_data(start=start, days=45, prefix="",
                                           title="Veröffentlichung", accepts_late_statements="on"))
    assert response.status_code == 302
    phase.refresh_from_db()
    assert phase.title == "Veröffentlichung" and (phase.end_date - start).days == 44
    assert phase.accepts_late_statements
    # A too short period is refused and the stored phase stays as it was.
    response = client.post(url, phase_data(start=start, days=10, prefix=""), **EN)
    assert response.status_code == 200 and "end_date" in response.context["form"].errors
    phase.refresh_from_db()
    assert (phase.end_date - start).days == 44


def test_delete_an_upcoming_phase_but_not_an_open_one(client, planner, plan):
    start = today() + timedelta(days=10)
    upcoming = schedule_phase(plan=plan, kind="baugb_4_2", start_date=start,
                              end_date=start + timedelta(days=35))
    running = schedule_phase(plan=plan, kind="baugb_3_2", start_date=today() - timedelta(days=3),
                             end_date=today() + timedelta(days=35))
    closed = schedule_phase(plan=plan, kind="baugb_3_1", start_date=today() - timedelta(days=60),
                            end_date=today() - timedelta(days=30))
    client.force_login(planner)
    page = client.get(reverse("planning_staff:plan-detail", kwargs={"plan_uid": plan.uid}))
    html = page.content.decode()
    assert 'data-phase-state="open"' in html and 'data-phase-state="closed"' in html
    delete_running = reverse("planning_staff:phase-delete",
                             kwargs={"plan_uid": plan.uid, "phase_pk": running.pk})
    assert delete_running not in html
    response = client.post(delete_running, **EN)
    assert response.status_code == 200
    assert "Only a phase that has not started yet can be deleted" in response.content.decode()
    assert Phase.objects.filter(pk__in=[running.pk, closed.pk]).count() == 2
    delete_upcoming = reverse("planning_staff:phase-delete",
                              kwargs={"plan_uid": plan.uid, "phase_pk": upcoming.pk})
    assert client.get(delete_upcoming).status_code == 200
    assert client.post(delete_upcoming).status_code == 302
    assert not Phase.objects.filter(pk=upcoming.pk).exists()
