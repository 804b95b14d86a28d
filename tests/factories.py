"""Small factories for tests: explicit SRIDs, made-up geometries, no network."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.gis.geos import MultiPolygon, Polygon

from gis.srid import storage_srid
from portal.models import Authority, AuthorityKind, Membership

_counter = itertools.count(1)


def square(x: float, y: float, size: float = 1000.0, srid: int | None = None) -> MultiPolygon:
    """A square MultiPolygon in the storage SRID with its lower-left corner at (x, y)."""
    srid = srid or storage_srid()
    ring = ((x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y))
    return MultiPolygon(Polygon(ring, srid=srid), srid=srid)


def make_authority(**fields) -> Authority:
    n = next(_counter)
    defaults = {
        "name": f"Gemeinde {n}",
        "slug": f"gemeinde-{n}",
        "kind": AuthorityKind.MUNICIPALITY,
        "ags": f"14{n:06d}"[:8],
        "jurisdiction": square(400_000 + n * 2000, 5_650_000),
    }
    defaults.update(fields)
    authority = Authority(**defaults)
    authority.full_clean()
    authority.save()
    return authority


def make_user(username: str | None = None, **fields):
    username = username or f"user{next(_counter)}"
    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@example.org", **fields
    )
    return user


def make_staff(authority: Authority, role: str, username: str | None = None, **fields):
    user = make_user(username, is_staff=True, **fields)
    Membership.objects.create(user=user, authority=authority, role=role)
    return user


def make_plan(authority: Authority, *, name: str = "B-Plan Mühlbach", published: bool = True,
              area=None, legal_status: str = "2000", procedure_kind: str | None = "baugb_regular",
              **fields):
    from planning.services.plans import create_plan, publish_plan

    if area is None:
        x, y = authority.jurisdiction.centroid.coords if authority.jurisdiction else (800_000, 5_650_000)
        area = square(x - 250, y - 250, 500)
    plan = create_plan(authority=authority, name=name, area=area, legal_status=legal_status,
                       procedure_kind=procedure_kind, **fields)
    if published:
        publish_plan(plan=plan)
    return plan
