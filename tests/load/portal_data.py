"""The mixed-load test's view into its database, run with the production settings in a
process of its own (the test process has the test settings and another database).

    python -m tests.load.portal_data prepare
        the demo tenant set (fixtures/demo.py: authorities, staff, plans with layers and an
        open § 3(2) phase, a dialogue, a survey, an event), a known TOTP key for two staff
        members of the plan's authority; prints the addresses the load generator uses.
    python -m tests.load.portal_data verify MARKER_PREFIX
        what the load left behind: statements whose text starts with the prefix (by text),
        their receipt e-mails due and sent, XPlanGML import jobs with their plans' features, export jobs with their files, task
        results by task and status.

Both print one line of JSON.
"""

import json
import sys


def _targets() -> dict:
    from allauth.mfa.models import Authenticator
    from django.urls import reverse

    from fixtures.demo import DEMO_PASSWORD
    from gis.models import Feature, Layer
    from gis.tiles.grid import lonlat_to_tile
    from participation.dialogues.models import Dialogue
    from participation.events.models import Event
    from participation.surveys.models import Survey
    from planning.models import Plan
    from portal.models import Membership, Role
    from tests.factories import TEST_TOTP_SECRET, add_totp

    plan = next(plan for plan in Plan.objects.filter(is_published=True).select_related(
        "authority", "procedure").order_by("pk")
        if plan.procedure and (phase := plan.procedure.current_phase())
        and phase.kind == "baugb_3_2")
    layer = Layer.objects.filter(pk__in=Feature.objects.values("layer")).order_by("pk").first()
    centre = Feature.objects.filter(layer=layer).first().geometry.centroid.transform(
        4326, clone=True)
    staff = []
    for role in (Role.PLANNER, Role.ADMIN):
        user = Membership.objects.select_related("user").filter(
            authority=plan.authority, role=role).order_by("pk").first().user
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            add_totp(user, TEST_TOTP_SECRET)
        staff.append({"username": user.username, "password": DEMO_PASSWORD,
                      "totp_secret": TEST_TOTP_SECRET})
    slug = plan.authority.slug
    dialogue = Dialogue.objects.filter(authority__slug=slug).first() or Dialogue.objects.first()
    survey = Survey.objects.first()
    pages = ["/", f"/{slug}/", "/verfahren/", plan.get_absolute_url()]
    if dialogue is not None:
        pages.append(reverse("dialogues:detail", args=[dialogue.authority.slug, dialogue.uid]))
    if survey is not None:
        pages.append(reverse("surveys:start", args=[survey.authority.slug, survey.uid]))
    pages += [event.get_absolute_url() for event in Event.objects.all()[:1]]
    tiles = [f"/tiles/layers/{layer.uid}/{tile.z}/{tile.x}/{tile.y}.pbf"
             for tile in (lonlat_to_tile(centre.x, centre.y, z) for z in (12, 13, 14, 15, 16))]
    return {
        "pages": pages,
        "statement_form": reverse("planning:statement-form", args=[slug, plan.uid]),
        "tiles": tiles,
        "geojson": reverse("layer-geojson", args=[layer.uid]),
        "plan_uid": str(plan.uid),
        "authority_pk": plan.authority.pk,
        "authority_ags": plan.authority.ags,
        "staff": staff,
    }


def prepare() -> dict:
    from fixtures.demo import load_demo_data

    load_demo_data()
    return _targets()


def verify(prefix: str) -> dict:
    from collections import Counter

    from django.core.files.storage import default_storage
    from django_tasks_db.models import DBTaskResult

    from gis.models import Feature
    from planning.models import ExportJob, Statement, XPlanImportJob

    statements = Statement.objects.filter(text__startswith=prefix)
    texts = Counter(statements.values_list("text", flat=True))
    receipts = {"due": statements.exclude(email="").count(),
                "sent": statements.exclude(email="").filter(receipt_sent_at__isnull=False).count()}
    imports = []
    for job in XPlanImportJob.objects.order_by("pk"):
        plan_ids = [facts.get("id") for facts in job.report.get("plans", [])]
        imports.append({"uid": str(job.uid), "status": job.status, "plans": plan_ids,
                        "features": Feature.objects.filter(
                            layer__plan_link__plan_id__in=plan_ids).count()})
    exports = [{"uid": str(job.uid), "status": job.status, "format": job.format,
                "rows": job.rows_total,
                "bytes": default_storage.size(job.file.name) if job.file else 0}
               for job in ExportJob.objects.order_by("pk")]
    tasks = Counter(f"{path} {status}" for path, status in
                    DBTaskResult.objects.values_list("task_path", "status"))
    return {"statements": texts, "receipts": receipts, "imports": imports, "exports": exports, "tasks": tasks}


def main() -> None:
    import django

    django.setup()
    if sys.argv[1] == "prepare":
        print(json.dumps(prepare()))
    else:
        print(json.dumps(verify(sys.argv[2])))


if __name__ == "__main__":
    main()
