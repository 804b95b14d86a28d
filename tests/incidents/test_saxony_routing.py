"""Routing on the 419 real Saxon municipalities (import_authorities on ../shared/data):
inside a municipality, on the border between two, a district-handled category, outside Saxony."""

from io import StringIO

import pytest
from django.contrib.gis.geos import MultiPolygon
from django.core.management import call_command
from django.db.models import Q

from participation.incidents.errors import NotResponsible
from participation.incidents.location import point_from_lat_lon
from participation.incidents.models import IncidentCategory
from participation.incidents.routing import check_category_at, responsible_authority
from portal.models import Authority, AuthorityKind
from tests.factories import make_authority

pytestmark = pytest.mark.django_db
SAXONY = "boundaries/DERIVED__VG5000_2021_Gemeinden_Sachsen.geojson"


@pytest.fixture
def saxony(shared_data):
    call_command("import_authorities", str(shared_data / SAXONY), "--kind", "municipality",
                 "--json", stdout=StringIO())
    assert Authority.objects.count() == 419
    Authority.objects.update(enabled_modules=["incidents"])
    return {a.ags: a for a in Authority.objects.filter(Q(ags="14612000") | Q(ags="14511000"))}


def category(authority, code="pothole"):
    return IncidentCategory.objects.create(authority=authority, service_code=code, name=code)


def test_points_inside_municipalities(saxony):
    assert responsible_authority(point_from_lat_lon(51.0504, 13.7373)).ags == "14612000"  # Dresden
    assert responsible_authority(point_from_lat_lon(50.8327, 12.9252)).ags == "14511000"  # Chemnitz


def test_point_on_a_shared_border_goes_to_exactly_one(saxony):
    chemnitz = saxony["14511000"]
    neighbour = (Authority.objects.filter(jurisdiction__intersects=chemnitz.jurisdiction)
                 .exclude(pk=chemnitz.pk).order_by("ags").first())
    # A point of the shared boundary line (a vertex both outlines have).
    point = chemnitz.jurisdiction.intersection(neighbour.jurisdiction).point_on_surface
    candidates = {a.ags for a in Authority.objects.filter(jurisdiction__intersects=point)}
    assert {chemnitz.ags, neighbour.ags} <= candidates
    assert responsible_authority(point).ags == min(candidates)
    # A category of either side is accepted there.
    check_category_at(category(chemnitz), point)
    check_category_at(category(neighbour), point)


def test_district_handles_a_category_its_municipalities_do_not(saxony):
    chemnitz = saxony["14511000"]
    district = make_authority(name="Kreis Test", slug="kreis-test", kind=AuthorityKind.DISTRICT,
                              ags="14599000", jurisdiction=MultiPolygon(chemnitz.jurisdiction.buffer(5000)),
                              enabled_modules=["incidents"])
    inside = point_from_lat_lon(50.8327, 12.9252)
    roads = category(district, "kreisstrasse")
    check_category_at(roads, inside)
    assert responsible_authority(inside) == chemnitz  # the municipality first
    with pytest.raises(NotResponsible, match="Dresden"):
        check_category_at(roads, point_from_lat_lon(51.0504, 13.7373))


def test_outside_saxony(saxony):
    with pytest.raises(NotResponsible) as info:
        responsible_authority(point_from_lat_lon(48.137, 11.575))  # Munich
    assert "außerhalb" in info.value.messages[0] or "outside" in info.value.messages[0]
    with pytest.raises(NotResponsible):
        check_category_at(category(saxony["14612000"]), point_from_lat_lon(52.52, 13.405))
