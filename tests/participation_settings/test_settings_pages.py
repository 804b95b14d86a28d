"""The participation defaults of an authority and the statement settings of a phase, edited in
the staff area: what they change for the public, who may edit them, the audit log, and the
refusal of bad input (docs/participation-settings.md)."""

import pytest
from django.urls import reverse

from planning.models import ParticipationDefaults, Statement, StatementSettings
from portal.models import AuditAction, AuditEntry, Role

from ..statements.test_form_guidance import form_url, payload
from .conftest import public_phase

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


def defaults_url(authority):
    return reverse("planning_staff:participation-defaults", args=[authority.pk])


def phase_url(plan, phase):
    return reverse("planning_staff:phase-settings", args=[plan.uid, phase.pk])


def rules(**overrides):
    data = {"identity": "anonymous_allowed", "topics": "", "display_publicly": "",
            "allow_cosigning": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_defaults_apply_to_a_phase_without_settings_of_its_own(client, plan, staff):
    signed_in(client, staff[Role.ADMIN])
    response = client.post(defaults_url(plan.authority), rules(
        identity="named", topics="Verkehr\n\n  Grün   und Bäume \nverkehr\nLärm\n"), **EN)
    assert response.status_code == 302
    defaults = ParticipationDefaults.objects.get(authority=plan.authority)
    assert defaults.topics == ["Verkehr", "Grün und Bäume", "Lärm"]  # blank and repeated left out
    assert defaults.identity == "named"

    new_phase = public_phase(plan)  # scheduled after the defaults were set
    assert not StatementSettings.objects.filter(phase=new_phase).exists()
    client.logout()
    html = client.get(form_url(plan), **EN).content.decode()
    assert 'value="Grün und Bäume"' in html and 'value="Lärm"' in html
    assert 'name="anonymous"' not in html  # the name is required: no anonymous choice


def test_a_phase_settings_change_what_the_public_form_offers(client, plan, phase, staff):
    client.logout()
    html = client.get(form_url(plan), **EN).content.decode()
    assert 'name="topics"' not in html and 'name="anonymous"' in html
    assert client.post(form_url(plan), payload(), **EN).status_code == 302
    assert Statement.objects.count() == 1

    signed_in(client, staff[Role.PLANNER])
    response = client.post(phase_url(plan, phase),
                           rules(identity="named", topics="Verkehr\nHochwasser"), **EN)
    assert response.status_code == 302
    client.logout()
    html = client.get(form_url(plan), **EN).content.decode()
    assert 'value="Verkehr"' in html and 'value="Hochwasser"' in html
    assert 'name="anonymous"' not in html
    refused = client.post(form_url(plan), payload(), **EN)
    assert refused.status_code != 302 and Statement.objects.count() == 1
    assert "name and postal address" in refused.content.decode()


def test_own_phase_settings_are_kept_when_the_defaults_change(client, plan, phase, staff):
    signed_in(client, staff[Role.ADMIN])
    client.post(phase_url(plan, phase), rules(topics="Verkehr"), **EN)
    client.post(defaults_url(plan.authority), rules(topics="Lärm", identity="named"), **EN)
    page = client.get(phase_url(plan, phase), **EN).content.decode()
    assert 'id="own-settings"' in page and "Verkehr" in page and "Lärm" not in page
    assert StatementSettings.objects.get(phase=phase).topics == ["Verkehr"]


def test_public_display_from_the_defaults_shows_approved_statements(client, plan, phase, staff):
    signed_in(client, staff[Role.ADMIN])
    client.post(defaults_url(plan.authority), rules(display_publicly="on",
                                                    allow_cosigning="on"), **EN)
    client.logout()
    detail = client.get(plan.get_absolute_url(), **EN).content.decode()
    assert reverse("planning:public-statements", args=[plan.authority.slug, plan.uid]) in detail


def test_the_phase_page_starts_from_the_defaults(client, plan, phase, staff):
    ParticipationDefaults.objects.create(authority=plan.authority, topics=["Schule"],
                                         identity="named")
    page = signed_in(client, staff[Role.PLANNER]).get(phase_url(plan, phase), **EN)
    html = page.content.decode()
    assert page.status_code == 200 and 'id="follows-defaults"' in html
    assert ">Schule</textarea>" in html.replace("\n", "")
    assert '<option value="named" selected>' in html


@pytest.mark.parametrize("role, status", [(Role.ADMIN, 200), (Role.PLANNER, 403),
                                          (Role.MODERATOR, 403), (Role.VIEWER, 403),
                                          ("stranger", 404)])
def test_who_may_open_and_save_the_defaults(client, plan, staff, role, status):
    signed_in(client, staff[role])
    assert client.get(defaults_url(plan.authority)).status_code == status
    response = client.post(defaults_url(plan.authority), rules(topics="Verkehr"))
    assert response.status_code == (302 if status == 200 else status)
    assert ParticipationDefaults.objects.exists() is (status == 200)


@pytest.mark.parametrize("role, status", [(Role.ADMIN, 200), (Role.PLANNER, 200),
                                          (Role.MODERATOR, 403), (Role.VIEWER, 403),
                                          ("stranger", 404)])
def test_who_may_open_and_save_a_phases_settings(client, plan, phase, staff, role, status):
    signed_in(client, staff[role])
    assert client.get(phase_url(plan, phase)).status_code == status
    response = client.post(phase_url(plan, phase), rules(topics="Verkehr"))
    assert response.status_code == (302 if status == 200 else status)
    assert StatementSettings.objects.exists() is (status == 200)


def test_a_phase_of_another_plan_is_not_found(client, plan, phase, staff, other_town):
    from ..factories import make_plan

    other_plan = make_plan(other_town, name="Fremdplan")
    other_phase = public_phase(other_plan)
    signed_in(client, staff[Role.ADMIN])
    assert client.get(phase_url(plan, other_phase)).status_code == 404
    assert client.post(phase_url(other_plan, other_phase), rules()).status_code == 404


def test_a_phase_without_statements_has_no_settings_page(client, plan, staff):
    from datetime import date

    from portal.models import Phase
    from portal.procedures import registry

    information = registry.PhaseKind(code="test_information", name="Information",
                                     accepts_statements=False)
    with registry.registered_temporarily(information):
        phase = Phase.objects.create(procedure=plan.procedure, kind="test_information",
                                     start_date=date(2026, 9, 25), end_date=date(2026, 10, 25))
        signed_in(client, staff[Role.ADMIN])
        assert client.get(phase_url(plan, phase)).status_code == 404
        detail = client.get(reverse("planning_staff:plan-detail", args=[plan.uid]))
        assert phase_url(plan, phase) not in detail.content.decode()


def test_changes_are_written_to_the_audit_log_and_no_change_writes_nothing(client, plan, phase,
                                                                           staff):
    signed_in(client, staff[Role.ADMIN])
    client.post(defaults_url(plan.authority), rules(topics="Verkehr"), **EN)
    client.post(defaults_url(plan.authority), rules(topics="Verkehr\n"), **EN)  # the same
    # The phase followed the defaults: only the public display changes.
    client.post(phase_url(plan, phase), rules(topics="Verkehr", display_publicly="on"), **EN)
    entries = list(AuditEntry.objects.filter(authority=plan.authority).order_by("pk"))
    assert [(e.action, e.before, e.after) for e in entries] == [
        (AuditAction.SETTINGS_CHANGED, {"topics": []}, {"topics": ["Verkehr"]}),
        (AuditAction.SETTINGS_CHANGED, {"display_publicly": False}, {"display_publicly": True}),
    ]
    assert entries[0].subject == "Participation defaults"
    assert phase.display_title in entries[1].subject
    assert entries[1].actor == staff[Role.ADMIN]
    log = client.get(reverse("portal:staff-authority-audit-log", args=[plan.authority.pk]), **EN)
    assert "Participation defaults" in log.content.decode()


@pytest.mark.parametrize("data, message", [
    (rules(topics="\n".join(f"Thema {n}" for n in range(31))),
     "Please enter at most 30 topics (you entered 31)."),
    (rules(topics="Verkehr\n" + "x" * 81), "is too long: at most 80 characters per topic."),
    (rules(topics="Ver\x07kehr"), "Please remove control characters from the topics."),
    (rules(allow_cosigning="on"), "Co-signing needs the public display"),
    (rules(identity="everyone"), "Select a valid choice."),
    (rules(topics="x" * 10_001), "Ensure this value has at most 10000 characters"),
])
def test_invalid_input_is_refused_with_a_message_and_nothing_is_written(
        client, plan, phase, staff, data, message):
    signed_in(client, staff[Role.ADMIN])
    for url in (defaults_url(plan.authority), phase_url(plan, phase)):
        response = client.post(url, data, **EN)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert 'id="error-summary"' in response.content.decode()
    assert not ParticipationDefaults.objects.exists() and not StatementSettings.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_refusal_is_in_german_first(client, plan, staff):
    signed_in(client, staff[Role.ADMIN])
    response = client.post(defaults_url(plan.authority),
                           rules(topics="\n".join(f"Thema {n}" for n in range(31))), **DE)
    assert "Bitte geben Sie höchstens 30 Themen an" in response.content.decode()


def test_the_authority_page_links_the_defaults_for_its_admins_only(client, plan, staff):
    url = reverse("portal:staff-authority", args=[plan.authority.pk])
    assert defaults_url(plan.authority) in signed_in(client, staff[Role.ADMIN]).get(
        url).content.decode()
    assert defaults_url(plan.authority) not in signed_in(client, staff[Role.PLANNER]).get(
        url).content.decode()


def test_the_plan_page_links_the_phase_settings_for_editors(client, plan, phase, staff):
    detail = reverse("planning_staff:plan-detail", args=[plan.uid])
    assert phase_url(plan, phase) in signed_in(client, staff[Role.PLANNER]).get(
        detail).content.decode()
    assert phase_url(plan, phase) not in signed_in(client, staff[Role.VIEWER]).get(
        detail).content.decode()


def test_the_record_of_processing_describes_a_phase_by_the_defaults_it_follows(client, plan,
                                                                              phase, staff):
    signed_in(client, staff[Role.ADMIN])
    url = reverse("dataprotection:record", kwargs={"authority_pk": plan.authority.pk})
    assert "name and postal address required" not in client.get(url, **EN).content.decode()
    client.post(defaults_url(plan.authority), rules(identity="named", display_publicly="on",
                                                    allow_cosigning="on"), **EN)
    page = client.get(url, **EN).content.decode()
    assert "name and postal address required" in page and "co-signing allowed" in page
