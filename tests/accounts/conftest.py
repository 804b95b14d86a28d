import re

import pytest
from django.core import mail
from django.urls import reverse

from ..statements.conftest import notice, phase, plan  # noqa: F401 (statement fixtures)

PASSWORD = "Bauleitplan-2026!"
LINK = re.compile(r"https?://[^\s]+/konto/[^\s]+")


def mail_link(message) -> str:
    """The /konto/ link of an e-mail, as a path for the test client."""
    url = LINK.search(message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def sign_up(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_signup"),
                       {"email": email, "password1": password, "password2": password})


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.fixture
def citizen(client):
    """A citizen who signed up and confirmed the e-mail through the pages; not signed in."""
    email = "erika@example.org"
    sign_up(client, email)
    client.get(mail_link(mail.outbox[-1]))
    client.post(mail_link(mail.outbox[-1]))
    mail.outbox.clear()
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


@pytest.fixture
def signed_in(client, citizen):
    client.post(reverse("account_login"), {"login": citizen.email, "password": PASSWORD})
    return citizen
