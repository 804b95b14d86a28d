"""The trails module's objects of an adversarial-world tenant (tests/adversarial/world.py):
the module switched on, a trail through the tenant's plan area with one section, a signpost
beside it, a trail category with a report on the trail, and the tenant's admin as the warden
of the section (so the walk and the fuzz reach the warden pages with their own ids)."""

from django.contrib.gis.geos import LineString, MultiLineString, Point

from participation.incidents.models import IncidentCategory
from participation.incidents.services.reports import NewReport, create_report
from participation.trails.length import geodesic_length_m
from participation.trails.models import (
    Inspection,
    Signpost,
    Trail,
    TrailCategory,
    TrailSection,
    Warden,
)
from participation.trails.services.signposts import save_signpost
from portal.models import Membership, Role


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
    section = TrailSection.objects.create(trail=trail, name=f"Abschnitt {key}", start_km=0,
                                          end_km=1.1)
    admin = Membership.objects.filter(authority=authority, role=Role.ADMIN).first().user
    warden = Warden.objects.create(authority=authority, user=admin, email=admin.email)
    warden.sections.set([section])
    category = IncidentCategory.objects.create(authority=authority, service_code="wegweiser",
                                               name=f"Wegweiser {key}")
    TrailCategory.objects.create(category=category)
    # Reference numbers count per authority: B's trail report gets another number than A's,
    # so the walk's mixed variant (A's address, B's reference) names no report of A.
    if key != "A":  # off the trail: in no section
        create_report(report=NewReport(
            category=category, description=f"{secret} Weg abseits",
            location=Point(point.x + 100, point.y - 300, srid=point.srid)))
    report, _created = create_report(report=NewReport(
        category=category, description=f"{secret} Wegweiser fehlt",
        location=Point(point.x + 100, point.y + 10, srid=point.srid)))
    inspection = Inspection.objects.create(warden=warden, walked_on="2026-04-01",
                                           findings=f"{secret} Befund")
    inspection.sections.set([section])
    return {"trail": trail, "signpost": signpost, "trail_section": section, "warden": warden,
            "trail_report": report}
