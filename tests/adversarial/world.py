"""Two tenants with one object of every tenant-owned kind each, for the adversarial suite.

Every non-public text of a tenant carries its `secret` marker (statement texts and submitters,
notes, text blocks, agencies, the draft plan's name, co-signers): a response that contains
another tenant's marker has leaked its data. Published things (the authority's name, its
published plan and public documents) carry no marker, they are public on purpose.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import Group
from django.contrib.gis.geos import Point
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dataprotection.register import create_request
from fixtures.pdf import simple_pdf
from planning.agencies.register import create_agency
from planning.agencies.tokens import hash_secret, new_secret
from planning.models import (
    AgencyInvitation,
    CoSignature,
    ExportJob,
    InternalNote,
    InvitationState,
    ModerationState,
    ParticipationDefaults,
    Statement,
    StatementAttachment,
    StatementGroup,
    StatementSettings,
    SubmitterKind,
    TextBlock,
    XPlanImportJob,
)
from planning.services.documents import add_document
from planning.services.layers import add_vector_layer
from planning.services.phases import schedule_phase
from planning.statements.normalise import text_hash
from planning.weighing import sections
from portal.models import Authority, Phase, Role, StaffInvitation

from ..dialogues.world import build_block, build_dialogue
from ..events.world import build_events
from ..factories import make_authority, make_plan, make_staff, make_user, square
from ..incidents.world import build_incidents
from ..livevoting.world import build_live_voting
from ..planning.test_staff_support import feature_collection
from ..surveys.world import build_surveys
from ..trails.world import build_trails

ROLES = (Role.ADMIN, Role.PLANNER, Role.MODERATOR, Role.VIEWER)


@dataclass
class Tenant:
    """One authority and its objects; `secret` marks its non-public data."""

    key: str
    secret: str
    authority: Authority
    staff: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    token: str = ""

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _statement(tenant_authority, plan, phase, reference: str, secret: str, **fields) -> Statement:
    text = f"{secret} Stellungnahme {reference}: bitte den Bach erhalten."
    values = {"authority": tenant_authority, "plan": plan, "phase": phase,
              "reference": reference, "text": text, "text_hash": text_hash(text),
              "name": f"{secret} Person", "email": f"{reference.lower()}@example.org",
              "street": f"{secret}-Gasse 1", "postcode": "01067", "city": "Dresden",
              "received_at": timezone.now() - timedelta(days=1)}
    values.update(fields)
    return Statement.objects.create(**values)


def _attachment(statement: Statement) -> StatementAttachment:
    attachment = StatementAttachment(statement=statement, file_name="anlage.pdf",
                                     content_type="application/pdf", size=4, sha256="0" * 64)
    attachment.file.save("anlage", ContentFile(b"%PDF"), save=False)
    attachment.save()
    return attachment


def build_tenant(key: str, x: float, ags: str) -> Tenant:
    """An authority with staff of every role, a published plan and everything hanging off it."""
    secret = f"GEHEIM{key}X"
    authority = make_authority(name=f"Gemeinde {key}", slug=f"gemeinde-{key.lower()}", ags=ags,
                               jurisdiction=square(x, 5_650_000, 10_000))
    tenant = Tenant(key=key, secret=secret, authority=authority)
    for role in ROLES:
        tenant.staff[role] = make_staff(authority, role, f"{key.lower()}-{role}")
    plan = make_plan(authority, name=f"Plan {key}", number=f"{key}-1",
                     area=square(x + 4000, 5_654_000, 500))
    make_plan(authority, name=f"{secret} Entwurf", published=False,
              area=square(x + 6000, 5_654_000, 300))
    today = timezone.localdate()
    public_phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=today - timedelta(days=5),
                                  end_date=today + timedelta(days=30))
    agency_phase = schedule_phase(plan=plan, kind="baugb_4_2", start_date=today - timedelta(days=5),
                                  end_date=today + timedelta(days=30))
    StatementSettings.objects.create(phase=public_phase, display_publicly=True)
    # The agency phase follows the defaults; their topic is only the tenant's staff's to see.
    ParticipationDefaults.objects.create(authority=authority, topics=[f"{secret} Thema"])
    document = add_document(plan=plan, kind="1010", title=f"Begründung {key}",
                            upload=SimpleUploadedFile("b.pdf", simple_pdf("Begründung", ["x"]),
                                                      content_type="application/pdf"))
    layer = add_vector_layer(plan=plan, name=f"Ebene {key}",
                             upload=SimpleUploadedFile("f.geojson", feature_collection(
                                 square(x + 4100, 5_654_100, 100)))).layer
    agency = create_agency(authority=authority, name=f"{secret} Wasserbehörde",
                           emails=[f"wasser-{key.lower()}@example.org"],
                           responsibility_area=square(x, 5_650_000, 10_000))
    tenant.token = new_secret()
    invitation = AgencyInvitation.objects.create(
        phase=agency_phase, agency=agency, state=InvitationState.INVITED,
        token_hash=hash_secret(tenant.token), invited_at=timezone.now())
    centre = plan.area.centroid
    statement = _statement(authority, plan, public_phase, f"{key}-2026-00001", secret,
                           location=Point(centre.x, centre.y, srid=centre.srid),
                           moderation=ModerationState.APPROVED,
                           public_text="Öffentlicher Text ohne Marke.")
    twin = _statement(authority, plan, public_phase, f"{key}-2026-00002", secret,
                      text=statement.text, text_hash=statement.text_hash)
    split = _statement(authority, plan, public_phase, f"{key}-2026-00003", secret)
    agency_statement = _statement(authority, plan, agency_phase, f"{key}-2026-00004", secret,
                                  submitter_kind=SubmitterKind.AGENCY, agency=agency)
    group = StatementGroup.objects.create(authority=authority, plan=plan, kind="identical",
                                          title=f"{secret} Gruppe", text_hash=statement.text_hash)
    Statement.objects.filter(pk__in=[statement.pk, twin.pk]).update(group=group)
    section = sections.split_statement(statement=split, parts=[f"{secret} Teil 1",
                                                               f"{secret} Teil 2"])[0]
    InternalNote.objects.create(statement=statement, author=tenant.staff[Role.PLANNER],
                                text=f"{secret} interne Notiz")
    pending_cosignature = CoSignature.objects.create(statement=statement,
                                                     name=f"{secret} Mitzeichner",
                                                     email=f"mit-{key.lower()}@example.org")
    text_block = TextBlock.objects.create(authority=authority, title=f"{secret} Baustein",
                                          text=f"{secret} Begründung")
    export_job = ExportJob.objects.create(authority=authority, plan=plan, format="csv",
                                          variant="internal",
                                          requested_by=tenant.staff[Role.PLANNER])
    xplan_job = XPlanImportJob.objects.create(authority=authority, source_name=f"{secret}.gml",
                                              created_by=tenant.staff[Role.PLANNER])
    subject_request = create_request(authority=authority, kind="access",
                                     subject_name=f"{secret} Betroffene",
                                     subject_email=f"betroffen-{key.lower()}@example.org",
                                     received_on=today, user=tenant.staff[Role.ADMIN])
    _privacy_notices(authority, plan)
    staff_invitation = StaffInvitation.objects.create(
        authority=authority, email=f"eingeladen-{key.lower()}@example.org", role=Role.PLANNER,
        invited_by=tenant.staff[Role.ADMIN], expires_at=timezone.now() + timedelta(days=7))
    tenant.objects.update({
        "staff_invitation": staff_invitation,
        # A citizen's account: allauth's account pages under /konto/ are closed to staff.
        "citizen": make_user(f"buerger-{key.lower()}"),
        "planner_membership": tenant.staff[Role.PLANNER].memberships.first(),
        "subject_request": subject_request,
        "plan": plan, "public_phase": public_phase, "agency_phase": agency_phase,
        "document": document, "layer": layer, "agency": agency, "invitation": invitation,
        "statement": statement, "attachment": _attachment(statement),
        "agency_statement": agency_statement,
        "agency_attachment": _attachment(agency_statement), "group": group,
        "section": section, "pending_cosignature": pending_cosignature,
        "text_block": text_block, "export_job": export_job,
        "xplan_job": xplan_job, "membership": tenant.staff[Role.ADMIN].memberships.first(),
        "group_of_users": Group.objects.get_or_create(name="Gruppe")[0],
        **build_incidents(authority, key, secret, centre),
        **build_surveys(authority, key, secret),
        **(dialogue := build_dialogue(authority, title=f"Dialog {key}", secret=secret)),
        **build_block(dialogue, secret),
        **build_events(authority, key=key, secret=secret),
        **build_trails(authority, key, secret, centre),
        **build_live_voting(authority, key, secret),
    })
    assert Phase.objects.filter(procedure__plan=plan).count() == 2
    return tenant


def _privacy_notices(authority, plan) -> None:
    """The published privacy notices of the plan's procedure and of the incident reports
    (public texts: no secret marker)."""
    from dataprotection.notice import Scope, publish

    for scope in (Scope.of_procedure(plan.procedure),
                  Scope.of_module(authority, "incidents")):
        publish(scope, text_de=f"Datenschutzhinweis {scope.title}",
                text_en=f"Privacy notice {scope.title}", legal_basis="public_task")


def build_world() -> tuple[Tenant, Tenant]:
    return build_tenant("A", 800_000, "14612100"), build_tenant("B", 850_000, "14613100")
