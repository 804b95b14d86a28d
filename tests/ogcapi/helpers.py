"""Reading the OGC API through the Django test client, as a client would: by following links."""

TESTSERVER = "http://testserver"


def get(client, url: str, **headers):
    return client.get(url.removeprefix(TESTSERVER), **headers)


def get_json(client, url: str):
    response = get(client, url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response.json()


def links(document: dict, rel: str, media_type: str | None = None) -> list[str]:
    return [link["href"] for link in document["links"]
            if link["rel"] == rel and (media_type is None or link["type"] == media_type)]


def one_link(document: dict, rel: str, media_type: str | None = None) -> str:
    found = links(document, rel, media_type)
    assert len(found) == 1, (rel, media_type, document["links"])
    return found[0]
