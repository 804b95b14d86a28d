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


def pass_second_factor(client, user) -> None:
    """Mark the test client's session as having passed the second factor of `user` (what a
    staff sign-in with a TOTP code does; portal/staff_session.py). Citizens are left alone."""
    from portal import staff_session

    if not staff_session.is_staff_account(user):
        return
    session = client.session
    staff_session.mark_verified(session, user)
    session.save()


#: A TOTP secret for tests (base32); codes from `totp_code`.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def add_totp(user, secret: str = TEST_TOTP_SECRET):
    """Give `user` a TOTP authenticator with a known secret (compute codes with `totp_code`)."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, at: float | None = None) -> str:
    """The RFC 6238 code of `secret` (30 s steps, 6 digits, HMAC-SHA1) at a time (now)."""
    import base64
    import hashlib
    import hmac
    import struct
    import time

    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
