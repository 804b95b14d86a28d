"""Organisations: founding, inviting by e-mail, joining with the invited address, roles and
the last administrator, statements on behalf of an organisation, linked public agencies and
their invitations, and the hand-over when an administrator deletes the account."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from accounts_citizen.models import Contribution, Organisation, OrganisationMember
from accounts_citizen.services.deletion import delete_citizen_account
from accounts_citizen.services.organisations import INVITATION_SALT
from planning.models import Agency, AgencyInvitation, Statement

from .conftest import PASSWORD, mail_link, sign_up
from .test_profile_and_contributions import form_url, statement_payload

pytestmark = pytest.mark.django_db
OPEN = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)
JOIN_LINK = re.compile(r"https?://[^\s]+/konto/organisationen/beitreten/[^\s]+/")


def confirmed_citizen(email: str) -> Client:
    """Another citizen, signed up, confirmed and signed in, in a client of their own."""
    other = Client()
    sign_up(other, email)
    other.get(mail_link(mail.outbox[-1]))
    other.post(mail_link(mail.outbox[-1]))
    other.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    mail.outbox.clear()
    return other


def found(client, name="Naturschutzverein Görlitz e. V.", kind="association"):
    response = client.post(reverse("accounts_citizen:organisations"), {
        "name": name, "kind": kind, "contact_name": "Erika Muster",
        "contact_email": "verein@example.org"})
    assert response.status_code == 302
    return Organisation.objects.get(name=name)


def invite(client, organisation, email):
    return client.post(reverse("accounts_citizen:organisation-invite", args=[organisation.pk]),
                       {"email": email}, follow=True)


def join_path(message) -> str:
    return re.sub(r"^https?://[^/]+", "", JOIN_LINK.search(message.body).group(0))


def test_founding_inviting_and_joining(client, signed_in):
    organisation = found(client)
    assert OrganisationMember.objects.get(organisation=organisation).role == "admin"
    member_client = confirmed_citizen("max@example.org")
    page = invite(client, organisation, "max@example.org").content.decode()
    assert "max@example.org" in page
    join = join_path(mail.outbox[-1])
    # The invitation for an address without an account answers alike (no enumeration).
    unknown = invite(client, organisation, "niemand@example.org").content.decode()
    assert "niemand@example.org" in unknown and len(mail.outbox) == 2
    # Someone signed in with another address cannot use Max's invitation.
    stranger = confirmed_citizen("fremd@example.org")
    refused = stranger.post(join)
    assert refused.status_code == 400
    assert not OrganisationMember.objects.filter(user__email="fremd@example.org").exists()
    # Max joins; a second click changes nothing.
    assert member_client.get(join).status_code == 200
    assert member_client.post(join).status_code == 302
    assert member_client.post(join).status_code == 302
    assert organisation.members.count() == 2
    assert member_client.get(reverse("accounts_citizen:organisation",
                                     args=[organisation.pk])).status_code == 200
    # Neither a stranger nor Max (a member, not an administrator) can invite or see it.
    assert stranger.get(reverse("accounts_citizen:organisation",
                                args=[organisation.pk])).status_code == 404
    sent = len(mail.outbox)
    assert invite(member_client, organisation, "x@example.org").status_code == 404
    assert len(mail.outbox) == sent


def test_broken_and_expired_invitation_links_are_refused_with_a_reason(client, signed_in):
    organisation = found(client)
    token = signing.dumps({"o": organisation.pk, "e": signed_in.email}, salt=INVITATION_SALT)
    forged = client.get(reverse("accounts_citizen:organisation-join", args=[token[:-3] + "abc"]))
    assert forged.status_code == 400 and b"role=\"alert\"" in forged.content
    with time_machine.travel(datetime.now(UTC).replace(year=datetime.now(UTC).year + 1)):
        client.force_login(signed_in)
        expired = client.get(reverse("accounts_citizen:organisation-join", args=[token]))
    assert expired.status_code == 400 and b"role=\"alert\"" in expired.content


def test_the_last_administrator_stays(client, signed_in):
    organisation = found(client)
    own = OrganisationMember.objects.get(user=signed_in)
    url = reverse("accounts_citizen:organisation-member", args=[organisation.pk])
    client.post(url, {"member": own.pk, "role": "member", "action": "remove"})
    client.post(url, {"member": own.pk, "role": "member", "action": "role"})
    own.refresh_from_db()
    assert own.role == "admin"
    other = get_user_model().objects.create_user("max", "max@example.org", "x")
    second = OrganisationMember.objects.create(organisation=organisation, user=other)
    client.post(url, {"member": second.pk, "role": "admin", "action": "role"})
    response = client.post(url, {"member": own.pk, "role": "member", "action": "remove"})
    assert response.url == reverse("accounts_citizen:organisations")
    assert list(organisation.members.values_list("user__username", flat=True)) == ["max"]


@time_machine.travel(OPEN)
def test_statement_on_behalf_of_an_organisation(client, signed_in, plan, phase, notice):
    organisation = found(client)
    colleague = get_user_model().objects.create_user("max", "max@example.org", "x")
    OrganisationMember.objects.create(organisation=organisation, user=colleague)
    form = client.get(form_url(plan)).content.decode()
    assert 'name="on_behalf_of"' in form and organisation.name in form
    payload = statement_payload(on_behalf_of=str(organisation.pk), organisation="egal")
    assert client.post(form_url(plan), payload).status_code == 302
    statement = Statement.objects.get()
    link = Contribution.objects.get(object_uid=statement.uid)
    assert link.organisation == organisation and link.user == signed_in
    # Every member sees it on the organisation's page.
    colleague_client = Client()
    colleague_client.force_login(colleague)
    page = colleague_client.get(reverse("accounts_citizen:organisation",
                                        args=[organisation.pk])).content.decode()
    assert statement.reference in page
    # An organisation one is not a member of cannot be chosen.
    foreign = Organisation.objects.create(name="Fremd GmbH", kind="company",
                                          contact_email="f@example.org")
    refused = client.post(form_url(plan), statement_payload(on_behalf_of=str(foreign.pk)))
    assert refused.status_code == 400 and Statement.objects.count() == 1
    # Guests get no such field.
    assert 'name="on_behalf_of"' not in Client().get(form_url(plan)).content.decode()


def test_statement_name_is_the_organisations(client, signed_in, plan, phase, notice):
    organisation = found(client)
    with time_machine.travel(OPEN):
        client.post(form_url(plan), statement_payload(on_behalf_of=str(organisation.pk),
                                                      organisation="Irgendwas"))
    assert Statement.objects.get().organisation == organisation.name


@time_machine.travel(OPEN)
def test_public_agency_linked_by_its_confirmed_address_lists_its_invitations(
        client, signed_in, plan, phase):
    organisation = found(client, name="Landesamt für Denkmalpflege", kind="public_agency")
    agency = Agency.objects.create(authority=plan.authority, name="Denkmalschutzbehörde",
                                   emails=["Erika@Example.org", "post@denkmal.example"])
    elsewhere = Agency.objects.create(authority=plan.authority, name="Wasserbehörde",
                                      emails=["wasser@example.org"])
    AgencyInvitation.objects.create(phase=phase, agency=agency, state="invited",
                                    invited_at=OPEN)
    page = client.get(reverse("accounts_citizen:organisation", args=[organisation.pk]))
    assert "Denkmalschutzbehörde" in page.content.decode()
    assert "Wasserbehörde" not in page.content.decode()
    url = reverse("accounts_citizen:organisation-link-agency", args=[organisation.pk])
    client.post(url, {"agency": elsewhere.pk})  # not an address of this account
    assert not organisation.agency_links.exists()
    client.post(url, {"agency": agency.pk})
    assert list(organisation.agency_links.values_list("agency", flat=True)) == [agency.pk]
    page = client.get(reverse("accounts_citizen:organisation", args=[organisation.pk]))
    assert plan.name in page.content.decode() or phase.procedure.title in page.content.decode()


def test_deleting_the_only_administrator_hands_over(client, signed_in):
    organisation = found(client)
    successor = get_user_model().objects.create_user("max", "max@example.org", "x")
    OrganisationMember.objects.create(organisation=organisation, user=successor)
    delete_citizen_account(user=signed_in)
    assert OrganisationMember.objects.get(organisation=organisation).role == "admin"


def test_founding_twice_with_the_same_name_makes_one_organisation(client, signed_in):
    """A double click or the form sent again after "back" answers with the organisation
    already founded; another name or kind is another organisation."""
    first = found(client)
    again = client.post(reverse("accounts_citizen:organisations"), {
        "name": "naturschutzverein görlitz e. v. ", "kind": "association",
        "contact_name": "Erika Muster", "contact_email": "verein@example.org"})
    assert again.status_code == 302
    assert again["Location"] == reverse("accounts_citizen:organisation", args=[first.pk])
    assert Organisation.objects.count() == 1 and first.members.count() == 1
    found(client, name="Bürgerinitiative Neißeaue", kind="initiative")
    assert Organisation.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_founding_at_once_makes_one_organisation(signed_in):
    """Ten requests of one citizen at the same moment (PostgreSQL, a connection each)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    from accounts_citizen.services.organisations import found_organisation

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")
    user = get_user_model().objects.get(pk=signed_in.pk)

    def found_once(_i):
        try:
            return found_organisation(user=user, name="Heimatverein", kind="association",
                                      contact_name="", contact_email="heimat@example.org").pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(10) as pool:
        keys = set(pool.map(found_once, range(10)))
    assert len(keys) == 1 and Organisation.objects.filter(name="Heimatverein").count() == 1
