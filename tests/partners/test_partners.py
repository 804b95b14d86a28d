"""State partners: the state operator founds a partner and appoints its administrator; the
partner's administrators import and create the authorities of their own Land (only those) and
appoint their first administrators; nobody sees another Land's authorities (404)."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from partners.models import PartnerAdmin, StatePartner
from portal.models import Authority, Membership
from portal.models.membership import Role

from ..factories import make_authority, make_staff, make_user
from ..test_authority_import import ROWS, SAXONY
from ..vector_files import rectangle_wkt, write_vector

pytestmark = pytest.mark.django_db
NRW_ROWS = [{"GEN": "Bielefeld", "AGS": "05711000", "ARS": "057110000000",
             "wkt": rectangle_wkt(470000, 5760000)}]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def operator():
    return signed_in(make_user("betrieb", is_superuser=True, is_staff=True))


@pytest.fixture
def saxony():
    return StatePartner.objects.create(name="Freistaat Sachsen", land_key="14",
                                       licence_number="SN-2026-1", contact_email="sn@example.org")


@pytest.fixture
def nrw():
    return StatePartner.objects.create(name="Nordrhein-Westfalen", land_key="05",
                                       licence_number="NW-2026-7", contact_email="nw@example.org")


def admin_of(partner, name):
    user = make_user(name)
    PartnerAdmin.objects.create(partner=partner, user=user)
    return signed_in(user)


def upload(tmp_path, rows, name="gemeinden.gpkg"):
    path = write_vector(tmp_path / name, "GPKG", rows)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="application/geopackage+sqlite3")


def import_payload(file, **overrides):
    data = {"file": file, "kind": "municipality", "name_field": "GEN", "ags_field": "AGS",
            "ars_field": "ARS"}
    data.update(overrides)
    return data


def test_operator_founds_a_partner_and_appoints_its_administrator(
        operator, django_capture_on_commit_callbacks):
    response = operator.post(reverse("partners:home"), {
        "name": "Nordrhein-Westfalen", "land_key": "05", "licence_number": "NW-2026-7",
        "contact_email": "nw@example.org"})
    partner = StatePartner.objects.get(land_key="05")
    assert response.url == reverse("partners:partner", args=[partner.pk])
    bad = operator.post(reverse("partners:home"), {
        "name": "X", "land_key": "17", "licence_number": "1", "contact_email": "x@example.org"})
    assert bad.status_code == 400 and "01" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        operator.post(reverse("partners:appoint-partner-admin", args=[partner.pk]),
                      {"email": "Leitung@nrw.example"})
    admin = PartnerAdmin.objects.get(partner=partner)
    assert admin.user.email == "Leitung@nrw.example"
    link = re.search(r"https?://\S+/accounts/reset/\S+", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    # The new administrator chooses a password through the link and reaches the partner area.
    client = Client()
    path = re.sub(r"^https?://[^/]+", "", link.group(0))
    form_page = client.get(path, follow=True)
    client.post(form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
                {"new_password1": "Landespartner-2026!", "new_password2": "Landespartner-2026!"})
    admin.user.refresh_from_db()
    assert admin.user.check_password("Landespartner-2026!") and admin.user.is_staff
    # A staff account: after the password comes the second factor (tests/staff_admin);
    # force_login stands for the complete sign-in (tests/conftest.py).
    client.post(reverse("login"), {"username": admin.user.username,
                                   "password": "Landespartner-2026!"})
    assert "zweiter-faktor" in client.get(reverse("partners:home")).url
    client.force_login(admin.user)
    page = client.get(reverse("partners:partner", args=[partner.pk]))
    assert page.status_code == 200 and "Nordrhein-Westfalen" in page.content.decode()
    assert client.get(reverse("portal:staff-home")).content.decode().count(
        reverse("partners:home")) == 1


def test_partner_imports_its_land_all_or_nothing_and_never_another(tmp_path, saxony, nrw):
    saxon_admin, nrw_admin = admin_of(saxony, "sn-admin"), admin_of(nrw, "nw-admin")
    url = reverse("partners:import", args=[saxony.pk])
    dry = saxon_admin.post(url, import_payload(upload(tmp_path, ROWS), dry_run="on"))
    assert dry.status_code == 302 and not Authority.objects.exists()
    saxon_admin.post(url, import_payload(upload(tmp_path, ROWS)))
    assert set(Authority.objects.values_list("ags", flat=True)) == {r["AGS"] for r in ROWS}
    # North Rhine-Westphalia cannot import Saxon municipalities, nor a file that mixes both.
    refused = nrw_admin.post(reverse("partners:import", args=[nrw.pk]),
                             import_payload(upload(tmp_path, NRW_ROWS + [dict(ROWS[0], GEN="X")],
                                                   "gemischt.gpkg")))
    text = refused.content.decode()
    assert refused.status_code == 400 and "14625010" in text
    assert not Authority.objects.filter(ags="05711000").exists()
    assert Authority.objects.get(ags="14625010").name == "Altdorf"
    # Nor through Saxony's pages.
    assert nrw_admin.post(url, import_payload(upload(tmp_path, NRW_ROWS))).status_code == 404
    assert nrw_admin.get(reverse("partners:partner", args=[saxony.pk])).status_code == 404
    # A broken file is refused with a reason; nothing is written.
    broken = SimpleUploadedFile("kaputt.geojson", b'{"type": "FeatureCollection", "feat',
                                content_type="application/geo+json")
    response = nrw_admin.post(reverse("partners:import", args=[nrw.pk]), import_payload(broken))
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert Authority.objects.count() == 3


def test_real_saxon_municipalities_by_the_saxon_partner(shared_data, saxony, nrw):
    path = shared_data / SAXONY
    saxon_admin = admin_of(saxony, "sn-admin")
    file = SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/geo+json")
    response = saxon_admin.post(reverse("partners:import", args=[saxony.pk]),
                                import_payload(file))
    assert response.status_code == 302
    count = Authority.objects.filter(ags__startswith="14").count()
    assert count > 400 and Authority.objects.count() == count
    page = admin_of(nrw, "nw-admin").get(reverse("partners:partner", args=[nrw.pk]))
    assert "Dresden" not in page.content.decode()


def test_partner_creates_and_appoints_only_in_its_land(
        saxony, nrw, django_capture_on_commit_callbacks):
    saxon_admin, nrw_admin = admin_of(saxony, "sn-admin"), admin_of(nrw, "nw-admin")
    create = reverse("partners:create-authority", args=[saxony.pk])
    outside = saxon_admin.post(create, {"name": "Bielefeld", "slug": "bielefeld",
                                        "kind": "municipality", "ags": "05711000"})
    assert outside.status_code == 400 and not Authority.objects.exists()
    saxon_admin.post(create, {"name": "Görlitz", "slug": "goerlitz", "kind": "municipality",
                              "ags": "14626110"})
    goerlitz = Authority.objects.get(slug="goerlitz")
    appoint = reverse("partners:appoint-authority-admin", args=[saxony.pk, goerlitz.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = saxon_admin.post(appoint, {"email": "bauamt@goerlitz.example"})
    assert response.status_code == 302
    membership = Membership.objects.get(authority=goerlitz)
    assert membership.role == Role.ADMIN and membership.user.email == "bauamt@goerlitz.example"
    assert "Görlitz" in mail.outbox[-1].subject or "Görlitz" in mail.outbox[-1].body
    # An existing account is told, not given a second one.
    existing = make_user("erika")
    with django_capture_on_commit_callbacks(execute=True):
        saxon_admin.post(appoint, {"email": existing.email})
    assert "existing account" in mail.outbox[-1].body or "bestehenden" in mail.outbox[-1].body
    assert Membership.objects.get(authority=goerlitz, user=existing).role == Role.ADMIN
    # Another Land's partner, and an authority's own admin, get 404.
    assert nrw_admin.post(reverse("partners:appoint-authority-admin",
                                  args=[nrw.pk, goerlitz.pk]),
                          {"email": "x@example.org"}).status_code == 404
    assert nrw_admin.get(appoint).status_code == 404
    authority_admin = signed_in(make_staff(make_authority(), Role.ADMIN))
    assert authority_admin.get(reverse("partners:home")).status_code == 404
    assert authority_admin.get(reverse("partners:partner", args=[saxony.pk])).status_code == 404
    # Only the state operator founds partners.
    assert saxon_admin.post(reverse("partners:home"), {"name": "X"}).status_code == 404
    assert saxon_admin.post(reverse("partners:appoint-partner-admin", args=[saxony.pk]),
                            {"email": "x@example.org"}).status_code == 404


def test_hostile_boundary_files_are_refused_and_leave_nothing(tmp_path, saxony, settings,
                                                              monkeypatch):
    """The generated hostile files of the upload fuzz (polyglots, bombs, traversal zips, XML
    pointing at a loopback canary) at the partner's import: each refused with a message, no
    authority written, no connection to the canary, no temporary file left."""
    import tempfile

    from ..adversarial.canary import LoopbackCanary
    from ..adversarial.hostile_files import hostile_files

    scratch = tmp_path / "temp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    settings.FILE_UPLOAD_TEMP_DIR = str(scratch)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    client = admin_of(saxony, "sn-admin")
    url = reverse("partners:import", args=[saxony.pk])
    with LoopbackCanary() as canary:
        cases = hostile_files(canary.url)
        for case, name, content in cases:
            response = client.post(url, import_payload(SimpleUploadedFile(name, content)))
            assert response.status_code == 400, case
            assert 'role="alert"' in response.content.decode(), case
        assert canary.connections == 0
    assert len(cases) > 10 and not Authority.objects.exists()
    assert [p for p in scratch.rglob("*") if p.is_file()] == []
