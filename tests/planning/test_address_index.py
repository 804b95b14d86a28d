"""The optional local address index: imported from an open address list, searched without a
geocoder, and named in the search label only when it holds addresses."""

import json

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from portal.models import Address

from ..factories import make_authority, make_plan, square

pytestmark = pytest.mark.django_db
DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


@pytest.fixture
def plan(settings):
    settings.PORTAL_GEOCODER_URL = ""
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    return make_plan(town, name="Altmarkt", area=square(820_000, 5_655_000, 400))


def _csv(tmp_path, rows: list[str]):
    path = tmp_path / "addresses.csv"
    path.write_text("LON,LAT,NUMBER,STREET,UNIT,CITY,POSTCODE\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    return path


def test_import_then_search_finds_the_plan_at_the_address(client, plan, tmp_path, capsys):
    inside = Point(820_200, 5_655_200, srid=25832).transform(4326, clone=True)
    outside = Point(826_000, 5_658_000, srid=25832).transform(4326, clone=True)
    assert "Adresse" not in client.get("/", **DE).content.decode()  # nothing to search yet
    path = _csv(tmp_path, [
        f"{inside.x},{inside.y},3,Bachstraße,,Musterstadt,01234",
        f"{outside.x},{outside.y},3a,Bachstraße,,Musterstadt,01234",
        "13.5,91,1,Bergweg,,Musterstadt,01234",  # no WGS84 position
        f"{inside.x},{inside.y},1,,,Musterstadt,01234",  # no street
    ])
    call_command("import_addresses", str(path), "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["imported"] == 2 and [s["line"] for s in report["skipped"]] == [4, 5]
    page = client.get("/", {"q": "Bachstr. 3, 01234 Musterstadt"}, **DE)
    assert [p.name for p in page.context["plans"]] == ["Altmarkt"]
    html = page.content.decode()
    assert "Bachstraße 3, 01234 Musterstadt" in html and "Gemeinde, Adresse" in html
    assert list(client.get("/", {"q": "Bachstraße 3a, Musterstadt"}).context["plans"]) == []
    assert list(client.get("/", {"q": "Nirgendweg 1"}).context["plans"]) == []


def test_replace_is_all_or_nothing_and_bad_files_are_refused(plan, tmp_path):
    call_command("import_addresses", str(_csv(tmp_path, ["13.5,51.0,1,Am Markt,,Musterstadt,"])))
    bad = tmp_path / "bad.csv"
    bad.write_text("X,Y,STREET\n1,2,Weg\n", encoding="utf-8")
    with pytest.raises(CommandError, match="LON, LAT"):
        call_command("import_addresses", str(bad), "--replace")
    assert Address.objects.count() == 1
    call_command("import_addresses", str(_csv(tmp_path, ["13.6,51.1,2,Neuer Weg,,Dorf,"])),
                 "--replace")
    assert list(Address.objects.values_list("street", flat=True)) == ["Neuer Weg"]
