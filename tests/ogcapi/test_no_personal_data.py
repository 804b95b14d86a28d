"""No personal data anywhere in the OGC API: every document reachable from the landing page,
in JSON and HTML, is free of a statement author's name, e-mail, address and text."""

from urllib.parse import urlsplit

import pytest

from .conftest import AUTHOR_EMAIL, AUTHOR_NAME
from .helpers import TESTSERVER

pytestmark = pytest.mark.django_db

FORBIDDEN = [AUTHOR_NAME, AUTHOR_EMAIL, "Geheimweg", "Mühlweg", "erika", "Entwurf unveröffentlicht",
             "Geheime Ebene"]


def _crawl(client, start: str, limit: int = 200) -> dict[str, bytes]:
    seen: dict[str, bytes] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        seen[url] = response.content
        if "json" not in response["Content-Type"]:
            continue
        data = response.json()
        documents = [data, *data.get("collections", []), *data.get("features", [])]
        for document in documents:
            for link in document.get("links", []):
                href = link["href"].removeprefix(TESTSERVER)
                if href.startswith("/ogcapi/") and "{" not in href:
                    queue.append(href)
        for feature in data.get("features", []):
            queue.append(urlsplit(url).path + "/" + str(feature["id"]))
    return seen


def test_no_statement_author_in_any_document(client, world):
    statement = world["statement"]
    pages = _crawl(client, "/ogcapi/")
    assert len(pages) > 20
    assert any(b"<html" in body for body in pages.values())  # the HTML pages too
    for url, body in pages.items():
        text = body.decode()
        for forbidden in [*FORBIDDEN, statement.reference, statement.public_text, statement.text]:
            assert forbidden.lower() not in text.lower(), (url, forbidden)
