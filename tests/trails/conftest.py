import pytest
from django.contrib.gis.geos import LineString, MultiLineString, Point

from gis.srid import storage_srid
from participation.incidents.models import IncidentCategory
from participation.trails.models import Trail, TrailCategory
from participation.trails.services.signposts import save_signpost
from portal.models import Role
from tests.factories import make_authority, make_staff, square

# A forest municipality (storage SRID 25832, around Leipzig) with a straight east-west trail
# along y = TRAIL_Y.
X0, Y0, SIZE = 318_000, 5_690_000, 4000
TRAIL_Y = 5_692_000


def lat_lon_of(x, y):
    point = Point(x, y, srid=storage_srid()).transform(4326, clone=True)
    return point.y, point.x


@pytest.fixture
def forest(db):
    authority = make_authority(name="Walddorf", slug="walddorf", ags="14730050",
                               jurisdiction=square(X0, Y0, SIZE),
                               enabled_modules=["incidents", "trails"])
    other = make_authority(name="Bergdorf", slug="bergdorf", ags="14730060",
                           jurisdiction=square(X0 + SIZE, Y0, SIZE),
                           enabled_modules=["incidents", "trails"])
    line = MultiLineString(LineString((X0 + 200, TRAIL_Y), (X0 + 3800, TRAIL_Y)),
                           srid=storage_srid())
    trail = Trail.objects.create(authority=authority, name="Malerweg", marking="Blauer Strich",
                                 operator="Gebirgsverein", geometry=line, length_m=3600.0)
    category = IncidentCategory.objects.create(authority=authority, service_code="wegweiser",
                                               name="Wegweiser beschädigt")
    TrailCategory.objects.create(category=category)
    from participation.trails.models import Signpost

    signpost = save_signpost(Signpost(
        authority=authority, location=Point(X0 + 1000, TRAIL_Y + 5, srid=storage_srid()),
        plates=[{"destination": "Bastei", "distance_km": 4.5, "time": "1:15"}],
        material="Holz"))
    return {"authority": authority, "other": other, "trail": trail, "category": category,
            "signpost": signpost}


@pytest.fixture
def warden_staff(forest):
    return make_staff(forest["authority"], Role.PLANNER, username="forststaff")


@pytest.fixture
def other_staff(forest):
    return make_staff(forest["other"], Role.ADMIN, username="bergstaff")
