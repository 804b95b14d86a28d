"""Response headers over the whole URL map: CSP, Permissions-Policy, no-store for personal data.

docs/security.md "Headers". The walk takes every URL pattern that needs no argument (read from
the URL map, so new pages are covered without editing this file) plus detail pages of each kind
built with the factories: a published plan, an authority, a statement receipt, an agency's
token link, the staff and workbench pages, the admin.
"""

import re
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from planning.models import PrivacyNotice, Statement
from planning.services.phases import schedule_phase
from planning.statements.forms import rendered_token
from portal.content_security import portal_policy, tile_source
from portal.models import Role

from ..agencies.conftest import DURING, invite, make_world
from ..factories import make_authority, make_plan, make_staff, square
from .header_walk import argument_free_paths

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
OPEN = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ") if part}


def assert_portal_policy(response, path):
    assert "Content-Security-Policy" in response, path
    policy = directives(response)
    assert policy["script-src"][0] == "'self'", path
    assert all(source == "'self'" or source.startswith("'nonce-") for source in policy["script-src"]), path
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], path
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"], path
    assert policy["connect-src"] == ["'self'"], path
    assert policy["report-uri"] == ["/csp-report/"], path
    permissions = response["Permissions-Policy"]
    assert "geolocation=(self)" in permissions and "camera=()" in permissions, path
    assert "microphone=()" in permissions and "payment=()" in permissions, path
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", path


def no_store(response) -> bool:
    parts = {p.strip() for p in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= parts and not any(p.startswith("max-age") for p in parts)


@pytest.fixture
def town():
    return make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))


@pytest.fixture
def plan(town):
    return make_plan(town, name="Am Mühlbach", number="MS-12", area=square(820_000, 5_655_000, 400))


@pytest.fixture
def superuser(town):
    return make_staff(town, Role.ADMIN, "headers-admin", is_superuser=True)


def test_the_walk_covers_the_portal():
    paths = argument_free_paths()
    for expected in ("/", "/behoerden/", "/staff/", "/staff/abwaegung/", "/staff/agencies/",
                     "/admin/", "/accounts/login/", "/api/schema/", "/csp-report/"):
        assert expected in paths
    assert len(paths) > 30


def test_every_argument_free_url_has_the_policy_headers_anonymous(client, plan):
    for path in argument_free_paths():
        response = client.get(path)
        assert response.status_code < 500, path
        assert_portal_policy(response, path)
        personal = path.startswith(("/staff/", "/admin/", "/accounts/", "/konto/", "/toeb/"))
        assert no_store(response) == personal, (path, response.get("Cache-Control"))


def test_every_argument_free_url_is_no_store_for_a_signed_in_user(client, plan, superuser):
    client.force_login(superuser)
    for path in argument_free_paths():
        response = client.get(path)
        assert response.status_code < 500, path
        assert_portal_policy(response, path)
        assert no_store(response), (path, response.get("Cache-Control"))


def test_public_pages_stay_cacheable(client, plan):
    for url in ("/", "/behoerden/", f"/{plan.authority.slug}/", "/verfahren/",
                f"/{plan.authority.slug}/verfahren/", reverse("api:procedure-list"),
                reverse("planning:plan-detail", args=[plan.authority.slug, plan.uid]),
                reverse("api:authority-geojson")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_portal_policy(response, url)
        assert "no-store" not in response.get("Cache-Control", ""), url


def test_public_tiles_stay_public_and_anonymous_ones_do_not_vary_on_cookies(client, plan, superuser):
    tile = reverse("planning:plan-tile", args=[14, 8800, 5500])
    anonymous = client.get(tile)
    assert anonymous.status_code in (200, 204)
    assert anonymous["Cache-Control"].startswith("public")
    # Asking whether someone is signed in must not load the session of cookie-less clients.
    assert "Cookie" not in anonymous.get("Vary", "")
    client.force_login(superuser)
    signed_in = client.get(tile)
    assert signed_in["Cache-Control"].startswith("public") and not no_store(signed_in)


def test_staff_detail_pages_and_admin_are_no_store(client, plan, superuser):
    client.force_login(superuser)
    urls = [
        reverse("portal:staff-authority", args=[plan.authority.pk]),
        reverse("portal:staff-authority-settings", args=[plan.authority.pk]),
        reverse("planning_workbench:plan", args=[plan.uid]),
        reverse("admin:portal_authority_change", args=[plan.authority.pk]),
        reverse("admin:portal_membership_changelist"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_portal_policy(response, url)
        assert no_store(response), url


def test_admin_map_widget_runs_under_a_nonce(client, plan, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:portal_authority_change", args=[plan.authority.pk]))
    nonces = [s for s in directives(response)["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-"):-1]
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)([^>]*)>", html)
    assert inline and all(f'nonce="{nonce}"' in attrs for attrs in inline)


def test_public_pages_get_no_nonce(client, plan):
    response = client.get(reverse("planning:plan-detail", args=[plan.authority.slug, plan.uid]))
    assert directives(response)["script-src"] == ["'self'"]
    assert directives(response)["style-src"] == ["'self'"]


def test_authority_brand_colour_is_the_one_nonced_style_block(client, town):
    response = client.get(f"/{town.slug}/")
    (nonce,) = [s for s in directives(response)["style-src"] if s.startswith("'nonce-")]
    html = response.content.decode()
    assert html.count("<style") == 1
    value = nonce.removeprefix("'nonce-").removesuffix("'")
    assert f'<style nonce="{value}">' in html
    assert " style=" not in html


def test_browsable_api_may_use_inline_styles_json_may_not(client, plan):
    url = reverse("api:authority-list")
    html = client.get(url, HTTP_ACCEPT="text/html")
    assert html["Content-Type"].startswith("text/html")
    assert directives(html)["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives(html)["script-src"] == ["'self'"]
    data = client.get(url, HTTP_ACCEPT="application/json")
    assert data["Content-Type"].startswith("application/json")
    assert directives(data)["style-src"] == ["'self'"]


@time_machine.travel(OPEN)
def test_statement_receipt_and_form_errors_are_no_store(client, plan):
    schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(2026, 9, 25),
                   end_date=date(2026, 10, 25))
    PrivacyNotice.objects.create(authority=plan.authority, version=1, text="Datenschutz …")
    form = reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])
    key = uuid.uuid4()
    data = {"idempotency_key": str(key), "website": "",
            "rendered": rendered_token(key, at=OPEN.timestamp() - 60),
            "text": "Bitte den Bach offen lassen.", "anonymous": "yes",
            "email": "erika@example.org", "privacy_accepted": "on", "location": ""}
    refused = client.post(form, {**data, "privacy_accepted": ""})
    assert refused.status_code == 400 and "erika@example.org" in refused.content.decode()
    assert no_store(refused)
    response = client.post(form, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    statement = Statement.objects.get()
    for url in (response["Location"],
                reverse("planning:statement-receipt-pdf",
                        args=[plan.authority.slug, plan.uid, statement.uid])):
        receipt = client.get(url)
        assert receipt.status_code == 200, url
        assert_portal_policy(receipt, url)
        assert no_store(receipt), url


def test_agency_token_pages_are_no_store(client, settings, tmp_path,
                                         django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "ingest"]}}
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(DURING, tick=False):
        world = make_world("Wasserstadt", "wasserstadt", 800_000, "14612100")
        secret = invite(world, world["water"],
                        capture=django_capture_on_commit_callbacks)[world["water"].pk]
        link = client.get(reverse("planning_agencies:link", args=[secret]))
        assert link.status_code == 303 and no_store(link)
        page = link["Location"]
        for url in (page, page + "geltungsbereich.geojson"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert_portal_policy(response, url)
            assert no_store(response), url


def test_tile_host_of_the_base_map_is_the_only_foreign_source():
    assert tile_source("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://tile.openstreetmap.org"
    assert tile_source("https://{s}.tiles.example.org/base/{z}/{x}/{y}.png") == "https://*.tiles.example.org"
    assert tile_source("") is None
    with pytest.raises(ValueError):
        tile_source("//tiles.example.org/{z}/{x}/{y}.png")
    policy = portal_policy(basemap_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png")["DIRECTIVES"]
    assert policy["img-src"] == ["'self'", "data:", "blob:", "https://*.tiles.example.org"]
    foreign = [source for name, sources in policy.items() if name != "img-src"
               for source in (sources if isinstance(sources, list) else [sources])
               if "example.org" in str(source)]
    assert foreign == []


def test_check_deploy_with_production_settings_is_clean(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production",
           "SECRET_KEY": "check-deploy-" + "x7Qp2Lm9Zr4Tv8Wn3Ks6Yb1Hd5Jf0Gc" * 2,
           "ALLOWED_HOSTS": "portal.example.org",
           "DATABASE_URL": f"spatialite:///{tmp_path / 'deploy.sqlite3'}",
           "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_embedded_pages_keep_the_policy_and_open_only_frame_ancestors(client, plan):
    """docs/embedding.md: /einbetten/ pages name the authority's origins in frame-ancestors
    and send no X-Frame-Options; every other directive stays; without origins: 'none'."""
    town = plan.authority
    paths = (f"/einbetten/{town.slug}/", f"/einbetten/{town.slug}/plaene/{plan.uid}/",
             f"/einbetten/{town.slug}/karte/")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_portal_policy(response, path)
        assert response["X-Frame-Options"] == "DENY", path
    town.embed_origins = "https://www.musterstadt.de"
    town.save(update_fields=["embed_origins"])
    for path in paths:
        response = client.get(path)
        policy = directives(response)
        assert policy["frame-ancestors"] == ["'self'", "https://www.musterstadt.de"], path
        assert "X-Frame-Options" not in response, path
        assert policy["script-src"][0] == "'self'" and policy["object-src"] == ["'none'"], path
        assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'self'"], path
    # The authority's own pages outside /einbetten/ keep DENY.
    response = client.get(f"/{town.slug}/")
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response)["frame-ancestors"] == ["'none'"]
