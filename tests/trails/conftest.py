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


def small_jpeg(colour=(30, 120, 40)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def x_at_km(km: float) -> float:
    """The storage x of the point `km` along the Malerweg (it starts at X0 + 200)."""
    return X0 + 200 + km * 1000


@pytest.fixture
def wardens(forest):
    """Two sections of the Malerweg (north: km 0–1.5 with the signpost at km 0.8, south:
    km 1.5–3.6) and a warden on each, with citizen accounts (not staff)."""
    from participation.trails.models import TrailSection, Warden
    from tests.factories import make_user

    trail = forest["trail"]
    north = TrailSection.objects.create(trail=trail, name="Nord", start_km=0, end_km=1.5)
    south = TrailSection.objects.create(trail=trail, name="Süd", start_km=1.5, end_km=3.6)
    anna = make_user("anna", first_name="Anna", last_name="Wald")
    ben = make_user("ben")
    warden_a = Warden.objects.create(authority=forest["authority"], user=anna,
                                     email=anna.email)
    warden_a.sections.set([north])
    warden_b = Warden.objects.create(authority=forest["authority"], user=ben, email=ben.email)
    warden_b.sections.set([south])
    return {"north": north, "south": south, "anna": anna, "ben": ben, "warden_a": warden_a,
            "warden_b": warden_b}


def trail_report(forest, km: float, description: str = "Wegweiser fehlt"):
    from participation.incidents.services.reports import NewReport, create_report

    report, _created = create_report(report=NewReport(
        category=forest["category"], description=description,
        location=Point(x_at_km(km), TRAIL_Y + 10, srid=storage_srid())))
    return report
