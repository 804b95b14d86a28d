"""Optional sign-in through an OpenID Connect provider, against a local test provider."""

from urllib.parse import parse_qs, urlparse

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse

from .oidc_provider import CLIENT_ID, CLIENT_SECRET, LocalProvider

pytestmark = pytest.mark.django_db


def configure(settings, server_url: str) -> None:
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [{"provider_id": "servicekonto", "name": "Servicekonto Sachsen",
                  "client_id": CLIENT_ID, "secret": CLIENT_SECRET,
                  "settings": {"server_url": server_url}}],
    }}


def test_no_provider_is_offered_without_configuration(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "/konto/oidc/" not in page


def test_sign_in_through_the_configured_provider(client, settings):
    with LocalProvider() as provider:
        configure(settings, provider.url)
        login_url = reverse("openid_connect_login", args=["servicekonto"])
        page = client.get(reverse("account_login")).content.decode()
        assert "Servicekonto Sachsen" in page and login_url in page
        # The provider is left only by a POSTed form; its redirect carries client, state and PKCE.
        assert client.get(login_url).status_code == 200
        leave = client.post(login_url)
        assert leave.status_code == 302
        target = urlparse(leave["Location"])
        query = {k: v[0] for k, v in parse_qs(target.query).items()}
        assert f"{target.scheme}://{target.netloc}{target.path}" == provider.url + "/authorize"
        assert query["client_id"] == CLIENT_ID and query["state"]
        assert query["code_challenge_method"] == "S256"
        code = provider.authorize(query)
        back = client.get(urlparse(query["redirect_uri"]).path,
                          {"code": code, "state": query["state"]})
        assert back.status_code == 302
        assert back["Location"] == reverse("accounts_citizen:contributions")
    account = SocialAccount.objects.get(provider="servicekonto", uid="4711")
    assert account.user.email == "max.muster@example.org"
    assert client.session.get("_auth_user_id") == str(account.user.pk)
    # A forged callback (unknown state) signs no one in.
    client.post(reverse("account_logout"))
    client.get(urlparse(query["redirect_uri"]).path, {"code": "x", "state": "forged"})
    assert not client.session.get("_auth_user_id")
    assert get_user_model().objects.count() == 1
