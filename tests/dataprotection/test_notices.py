"""Privacy notices per procedure: generated from what the procedure collects, published in
versions that never change, shown at the statement form and recorded with the statement;
public pages; tenancy."""

import time
import uuid
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from dataprotection import collection
from dataprotection.models import LegalBasis, NoticeAcceptance, NoticeVersion
from dataprotection.notice import Scope, accepted_version, generate, publish
from participation.surveys.models import Question, Survey
from planning.models import Statement, StatementSettings
from planning.models.participation_settings import IdentityMode
from planning.statements.forms import rendered_token
from portal.models import Phase, Procedure

from ..factories import make_authority, make_staff
from ..statements.conftest import phase, plan  # noqa: F401

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
DURING = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def during_the_phase():
    with time_machine.travel(DURING):
        yield


def en(scope, **kwargs) -> str:
    return generate(scope, language="en", **kwargs)


def named(phase_, identity=IdentityMode.NAMED, **fields):
    StatementSettings.objects.update_or_create(phase=phase_, defaults={"identity": identity,
                                                                       **fields})


def survey_procedure(authority, *, types=("single",), participation="anonymous"):
    procedure = Procedure.objects.create(authority=authority, kind="survey", title="Radwege")
    Phase.objects.create(procedure=procedure, kind="survey_open", start_date=date(2026, 9, 1),
                         end_date=date(2026, 9, 30))
    survey = Survey.objects.create(authority=authority, procedure=procedure, title="Radwege",
                                   participation=participation)
    for order, kind in enumerate(types, start=1):
        Question.objects.create(survey=survey, order=order, type=kind, text=f"Frage {order}",
                                options=["ja", "nein"] if kind == "single" else [])
    return procedure


def test_formal_notice_names_the_baugb_norm_identity_retention_and_dpo(plan, phase):  # noqa: F811
    authority = plan.authority
    authority.dpo_name, authority.dpo_email = "Dora Datenschutz", "dsb@musterstadt.example"
    authority.save()
    named(phase)
    text = en(Scope.of_procedure(plan.procedure))
    assert "Art. 6(1)(e) GDPR" in text and "§3 Abs. 2 BauGB" in text
    assert "Art. 6(1)(a)" not in text
    assert "Your name and postal address are required" in text
    assert "24 months after the last phase of the procedure ended" in text
    assert "Dora Datenschutz, dsb@musterstadt.example" in text
    assert "[MISSING" not in text
    assert "Art. 77 GDPR" in text and "Art. 15 GDPR" in text
    assert "attachments you upload" in text
    named(phase, IdentityMode.ANONYMOUS_ALLOWED)
    text = en(Scope.of_procedure(plan.procedure))
    assert "You may take part without giving your name." in text
    assert "Your name and postal address are required" not in text


def test_missing_dpo_is_marked_and_german_text_is_generated(plan, phase):  # noqa: F811
    text = en(Scope.of_procedure(plan.procedure))
    assert "[MISSING: enter the data protection officer" in text
    german = generate(Scope.of_procedure(plan.procedure), language="de")
    assert german != text and "Art. 6" in german


def test_voluntary_survey_asks_consent_and_an_anonymous_one_collects_no_personal_data(plan):  # noqa: F811
    anonymous = Scope.of_procedure(survey_procedure(plan.authority))
    text = en(anonymous)
    assert "Art. 6(1)(a) GDPR: your consent" in text
    assert "No personal data is collected" in text
    assert "Art. 6(1)(e)" not in text
    with_text = Scope.of_procedure(survey_procedure(plan.authority, types=("text",),
                                                    participation="account"))
    text = en(with_text)
    assert "No personal data is collected" not in text
    assert "citizen account" in text and "special categories" in text
    # As configured: the authority may choose the public task instead.
    assert "Art. 6(1)(e) GDPR" in en(anonymous, legal_basis=LegalBasis.PUBLIC_TASK)


def test_photos_are_named_only_where_the_module_takes_photos(plan, phase):  # noqa: F811
    plan.authority.enabled_modules = ["bauleitplanung", "incidents"]
    plan.authority.save()
    incidents = en(Scope.of_module(plan.authority, "incidents"))
    assert "Photos are re-encoded without their metadata" in incidents
    assert "Photos of incident reports: 6 months" in incidents
    assert "Photos are re-encoded" not in en(Scope.of_procedure(plan.procedure))


def test_a_module_registered_later_describes_its_procedures(plan, phase):  # noqa: F811
    def describe(authority, procedure):
        return collection.Collection(module_name="Events", purpose="Registration for events.",
                                     data=["name and e-mail of the guest"],
                                     flags={collection.PHOTOS})

    with collection.registered_temporarily("bauleitplanung", describe):
        text = en(Scope.of_procedure(plan.procedure))
    assert "Registration for events." in text and "Photos are re-encoded" in text
    assert "Registration for events." not in en(Scope.of_procedure(plan.procedure))


def notice_url(procedure):
    return reverse("dataprotection:procedure-notice", kwargs={"procedure_pk": procedure.pk})


def test_publishing_again_makes_a_new_version_and_the_old_one_stays(client, plan, phase):  # noqa: F811
    planner = make_staff(plan.authority, "planner", "notiz-planer")
    client.force_login(planner)
    page = client.get(notice_url(plan.procedure), **EN)
    assert page.status_code == 200
    generated = page.context["form"].initial
    assert "§3 Abs. 2 BauGB" in generated["text_en"] and generated["legal_basis"] == "public_task"
    response = client.post(notice_url(plan.procedure), {
        "action": "publish", "legal_basis": "public_task", "text_de": "Fassung eins.",
        "text_en": "Version one."})
    assert response.status_code == 302
    client.post(notice_url(plan.procedure), {
        "action": "publish", "legal_basis": "public_task", "text_de": "Fassung zwei.",
        "text_en": "Version two."})
    first, second = NoticeVersion.objects.filter(procedure=plan.procedure).order_by("number")
    assert (first.number, first.text_de, second.number, second.text_de) == (
        1, "Fassung eins.", 2, "Fassung zwei.")
    assert first.published_by == planner
    with pytest.raises(ValidationError):
        first.text_de = "überschrieben"
        first.save()
    assert NoticeVersion.objects.get(pk=first.pk).text_de == "Fassung eins."
    # Public pages: the current one, and the earlier one still readable.
    slug = plan.authority.slug
    current = client.get(reverse("dataprotection_public:procedure-notice", kwargs={
        "authority_slug": slug, "procedure_pk": plan.procedure.pk})).content.decode()
    assert "Fassung zwei." in current and "Fassung eins." not in current
    old = client.get(reverse("dataprotection_public:procedure-notice-version", kwargs={
        "authority_slug": slug, "procedure_pk": plan.procedure.pk, "number": 1}), **EN)
    assert "Version one." in old.content.decode()
    # Empty text: refused with a message, nothing published.
    refused = client.post(notice_url(plan.procedure), {
        "action": "publish", "legal_basis": "public_task", "text_de": "  ", "text_en": "x"},
        **EN)
    assert refused.status_code == 400 and "This field is required." in refused.content.decode()
    assert NoticeVersion.objects.filter(procedure=plan.procedure).count() == 2


def form_url(plan_):
    return reverse("planning:statement-form", args=[plan_.authority.slug, plan_.uid])


def payload(**overrides):
    key = uuid.uuid4()
    data = {"idempotency_key": str(key), "rendered": rendered_token(key, at=time.time() - 60),
            "website": "", "text": "Bitte den Bach offen lassen.", "anonymous": "yes",
            "email": "", "privacy_accepted": "on", "location": ""}
    data.update(overrides)
    return data


def test_statement_form_shows_the_notice_and_the_statement_stores_the_version(
        client, plan, phase):  # noqa: F811
    scope = Scope.of_procedure(plan.procedure)
    publish(scope, text_de="Hinweis eins.", text_en="Notice one.", legal_basis="public_task")
    version = publish(scope, text_de="Hinweis zwei für das Verfahren.",
                      text_en="Notice two for the procedure.", legal_basis="public_task")
    html = client.get(form_url(plan)).content.decode()
    at = html.index('id="privacy-notice"')
    assert "Hinweis zwei für das Verfahren." in html[at:] and "Hinweis eins." not in html
    assert html.index('name="privacy_accepted"') > at
    assert 'name="privacy_notice_version" value="2"' in html
    english = client.get(form_url(plan), **EN).content.decode()
    assert "Notice two for the procedure." in english and "(version 2 of" in english

    response = client.post(form_url(plan), payload(privacy_notice_version="2"))
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert accepted_version(statement) == version

    stale = client.post(form_url(plan), payload(privacy_notice_version="1", text="Zweiter."),
                        **EN)
    assert stale.status_code == 400
    assert "The data-protection notice was changed" in stale.content.decode()
    assert Statement.objects.count() == 1 and NoticeAcceptance.objects.count() == 1


def test_tenancy_other_authority_gets_404(client, plan, phase):  # noqa: F811
    other = make_authority(name="Nachbarort", slug="nachbarort", ags="14612999")
    outsider = make_staff(other, "admin", "nachbar-admin")
    viewer = make_staff(plan.authority, "viewer", "nur-lesen")
    for user in (outsider, viewer):
        client.force_login(user)
        for url in (notice_url(plan.procedure),
                    reverse("dataprotection:checklist", kwargs={"procedure_pk": plan.procedure.pk}),
                    reverse("dataprotection:module-notice", kwargs={
                        "authority_pk": plan.authority.pk, "module": "incidents"})):
            assert client.get(url).status_code == 404, (user, url)
            assert client.post(url, {"item": "notice", "action": "publish"}).status_code == 404
    publish(Scope.of_procedure(plan.procedure), text_de="a", text_en="b",
            legal_basis="public_task")
    foreign = reverse("dataprotection_public:procedure-notice", kwargs={
        "authority_slug": "nachbarort", "procedure_pk": plan.procedure.pk})
    assert client.get(foreign).status_code == 404
    for module in ("incidents", "bauleitplanung", "gibt-es-nicht"):  # off / has procedures
        assert client.get(reverse("dataprotection_public:module-notice", kwargs={
            "authority_slug": plan.authority.slug, "module": module})).status_code == 404
    client.force_login(make_staff(plan.authority, "admin", "eigene-admin"))
    assert client.get(reverse("dataprotection:module-notice", kwargs={
        "authority_pk": plan.authority.pk, "module": "bauleitplanung"})).status_code == 404
    assert client.get(notice_url(plan.procedure)).status_code == 200


def test_the_record_of_processing_describes_modules_from_the_registry(client, plan):  # noqa: F811
    from django.utils import translation

    from dataprotection.record import build_record

    plan.authority.enabled_modules = ["bauleitplanung", "incidents", "surveys"]
    plan.authority.save()
    with translation.override("en"):
        activities = {a.title: a for a in build_record(plan.authority).activities}
    incidents = activities["Incident reports (Ereignismelder)"]
    assert "photos you upload" in incidents.data
    assert "Art. 6(1)(e)" in incidents.legal_basis and "6 months" in incidents.retention
    assert "Art. 6(1)(a)" in activities["Surveys"].legal_basis
