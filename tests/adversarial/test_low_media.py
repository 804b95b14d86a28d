"""The development /media/ route never serves private uploads, however the path is spelt."""

import pytest

pytestmark = pytest.mark.urls("tests.adversarial.low_media_urls")


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "private" / "exports").mkdir(parents=True)
    (tmp_path / "private" / "exports" / "table.csv").write_text("Name;Abwägung\nErika;zurückgewiesen")
    (tmp_path / "authorities" / "logos").mkdir(parents=True)
    (tmp_path / "authorities" / "logos" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nlogo")
    return tmp_path


def test_a_public_upload_is_served(client, media):
    response = client.get("/media/authorities/logos/logo.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).endswith(b"logo")


@pytest.mark.parametrize("path", [
    "/media/private/exports/table.csv",
    "/media//private/exports/table.csv",
    "/media///private/exports/table.csv",
    "/media/./private/exports/table.csv",
    "/media/authorities/../private/exports/table.csv",
    "/media/authorities/%2e%2e/private/exports/table.csv",
    "/media/%2e/private/exports/table.csv",
    "/media/private%2fexports/table.csv",
    "/media/private%252fexports%252ftable.csv",
    "/media/%252e%252e/media/private/exports/table.csv",
    "/media/authorities/%252e%252e/private/exports/table.csv",
    "/media/authorities/%25252e%25252e/private/exports/table.csv",
    "/media/authorities%5c..%5cprivate%5cexports%5ctable.csv",
    "/media/private%5cexports%5ctable.csv",
    "/media/PRIVATE/exports/table.csv",
    "/media/private./exports/table.csv",
    "/media/%2fprivate/exports/table.csv",
    "/media/..%2f..%2fetc/passwd",
    "/media/",
    "/media/%00private/exports/table.csv",
])
def test_private_files_are_never_served(client, media, path):
    response = client.get(path)
    assert response.status_code == 404
    if hasattr(response, "streaming_content"):
        assert b"Erika" not in b"".join(response.streaming_content)
    else:
        assert b"Erika" not in response.content
