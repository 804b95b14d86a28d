"""Members, roles and the audit log of an authority: admins only, the last admin stays."""

import pytest
from django.urls import reverse

from portal.models import AuditEntry, Membership, Role

from ..factories import make_staff

pytestmark = pytest.mark.django_db


def _role(client, town, membership, role):
    return client.post(reverse("portal:staff-authority-member-role", args=[town.pk, membership.pk]),
                       {f"m{membership.pk}-role": role}, HTTP_ACCEPT_LANGUAGE="en")


def _remove(client, town, membership):
    return client.post(reverse("portal:staff-authority-member-remove",
                               args=[town.pk, membership.pk]), HTTP_ACCEPT_LANGUAGE="en")


def test_members_page_lists_staff_with_their_roles(admin_client, town, planner):
    page = admin_client.get(reverse("portal:staff-authority-members", args=[town.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "Petra Planer" in html and "Anna Admin" in html
    detail = admin_client.get(reverse("portal:staff-authority", args=[town.pk])).content.decode()
    assert reverse("portal:staff-authority-members", args=[town.pk]) in detail


def test_role_change_is_audited_with_before_and_after(admin_client, town, planner, admin):
    membership = planner.memberships.get()
    assert _role(admin_client, town, membership, Role.MODERATOR).status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.MODERATOR
    entry = AuditEntry.objects.get(action="role_changed")
    assert (entry.authority, entry.actor, entry.before, entry.after) == (
        town, admin, {"role": "planner"}, {"role": "moderator"})
    assert entry.subject == "Petra Planer (planerin)" and entry.actor_name == "Anna Admin (admina)"
    log = admin_client.get(reverse("portal:staff-authority-audit-log", args=[town.pk]),
                           HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Role changed" in log and "Role: Planner → Moderator" in log


def test_bad_role_is_refused(admin_client, town, planner):
    membership = planner.memberships.get()
    response = _role(admin_client, town, membership, "king")
    assert response.status_code == 400 and "Choose one of the roles." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.PLANNER and not AuditEntry.objects.exists()


def test_the_last_admin_can_be_neither_demoted_nor_removed(admin_client, town, admin):
    own = admin.memberships.get()
    demoted = _role(admin_client, town, own, Role.PLANNER)
    assert demoted.status_code == 400
    assert "the last administrator of this authority" in demoted.content.decode()
    removed = _remove(admin_client, town, own)
    assert removed.status_code == 400
    assert "the last administrator of this authority" in removed.content.decode()
    own.refresh_from_db()
    assert own.role == Role.ADMIN and not AuditEntry.objects.exists()
    # With a second admin, the first may step down.
    second = make_staff(town, Role.ADMIN, "zweite")
    assert _role(admin_client, town, own, Role.PLANNER).status_code == 302
    # ... and the second, now the last, stays.
    from django.test import Client

    other = Client()
    other.force_login(second)
    assert _role(other, town, second.memberships.get(), Role.VIEWER).status_code == 400


def test_removing_a_member_is_audited(admin_client, town, planner):
    membership = planner.memberships.get()
    confirm = admin_client.get(reverse("portal:staff-authority-member-remove",
                                       args=[town.pk, membership.pk]))
    assert confirm.status_code == 200 and Membership.objects.filter(pk=membership.pk).exists()
    assert _remove(admin_client, town, membership).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(action="member_removed")
    assert entry.before == {"user": "planerin", "role": "planner"} and entry.after == {}
    # The removed planner reaches nothing of the authority any more.
    from django.test import Client

    gone = Client()
    gone.force_login(planner)
    assert gone.get(reverse("portal:staff-authority", args=[town.pk])).status_code == 404


def _admin_urls(town, membership, invitation_pk=1):
    return [
        ("get", reverse("portal:staff-authority-members", args=[town.pk])),
        ("get", reverse("portal:staff-authority-audit-log", args=[town.pk])),
        ("post", reverse("portal:staff-authority-invite", args=[town.pk])),
        ("post", reverse("portal:staff-authority-member-role", args=[town.pk, membership.pk])),
        ("get", reverse("portal:staff-authority-member-remove", args=[town.pk, membership.pk])),
        ("post", reverse("portal:staff-authority-member-remove", args=[town.pk, membership.pk])),
        ("post", reverse("portal:staff-authority-invitation-revoke",
                         args=[town.pk, invitation_pk])),
    ]


def test_another_authoritys_admin_gets_404(client, town, planner, other_admin):
    client.force_login(other_admin)
    membership = planner.memberships.get()
    for method, url in _admin_urls(town, membership):
        response = getattr(client, method)(url, {"email": "x@example.org", "role": "admin",
                                                 f"m{membership.pk}-role": "admin"})
        assert response.status_code == 404, url
    membership.refresh_from_db()
    assert membership.role == Role.PLANNER and not AuditEntry.objects.exists()


def test_a_member_of_another_authority_cannot_be_changed_through_ones_own(
        admin_client, town, other_town, other_admin):
    foreign = other_admin.memberships.get()
    assert _role(admin_client, town, foreign, Role.VIEWER).status_code == 404
    assert _remove(admin_client, town, foreign).status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == Role.ADMIN


def test_a_planner_gets_403(client, town, planner, admin):
    client.force_login(planner)
    membership = admin.memberships.get()
    for method, url in _admin_urls(town, membership):
        response = getattr(client, method)(url, {"email": "x@example.org", "role": "admin",
                                                 f"m{membership.pk}-role": "viewer"})
        assert response.status_code == 403, url
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN and not AuditEntry.objects.exists()


def test_settings_and_module_switches_are_audited_and_filtered(admin_client, town):
    data = {"colour": "#123456", "enabled_modules": ["bauleitplanung", "surveys"],
            "contact_email": "info@musterstadt.example", "contact_phone": "",
            "contact_address": "", "website": "", "dpo_name": "", "dpo_email": ""}
    town.enabled_modules = ["bauleitplanung"]
    town.save()
    response = admin_client.post(reverse("portal:staff-authority-settings", args=[town.pk]), data)
    assert response.status_code == 302
    modules = AuditEntry.objects.get(action="modules_changed")
    assert modules.before == {"enabled_modules": ["bauleitplanung"]}
    assert modules.after == {"enabled_modules": ["bauleitplanung", "surveys"]}
    changed = AuditEntry.objects.get(action="settings_changed")
    assert changed.after["contact_email"] == "info@musterstadt.example"
    assert changed.after["colour"] == "#123456" and "enabled_modules" not in changed.after
    url = reverse("portal:staff-authority-audit-log", args=[town.pk])
    only_modules = admin_client.get(url, {"action": "modules_changed"}).content.decode()
    assert only_modules.count('class="audit-entry"') == 1
    assert ": Bauleitplanung → Bauleitplanung, Umfragen</li>" in only_modules
    everything = admin_client.get(url).content.decode()
    assert everything.count('class="audit-entry"') == 2
    bad = admin_client.get(url, {"action": "nonsense"})
    assert bad.status_code == 400
    # Saving again without a change adds nothing.
    admin_client.post(reverse("portal:staff-authority-settings", args=[town.pk]), data)
    assert AuditEntry.objects.count() == 2
