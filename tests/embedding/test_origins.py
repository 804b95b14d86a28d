"""Allowed host origins: normalised, and refused with a message naming the problem."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from portal.embedding.origins import normalise_origin, parse_origins


@pytest.mark.parametrize(("value", "expected"), [
    ("https://www.musterstadt.de", "https://www.musterstadt.de"),
    ("HTTPS://WWW.Musterstadt.DE/", "https://www.musterstadt.de"),
    ("https://www.musterstadt.de:443", "https://www.musterstadt.de"),
    ("https://rathaus.musterstadt.de:8443", "https://rathaus.musterstadt.de:8443"),
    ("https://www.görlitz.de", "https://www.xn--grlitz-wxa.de"),
])
def test_valid_origins_are_normalised(value, expected):
    assert normalise_origin(value) == expected


@pytest.mark.parametrize(("value", "code"), [
    ("https://www.musterstadt.de/buergerservice", "path"),
    ("https://www.musterstadt.de/?x=1", "path"),
    ("https://www.musterstadt.de#top", "path"),
    ("http://www.musterstadt.de", "insecure"),
    ("http://localhost:8000", "insecure"),
    ("https://*.musterstadt.de", "invalid"),
    ("https://user:pw@www.musterstadt.de", "userinfo"),
    ("javascript:alert(1)", "invalid"),
    ("www.musterstadt.de", "invalid"),
    ("https://localhost-", "host"),
    ("https://www.muster stadt.de", "invalid"),
    ("https://www.musterstadt.de:99999", "invalid"),
    ("'self'", "invalid"),
])
def test_bad_origins_are_refused(value, code):
    with pytest.raises(ValidationError) as error:
        normalise_origin(value)
    assert error.value.code == code


@override_settings(DEBUG=True)
def test_http_only_for_localhost_while_debugging():
    assert normalise_origin("http://localhost:8000") == "http://localhost:8000"
    assert normalise_origin("http://127.0.0.1:8001/") == "http://127.0.0.1:8001"
    with pytest.raises(ValidationError):
        normalise_origin("http://www.musterstadt.de")


def test_list_keeps_order_drops_duplicates_and_names_every_bad_line():
    assert parse_origins("https://a.de\n\nhttps://A.de/\nhttps://b.de") == ["https://a.de", "https://b.de"]
    with pytest.raises(ValidationError) as error:
        parse_origins("https://a.de/pfad\nhttp://b.de\nhttps://c.de")
    assert len(error.value.messages) == 2
    assert "https://a.de/pfad" in error.value.messages[0]
    with pytest.raises(ValidationError):
        parse_origins("\n".join(f"https://s{i}.de" for i in range(21)))


def test_messages_are_german_first():
    with translation.override("de"), pytest.raises(ValidationError) as error:
        normalise_origin("https://www.musterstadt.de/seite")
    assert "Pfad" in error.value.messages[0]
    with translation.override("de"), pytest.raises(ValidationError) as error:
        normalise_origin("http://www.musterstadt.de")
    assert "nur https" in error.value.messages[0]
