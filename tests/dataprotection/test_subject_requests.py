"""Data-subject requests through HTTP: the register with its deadline, search, export (JSON,
tagged PDF), erasure with the exceptions shown; afterwards the person is on no page, API,
export or letter, while the statement text stays in the weighing."""

import io
from datetime import date

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from dataprotection.models import AccessLogEntry, DataSubjectRequest
from planning.exports.formats import write_export
from planning.exports.rows import ExportScope
from planning.models import CoSignature, Statement, StatementAttachment
from planning.results.letters import render_letters
from planning.results.release import release_results

from ..factories import make_authority, make_staff, square
from ..results.conftest import after_phase, decide_everything  # noqa: F401
from ..tagged_pdf import tagged_pdf_problems
from .conftest import attach

pytestmark = pytest.mark.django_db

PERSON = ("Anna Amsel", "Amselgasse", "anna@example.org")


@pytest.fixture
def person(world):
    """Anna Amsel: a letter-only statement with an attachment (ended procedure), a statement
    with her e-mail in the running procedure, and a co-signature."""
    plan, phase, s = world
    running = s["running"]
    Statement.objects.filter(pk=running.pk).update(
        name="Anna Amsel", email="anna@example.org", street="Amselgasse 1", postcode="01099",
        city="Dresden", location=Point(823_000, 5_655_000, srid=25832))
    attach(running, "skizze.pdf", b"%PDF Skizze")
    CoSignature.objects.create(statement=s["mail"], name="Anna Amsel", email="anna@example.org",
                               postcode="01099")
    return plan, phase, s


def _text_of_pdf(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _leaks(text: str) -> list[str]:
    return [value for value in PERSON if value.casefold() in text.casefold()]


def _outputs(client, plan, s, tmp_path) -> dict[str, str]:
    """Every output that could show the person: staff pages, APIs, exports, letters."""
    outputs = {}
    for name, url in {
        "statement list": reverse("planning_statements_staff:list"),
        "statement csv": reverse("planning_statements_staff:export"),
        "statement page": reverse("planning_statements_staff:detail",
                                  kwargs={"statement_uid": s["letter_a"].uid}),
        "running statement page": reverse("planning_statements_staff:detail",
                                          kwargs={"statement_uid": s["running"].uid}),
        "weighing page": reverse("planning_workbench:statement",
                                 kwargs={"statement_uid": s["letter_a"].uid}),
        "cosigned weighing page": reverse("planning_workbench:statement",
                                          kwargs={"statement_uid": s["mail"].uid}),
        "staff api": reverse("api:staff-statement-list"),
        "staff api detail": reverse("api:staff-statement-detail",
                                    kwargs={"uid": s["letter_a"].uid}),
        "results api": reverse("api:plan-results", kwargs={"uid": plan.uid}),
        "public statements api": reverse("api:statement-list"),
        "result status": reverse("planning_results:staff", kwargs={"plan_uid": plan.uid}),
        "requests register": reverse("dataprotection:requests",
                                     kwargs={"authority_pk": plan.authority_id}),
        "public result page": reverse("planning_results:public", kwargs={
            "authority_slug": plan.authority.slug, "plan_uid": plan.uid}),
        "public plan page": reverse("planning:plan-detail", kwargs={
            "authority_slug": plan.authority.slug, "plan_uid": plan.uid}),
    }.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        outputs[name] = b"".join(response.streaming_content).decode() \
            if response.streaming else response.content.decode()
    outputs["letters"] = _text_of_pdf(render_letters(plan))
    for fmt in ("csv", "pdf"):
        path = tmp_path / f"internal.{fmt}"
        with translation.override("de"):
            write_export(scope=ExportScope(authority=plan.authority, plan=plan, phase=None),
                         fmt=fmt, variant="internal", path=path)
        outputs[f"weighing table {fmt}"] = (
            _text_of_pdf(path.read_bytes()) if fmt == "pdf" else path.read_text("utf-8-sig"))
    return outputs


def _create(client, town, **fields):
    data = {"kind": "erasure", "subject_name": "Anna Amsel", "subject_email": "anna@example.org",
            "received_on": "2026-10-31"} | fields
    response = client.post(reverse("dataprotection:requests", kwargs={"authority_pk": town.pk}),
                           data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return DataSubjectRequest.objects.latest("pk")


def test_erasure_removes_the_person_from_every_output(client, person, town, admin, after_phase,  # noqa: F811
                                                      tmp_path):
    plan, _phase, s = person
    decide_everything(plan)
    release_results(plan=plan)
    client.force_login(admin)
    before = _outputs(client, plan, s, tmp_path)
    assert _leaks(before["letters"]) and _leaks(before["weighing table csv"])
    assert _leaks(before["statement page"])

    subject_request = _create(client, town)
    assert subject_request.deadline == date(2026, 11, 30)
    detail = client.get(reverse("dataprotection:request-detail",
                                kwargs={"request_uid": subject_request.uid}))
    page = detail.content.decode()
    assert "ST-2026-00004" in page and "ST-2026-00100" in page
    assert "The procedure is still running" in page or "Das Verfahren läuft noch" in page

    exported = client.get(reverse("dataprotection:request-export-json",
                                  kwargs={"request_uid": subject_request.uid})).json()
    assert {st["reference"] for st in exported["statements"]} == {"ST-2026-00004",
                                                                 "ST-2026-00100"}
    assert exported["cosignatures"][0]["email"] == "anna@example.org"
    pdf = client.get(reverse("dataprotection:request-export-pdf",
                             kwargs={"request_uid": subject_request.uid})).content
    assert tagged_pdf_problems(pdf) == []
    assert "Amselgasse 1" in _text_of_pdf(pdf) and "Bitte den Hang" in _text_of_pdf(pdf)

    complete = reverse("dataprotection:request-complete",
                       kwargs={"request_uid": subject_request.uid})
    client.post(complete, {})  # no confirmation: nothing happens
    assert Statement.objects.get(pk=s["letter_a"].pk).name == "Anna Amsel"
    response = client.post(complete, {"confirm": "erase"})
    assert response.status_code == 302

    subject_request.refresh_from_db()
    assert subject_request.completed_at and not subject_request.subject_name \
        and not subject_request.subject_email
    after = _outputs(client, plan, s, tmp_path)
    leaks = {name: _leaks(text) for name, text in after.items() if _leaks(text)}
    assert leaks == {}
    detail = client.get(reverse("dataprotection:request-detail",
                                kwargs={"request_uid": subject_request.uid})).content.decode()
    assert not _leaks(detail)
    # The statement text stays in the weighing (anonymised) and the running one's attachment
    # stays (shown as an exception); the ended one's attachment is gone.
    assert "Anregung ST-2026-00004" in after["weighing table csv"]
    assert "Bitte den Hang nicht bebauen." in after["running statement page"]
    assert list(StatementAttachment.objects.filter(statement__in=[s["letter_a"], s["running"]])
                .values_list("file_name", flat=True)) == ["skizze.pdf"]
    assert CoSignature.objects.filter(statement=s["mail"]).count() == 1
    assert AccessLogEntry.objects.filter(what="subject-export").count() == 2


def test_access_request_is_completed_and_stays_in_the_register(client, person, town, admin):
    client.force_login(admin)
    subject_request = _create(client, town, kind="access", subject_name="",
                              received_on="2026-01-31")
    assert subject_request.deadline == date(2026, 2, 28)
    complete = reverse("dataprotection:request-complete",
                       kwargs={"request_uid": subject_request.uid})
    client.post(complete, {"confirm": "done", "outcome": "Per Post versandt."})
    subject_request.refresh_from_db()
    assert subject_request.completed_at and subject_request.subject_email == "anna@example.org"
    assert Statement.objects.filter(email="anna@example.org").count() == 1


def test_request_needs_a_name_or_email(client, person, town, admin):
    client.force_login(admin)
    with translation.override("de"):
        response = client.post(
            reverse("dataprotection:requests", kwargs={"authority_pk": town.pk}),
            {"kind": "erasure", "received_on": "2026-10-31"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert not DataSubjectRequest.objects.exists()


def test_search_across_administered_authorities(client, person, admin):
    client.force_login(admin)
    response = client.get(reverse("dataprotection:search"), {"email": "ANNA@example.org"})
    page = response.content.decode()
    assert "ST-2026-00100" in page and "ST-2026-00004" not in page  # e-mail: exact match
    response = client.get(reverse("dataprotection:search"), {"name": "anna amsel"})
    assert "ST-2026-00004" in response.content.decode()


def test_only_admins_of_the_authority(client, person, town, admin):
    subject_request = _create_direct(town, admin)
    other = make_authority(name="Andersdorf", slug="andersdorf", ags="14612999",
                           jurisdiction=square(900_000, 5_650_000, 1000))
    urls = [reverse("dataprotection:requests", kwargs={"authority_pk": town.pk}),
            reverse("dataprotection:request-detail", kwargs={"request_uid": subject_request.uid}),
            reverse("dataprotection:request-export-json",
                    kwargs={"request_uid": subject_request.uid}),
            reverse("dataprotection:record", kwargs={"authority_pk": town.pk}),
            reverse("dataprotection:retention", kwargs={"authority_pk": town.pk}),
            reverse("dataprotection:access-log", kwargs={"authority_pk": town.pk})]
    for user in (make_staff(town, "planner", "p"), make_staff(other, "admin", "fremd")):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, url
        assert client.get(reverse("dataprotection:search"), {"name": "Anna Amsel"}) \
            .status_code in (200, 404)
        assert "ST-2026" not in client.get(reverse("dataprotection:search"),
                                           {"name": "Anna Amsel"}).content.decode()
    client.force_login(admin)
    for url in urls:
        assert client.get(url).status_code == 200, url


def _create_direct(town, admin):
    from dataprotection.register import create_request

    return create_request(authority=town, kind="access", subject_name="Anna Amsel",
                          subject_email="", received_on=date(2026, 11, 2), user=admin)


@pytest.mark.parametrize("received_on", ["9999-12-31", "1970-01-01"])
def test_impossible_dates_of_receipt_are_refused(client, person, town, admin, received_on):
    client.force_login(admin)
    response = client.post(reverse("dataprotection:requests", kwargs={"authority_pk": town.pk}),
                           {"kind": "access", "subject_name": "Anna Amsel",
                            "received_on": received_on})
    assert response.status_code == 200
    assert not DataSubjectRequest.objects.exists()


def test_statements_of_a_citizen_account_are_found_by_its_email(client, person, admin):
    from accounts_citizen.models import Contribution

    from ..factories import make_user

    _plan, _phase, s = person
    citizen = make_user("carl.konto")  # carl.konto@example.org
    Contribution.objects.create(user=citizen, kind="statement", object_uid=s["letter_c"].uid)
    client.force_login(admin)
    page = client.get(reverse("dataprotection:search"),
                      {"email": "Carl.Konto@example.org"}).content.decode()
    assert "ST-2026-00005" in page and "ST-2026-00004" not in page


def test_subscriptions_to_the_authority_are_exported_and_deleted(client, person, town, admin):
    from participation.subscriptions.models import Subscription
    from participation.subscriptions.services import subscribe

    from ..factories import square as area_square

    subscribe(email="anna@example.org", area=area_square(820_000, 5_655_000, 300),
              area_label="Mühlbachwiesen", topics=[], frequency="immediate", language="de",
              site_url="https://portal.example.org", authority=town)
    subscribe(email="anna@example.org", area=area_square(820_000, 5_655_000, 300),
              area_label="Ganz Sachsen", topics=[], frequency="immediate", language="de",
              site_url="https://portal.example.org")  # statewide: no authority's
    subject_request = _create_direct(town, admin)
    DataSubjectRequest.objects.filter(pk=subject_request.pk).update(
        kind="erasure", subject_email="anna@example.org")
    client.force_login(admin)
    exported = client.get(reverse("dataprotection:request-export-json",
                                  kwargs={"request_uid": subject_request.uid})).json()
    assert [sub["area"] for sub in exported["subscriptions"]] == ["Mühlbachwiesen"]
    client.post(reverse("dataprotection:request-complete",
                        kwargs={"request_uid": subject_request.uid}), {"confirm": "erase"})
    assert list(Subscription.objects.values_list("area_label", flat=True)) == ["Ganz Sachsen"]
