"""Reporting by address alone: the form and Open311's address_string find the place through the
portal's address search (here the local address index); an unknown address is refused."""

import pytest
from django.contrib.gis.geos import Point

from gis.srid import storage_srid
from participation.incidents.models import IncidentReport
from portal.addresses import number_key, street_key
from portal.models import Address

from .conftest import WEST_X, Y
from .test_open311 import BASE, api_key, create  # noqa: F401 (fixture)
from .test_pages import form_data, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_address(area):
    return Address.objects.create(
        street="Lindenweg", housenumber=number_key("4"), postcode="04420", city="Westdorf",
        street_key=street_key("Lindenweg"), location=Point(WEST_X + 120, Y + 80,
                                                           srid=storage_srid()))


def test_the_form_offers_and_uses_the_address_search(client, area, indexed_address):
    page = client.get("/westdorf/meldungen/neu/").content.decode()
    assert 'id="address-lookup-help"' in page
    response = post(client, area, form_data(area, latitude="", longitude="",
                                            address="Lindenweg 4, 04420 Westdorf"))
    assert response.status_code == 302
    report = IncidentReport.objects.get()
    assert report.location.distance(indexed_address.location) < 1
    assert report.address == "Lindenweg 4, 04420 Westdorf"


def test_an_unknown_address_is_refused_with_a_message(client, area, indexed_address):
    response = post(client, area, form_data(area, latitude="", longitude="",
                                            address="Gibtsnichtweg 99, Nirgendwo"))
    assert response.status_code == 400
    assert "Gibtsnichtweg 99" in response.content.decode()
    assert not IncidentReport.objects.exists()


def test_without_any_place_the_form_asks_for_one(client, area):
    response = post(client, area, form_data(area, latitude="", longitude="", address=""))
    assert response.status_code == 400 and not IncidentReport.objects.exists()
    assert 'id="address-lookup-help"' not in response.content.decode()  # no index: no promise


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_address_string_alone(client, area, api_key, indexed_address, fmt):  # noqa: F811
    response = create(client, api_key, fmt=fmt, lat=None, long=None,
                      address_string="Lindenweg 4, Westdorf")
    assert response.status_code == 201
    assert IncidentReport.objects.get().location.distance(indexed_address.location) < 1
    refused = create(client, api_key, fmt=fmt, lat=None, long=None,
                     address_string="Gibtsnichtweg 99")
    assert refused.status_code == 400 and b"Gibtsnichtweg 99" in refused.content
