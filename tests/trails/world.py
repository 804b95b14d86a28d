"""The trails module's objects of an adversarial-world tenant (tests/adversarial/world.py):
the module switched on, a trail through the tenant's plan area and a signpost beside it."""

from django.contrib.gis.geos import LineString, MultiLineString, Point

from participation.trails.length import geodesic_length_m
from participation.trails.models import Signpost, Trail
from participation.trails.services.signposts import save_signpost


def build_trails(authority, key: str, secret: str, point) -> dict:
    authority.enabled_modules = [*(authority.enabled_modules or []), "trails"]
    authority.save(update_fields=["enabled_modules"])
    line = MultiLineString(LineString((point.x - 500, point.y), (point.x + 500, point.y)),
                           srid=point.srid)
    trail = Trail.objects.create(authority=authority, name=f"Wanderweg {key}",
                                 operator=f"Verein {key}", geometry=line,
                                 length_m=geodesic_length_m(line))
    signpost = save_signpost(Signpost(authority=authority, material=f"{secret} Holz",
                                      location=Point(point.x, point.y + 5, srid=point.srid)))
    return {"trail": trail, "signpost": signpost}
