"""Proposing agencies by a spatial query in the database, adding by hand, removing, and the
staff buttons for it."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from planning.agencies.proposal import (
    add_agency,
    intersecting_agencies,
    propose_agencies,
    remove_proposals,
)
from planning.agencies.register import update_agency
from planning.models import AgencyInvitation, InvitationState

from ..factories import make_authority, square

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(i.agency.name for i in queryset)


def test_agencies_whose_area_intersects_the_geltungsbereich_are_proposed(world, foreign, clock):
    result = propose_agencies(phase=world["phase"])
    assert sorted(a.name for a in result.added) == ["Naturschutz Musterstadt",
                                                    "Wasserbehörde Musterstadt"]
    invitations = AgencyInvitation.objects.filter(phase=world["phase"])
    assert {i.state for i in invitations} == {InvitationState.PROPOSED}
    assert all(i.token_hash == "" and i.invited_at is None for i in invitations)
    # Running it again adds nothing twice.
    again = propose_agencies(phase=world["phase"])
    assert again.added == [] and again.already_listed == 2
    assert invitations.count() == 2


def test_the_spatial_filter_runs_in_sql(world, clock, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        list(intersecting_agencies(world["phase"]))
    sql = captured.captured_queries[0]["sql"].lower()
    assert "intersects" in sql


def test_inactive_and_foreign_agencies_are_not_proposed(world, foreign, clock):
    update_agency(agency=world["nature"], is_active=False)
    # The foreign town's water agency covers the same area in another register.
    update_agency(agency=foreign["water"], responsibility_area=world["plan"].area)
    propose_agencies(phase=world["phase"])
    assert names(AgencyInvitation.objects.filter(phase=world["phase"])) == [
        "Wasserbehörde Musterstadt"]


def test_agency_without_area_is_added_by_hand_and_a_proposal_removed(world, foreign, clock):
    propose_agencies(phase=world["phase"])
    add_agency(phase=world["phase"], agency=world["telecom"])
    with translation.override("en"), pytest.raises(ValidationError, match="not in the register"):
        add_agency(phase=world["phase"], agency=foreign["telecom"])
    nature = AgencyInvitation.objects.get(phase=world["phase"], agency=world["nature"])
    assert remove_proposals(phase=world["phase"], invitation_ids=[nature.pk]) == 1
    assert names(AgencyInvitation.objects.filter(phase=world["phase"])) == [
        "Telekom Musterstadt", "Wasserbehörde Musterstadt"]


def test_plan_without_area_proposes_nothing(world, clock):
    plan = world["plan"]
    type(plan).objects.filter(pk=plan.pk).update(area=None)
    world["phase"].procedure.plan.refresh_from_db()
    result = propose_agencies(phase=world["phase"])
    assert result.added == [] and not result.plan_has_area


def test_no_proposals_for_a_closed_or_a_public_phase(world):
    with time_machine.travel(datetime(2026, 10, 5, 22, 0, tzinfo=UTC), tick=False), \
            translation.override("en"), pytest.raises(ValidationError, match="has ended"):
        propose_agencies(phase=world["phase"])
    with translation.override("en"), pytest.raises(ValidationError, match="§4 BauGB"):
        propose_agencies(phase=world["public"])


def test_staff_propose_add_remove_through_the_page(client, planner, world, clock):
    client.force_login(planner)
    phase_pk = world["phase"].pk
    assert client.post(reverse("planning_agencies:phase-propose", kwargs={"phase_pk": phase_pk}
                               )).status_code == 302
    client.post(reverse("planning_agencies:phase-add", kwargs={"phase_pk": phase_pk}),
                {"add-agency": world["telecom"].pk})
    page = client.get(reverse("planning_agencies:phase", kwargs={"phase_pk": phase_pk}))
    html = page.content.decode()
    for name in ("Wasserbehörde Musterstadt", "Naturschutz Musterstadt", "Telekom Musterstadt"):
        assert name in html
    assert "Forst Musterstadt</label>" not in html
    nature = AgencyInvitation.objects.get(phase_id=phase_pk, agency=world["nature"])
    client.post(reverse("planning_agencies:phase-proposals", kwargs={"phase_pk": phase_pk}),
                {"remove": nature.pk, "invite": [nature.pk]})
    assert not AgencyInvitation.objects.filter(pk=nature.pk).exists()


def test_a_public_phase_has_no_agency_page(client, planner, world):
    client.force_login(planner)
    url = reverse("planning_agencies:phase", kwargs={"phase_pk": world["public"].pk})
    assert client.get(url).status_code == 404


def test_an_agency_of_a_district_register_is_not_mixed_with_a_towns(world, clock):
    district = make_authority(name="Landkreis", slug="landkreis", kind="district", ags="14625000",
                              jurisdiction=square(790_000, 5_640_000, 50_000))
    from planning.agencies.register import create_agency

    create_agency(authority=district, name="Kreisumweltamt", emails=["umwelt@kreis.example"],
                  responsibility_area=district.jurisdiction)
    propose_agencies(phase=world["phase"])
    assert "Kreisumweltamt" not in names(AgencyInvitation.objects.filter(phase=world["phase"]))
