"""An admin invites a person by e-mail; the link makes them a member with the role, after
setting a password and the second factor. Invalid links all look alike."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from portal.models import AuditEntry, Membership, Role, StaffInvitation
from portal.services import staff_members

from ..factories import TEST_TOTP_SECRET, add_totp, make_user, totp_code
from .conftest import link_in, sign_in_with_code

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Bebauungsplan-2027"


@pytest.fixture(autouse=True)
def _mails_sent_on_commit(django_capture_on_commit_callbacks):
    global _capture
    _capture = django_capture_on_commit_callbacks


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main"):html.index("</main>")]


def _invite(client, town, email="neu@example.org", role=Role.PLANNER):
    """POST the invite form; the e-mail queued on commit is sent at once."""
    with _capture(execute=True):
        return client.post(reverse("portal:staff-authority-invite", args=[town.pk]),
                           {"email": email, "role": role}, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.real_second_factor
def test_invitation_end_to_end_through_the_mail(client, admin, town):


    add_totp(admin)
    with time_machine.travel("2027-03-01 10:00:00+00:00", tick=False):
        sign_in_with_code(client, admin, TEST_TOTP_SECRET)
        response = _invite(client, town)
        assert response.status_code == 302
        page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "An invitation was sent to neu@example.org" in page
        assert "neu@example.org" in page  # pending
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["neu@example.org"]
    link = link_in(mail.outbox[0])
    assert "Musterstadt" in mail.outbox[0].subject

    invitee = type(client)()
    form = invitee.get(urlsplit(link).path, HTTP_ACCEPT_LANGUAGE="en")
    assert form.status_code == 200 and "neu@example.org" in form.content.decode()
    mismatch = invitee.post(urlsplit(link).path, {"password1": NEW_PASSWORD,
                                                  "password2": NEW_PASSWORD + "x"},
                            HTTP_ACCEPT_LANGUAGE="en")
    assert mismatch.status_code == 400
    assert "The two passwords are not the same." in mismatch.content.decode()
    assert not Membership.objects.filter(user__email="neu@example.org").exists()
    done = invitee.post(urlsplit(link).path, {"first_name": "Nora", "last_name": "Neu",
                                              "password1": NEW_PASSWORD,
                                              "password2": NEW_PASSWORD})
    assert done.status_code == 302
    membership = Membership.objects.get(user__email="neu@example.org", authority=town)
    assert membership.role == Role.PLANNER and membership.user.username == "neu@example.org"
    # The new member sets up the second factor before reaching the staff area.
    setup = invitee.get(done["Location"])
    assert urlsplit(setup["Location"]).path == reverse("staff_account:second-factor-setup")
    html = invitee.get(setup["Location"]).content.decode()
    secret = html.split('data-secret="')[1].split('"')[0]
    invitee.post(reverse("staff_account:second-factor-setup"), {"code": totp_code(secret)})
    assert invitee.get("/staff/").status_code == 200
    # The link is used up.
    assert invitee.get(urlsplit(link).path).status_code == 404
    assert list(AuditEntry.objects.filter(authority=town).order_by("pk")
                .values_list("action", flat=True)) == ["invitation_sent", "invitation_accepted"]


def test_expired_revoked_tampered_links_answer_alike(admin_client, town, client):
    _invite(admin_client, town, "a@example.org")
    _invite(admin_client, town, "b@example.org")
    expiring, revoked = (urlsplit(link_in(message)).path for message in mail.outbox)
    invitation = StaffInvitation.objects.get(email="b@example.org")
    assert admin_client.post(reverse("portal:staff-authority-invitation-revoke",
                                     args=[town.pk, invitation.pk])).status_code == 302
    anonymous = type(client)()
    invalid = anonymous.get(revoked, HTTP_ACCEPT_LANGUAGE="en")
    assert invalid.status_code == 404
    assert "This invitation link is not valid (any more)" in invalid.content.decode()
    tampered = anonymous.get(expiring[:-3] + "abc/", HTTP_ACCEPT_LANGUAGE="en")
    assert tampered.status_code == 404 and _main(tampered) == _main(invalid)
    assert anonymous.get(expiring).status_code == 200
    with time_machine.travel(timedelta(days=8)):
        late = anonymous.get(expiring, HTTP_ACCEPT_LANGUAGE="en")
    assert late.status_code == 404 and _main(late) == _main(invalid)
    assert AuditEntry.objects.filter(action="invitation_revoked", subject="b@example.org").exists()


def test_invite_answers_alike_for_known_and_unknown_addresses(admin_client, town):
    make_user("bekannt")  # bekannt@example.org
    known = _invite(admin_client, town, "bekannt@example.org")
    known_page = _main(admin_client.get(known["Location"], HTTP_ACCEPT_LANGUAGE="en"))
    unknown = _invite(admin_client, town, "unbekannt@example.org")
    unknown_page = _main(admin_client.get(unknown["Location"], HTTP_ACCEPT_LANGUAGE="en"))
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    message = "An invitation was sent to {}. The link is valid for 7 days."
    assert message.format("bekannt@example.org") in known_page
    assert message.format("unbekannt@example.org") in unknown_page
    assert [message.to for message in mail.outbox] == [["bekannt@example.org"],
                                                       ["unbekannt@example.org"]]
    assert mail.outbox[0].body.replace("bekannt", "X").split("http")[0] == \
        mail.outbox[1].body.replace("unbekannt", "X").split("http")[0]


def test_existing_account_signs_in_and_joins(admin_client, town, other_town, client):
    from ..factories import make_staff

    colleague = make_staff(other_town, Role.VIEWER, "kollegin")
    _invite(admin_client, town, "kollegin@example.org", Role.MODERATOR)
    path = urlsplit(link_in(mail.outbox[0])).path
    anonymous = type(client)()
    offer = anonymous.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "There is already an account" in offer and "password1" not in offer
    assert anonymous.post(path, {"password1": "x", "password2": "x"}).status_code == 200
    assert not Membership.objects.filter(user=colleague, authority=town).exists()
    anonymous.force_login(colleague)
    assert anonymous.post(path).status_code == 302
    assert Membership.objects.get(user=colleague, authority=town).role == Role.MODERATOR


def test_another_account_cannot_use_the_link(admin_client, town, planner, client):
    _invite(admin_client, town, "jemand@example.org", Role.ADMIN)
    path = urlsplit(link_in(mail.outbox[0])).path
    other = type(client)()
    other.force_login(planner)
    assert other.post(path).status_code == 403
    assert Membership.objects.get(user=planner).role == Role.PLANNER


def test_invite_refuses_bad_input_and_members(admin_client, town, planner):
    response = _invite(admin_client, town, "kein-mail")
    assert response.status_code == 400 and "Enter a valid email address." in response.content.decode()
    response = _invite(admin_client, town, "x@example.org", "king")
    assert response.status_code == 400
    response = _invite(admin_client, town, planner.email)
    assert response.status_code == 400
    assert "already uses this e-mail address" in response.content.decode()
    assert not StaffInvitation.objects.exists() and not mail.outbox


def test_a_new_invitation_replaces_the_pending_one(admin_client, town, admin):
    with _capture(execute=True):
        first = staff_members.invite(authority=town, email="neu@example.org",
                                     role=Role.VIEWER, invited_by=admin,
                                     base_url="http://testserver/")
    _invite(admin_client, town, "neu@example.org")
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert StaffInvitation.objects.filter(revoked_at=None).count() == 1
