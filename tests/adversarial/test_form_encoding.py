"""A form body declaring a charset other than UTF-8 is a 400 with a message, not a 500 (found
by the gunicorn run of the adversarial suite: Django's error view re-read the body)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("charset", ["utf-7", "latin-1", "x-unknown"])
def test_a_form_in_another_charset_is_refused_with_400(charset):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value.encode()
    body = b"csrfmiddlewaretoken=" + token + b"&username=%FF%FE\xff&password=x"
    response = client.generic(
        "POST", "/accounts/login/", data=body,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        headers={"accept-language": "de"})
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()


def test_utf_8_forms_still_work():
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    response = client.generic(
        "POST", "/accounts/login/", data=f"csrfmiddlewaretoken={token}&username=x&password=y",
        content_type="application/x-www-form-urlencoded; charset=UTF-8")
    assert response.status_code == 200   # the login form again, with its error
