"""The loopback canary counts connections (so "0 connections" in the fuzz tests means
something), and URLs pointing at it in a statement are stored as text, never fetched."""

import re
import socket
import time
import urllib.request

import pytest
from django.test import Client

from planning.models import Statement

from .crawl import actor_client, filled_in, fresh, later

pytestmark = pytest.mark.django_db


def test_the_canary_counts_a_connection(canary):
    with socket.create_connection(("127.0.0.1", canary.port), timeout=2):
        pass
    with pytest.raises(OSError):
        urllib.request.urlopen(canary.url, timeout=2)
    deadline = time.monotonic() + 2
    while canary.connections < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert canary.connections == 2


def test_canary_urls_in_an_accepted_statement_are_not_fetched(discovered, world, canary):
    actor, form = discovered["planning:statement-form"]
    client: Client = actor_client(actor, world[0])
    data = filled_in(fresh(client, form))
    data.update({"text": f"Siehe {canary.url} und <img src=\"{canary.url}/bild.png\">",
                 "location_text": f"{canary.url}/ort"})
    before = Statement.objects.count()
    with later():
        response = client.post(form.action, data)
    errors = re.findall(r"(?:class=\"error|role=\"alert)[^>]*>\s*(?:<[^>]*>\s*)*([^<]+)<",
                        response.content.decode())
    assert response.status_code in (302, 303), errors
    assert Statement.objects.count() == before + 1
    receipt = client.get(response["Location"])
    assert f'<img src="{canary.url}' not in receipt.content.decode()
    assert canary.connections == 0
