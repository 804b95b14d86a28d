"""Procedures of three kinds in two municipalities of a district, for the overview tests."""

from datetime import timedelta

from django.utils import timezone

from portal.models import AuthorityKind, Phase, Procedure

from ..dialogues.world import build_dialogue
from ..factories import make_authority, make_plan, square
from ..surveys.world import make_survey

ALL_MODULES = ["bauleitplanung", "dialogues", "surveys"]


def phase(procedure, kind, start_offset, days):
    today = timezone.localdate()
    start = today + timedelta(days=start_offset)
    return Phase.objects.create(procedure=procedure, kind=kind, start_date=start,
                                end_date=start + timedelta(days=days))


def build_world() -> dict:
    district = make_authority(name="Landkreis Heide", slug="landkreis-heide", ags=None,
                              kind=AuthorityKind.DISTRICT, enabled_modules=ALL_MODULES,
                              jurisdiction=square(800_000, 5_640_000, 40_000))
    # Squares near Dresden (UTM 32: E 820 000 / N 5 655 000 is about 13.6°E 51.0°N).
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          parent=district, enabled_modules=ALL_MODULES,
                          jurisdiction=square(820_000, 5_655_000, 5000))
    village = make_authority(name="Beispieldorf", slug="beispieldorf", ags="14625010",
                             enabled_modules=["bauleitplanung"],
                             jurisdiction=square(860_000, 5_655_000, 5000))
    # Open plan (closes in 20 days), a plan closing sooner (5 days), an unpublished plan.
    plan_open = make_plan(town, name="B-Plan Mühlbach", area=square(821_000, 5_656_000, 500))
    phase(plan_open.procedure, "baugb_3_2", -10, 30)
    plan_soon = make_plan(town, name="B-Plan Lindenhof", area=square(823_000, 5_658_000, 500))
    phase(plan_soon.procedure, "baugb_3_2", -25, 30)
    hidden = make_plan(town, name="B-Plan Geheim", published=False)
    phase(hidden.procedure, "baugb_3_2", -10, 30)
    # The village's plan: upcoming in 40 days.
    plan_village = make_plan(village, name="B-Plan Dorfanger")
    phase(plan_village.procedure, "baugb_3_1", 40, 20)
    # Dialogues: open in the town (with an area), closed in the town, and one in the village,
    # whose dialogue module is off.
    dialogue = build_dialogue(town, title="Dialog Neue Mitte")["dialogue"]
    dialogue.area = square(822_000, 5_657_000, 300)
    dialogue.save()
    closed = build_dialogue(town, title="Dialog Alter Markt", open_=False)["dialogue"]
    switched_off = build_dialogue(village, title="Dialog Dorfplatz", switch_on=False)["dialogue"]
    # Surveys: open and upcoming (in 10 days) in the town.
    survey_open = make_survey(town, title="Umfrage Radwege")
    survey_upcoming = make_survey(town, title="Umfrage Spielplätze", open_now=False)
    # A procedure without phases (a dialogue planned, no dates yet).
    undated = build_dialogue(town, title="Dialog Ohne Termin")["dialogue"]
    undated.procedure.phases.all().delete()
    # A procedure of the district itself.
    district_plan = make_plan(district, name="Regionalplan Heide")
    phase(district_plan.procedure, "baugb_3_2", -60, 30)
    return {
        "district": district, "town": town, "village": village, "plan_open": plan_open,
        "plan_soon": plan_soon, "hidden": hidden, "plan_village": plan_village,
        "dialogue": dialogue, "closed_dialogue": closed, "switched_off": switched_off,
        "survey_open": survey_open, "survey_upcoming": survey_upcoming, "undated": undated,
        "district_plan": district_plan,
    }


def titles(procedures) -> list[str]:
    return [p.title for p in procedures]


def procedure_of(obj) -> Procedure:
    return obj.procedure
