import io

import pytest
from django.contrib.gis.geos import Point
from PIL import Image

from participation.incidents.models import CategoryQuestion, Datatype, IncidentCategory
from portal.models import AuthorityKind, Role
from tests.factories import make_authority, make_staff, square

# Two neighbouring municipalities in a district (storage SRID 25832, around Leipzig), sharing
# the border x = 320000; the district covers both.
WEST_X, EAST_X, BORDER_X, Y = 319_000, 321_000, 320_000, 5_691_000


def lat_lon_of(x, y):
    from gis.srid import storage_srid

    point = Point(x, y, srid=storage_srid()).transform(4326, clone=True)
    return point.y, point.x


@pytest.fixture
def area(db):
    district = make_authority(name="Landkreis Test", slug="landkreis-test",
                              kind=AuthorityKind.DISTRICT, ags="14730000",
                              jurisdiction=square(316_000, 5_688_000, 8000),
                              enabled_modules=["incidents"])
    west = make_authority(name="Westdorf", slug="westdorf", ags="14730010",
                          jurisdiction=square(318_000, 5_690_000, 2000), parent=district,
                          enabled_modules=["incidents"])
    east = make_authority(name="Ostdorf", slug="ostdorf", ags="14730020",
                          jurisdiction=square(320_000, 5_690_000, 2000), parent=district,
                          enabled_modules=["incidents"])
    off = make_authority(name="Ohnedorf", slug="ohnedorf", ags="14730030",
                         jurisdiction=square(322_000, 5_690_000, 2000), parent=district)
    pothole = IncidentCategory.objects.create(authority=west, service_code="pothole",
                                              name="Schlagloch", description="Loch in der Straße")
    CategoryQuestion.objects.create(category=pothole, code="size", datatype=Datatype.SINGLEVALUELIST,
                                    label="Wie groß?", required=True,
                                    values=[{"key": "small", "name": "klein"},
                                            {"key": "large", "name": "groß"}])
    east_light = IncidentCategory.objects.create(authority=east, service_code="light",
                                                 name="Straßenlaterne defekt")
    district_road = IncidentCategory.objects.create(authority=district, service_code="kreisstrasse",
                                                    name="Schaden an Kreisstraße")
    return {"district": district, "west": west, "east": east, "off": off, "pothole": pothole,
            "light": east_light, "district_road": district_road}


@pytest.fixture
def west_staff(area):
    return make_staff(area["west"], Role.VIEWER, username="weststaff")


@pytest.fixture
def east_staff(area):
    return make_staff(area["east"], Role.ADMIN, username="oststaff")


def jpeg_with_gps(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {2: (51.0, 20.0, 0.0), 1: "N"}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()
