"""Staff documents of a plan: upload with type and public flag, list, download, delete."""

import hashlib

import pytest
from django.urls import reverse

from planning.models import PlanDocument

from .test_staff_support import minimal_pdf, upload

pytest_plugins = ["tests.planning.test_staff_support"]
pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def add_url(plan):
    return reverse("planning_staff:document-add", kwargs={"plan_uid": plan.uid})


def post_document(client, plan, name="begruendung.pdf", content=None, **fields):
    data = {"document-kind": "1010", "document-title": "Begründung", "document-is_public": "on",
            "document-file": upload(name, minimal_pdf() if content is None else content)}
    data.update({f"document-{k}": v for k, v in fields.items()})
    return client.post(add_url(plan), data, **EN)


def test_upload_lists_size_and_checksum_and_downloads(client, planner, plan):
    client.force_login(planner)
    pdf = minimal_pdf()
    response = post_document(client, plan)
    assert response.status_code == 302 and response["Location"].endswith("#documents")
    document = PlanDocument.objects.get(plan=plan)
    assert (document.kind, document.title, document.is_public) == ("1010", "Begründung", True)
    assert document.size == len(pdf)
    assert document.sha256 == hashlib.sha256(pdf).hexdigest()
    page = client.get(reverse("planning_staff:plan-detail", kwargs={"plan_uid": plan.uid}), **EN)
    html = page.content.decode()
    assert document.sha256 in html and "Begründung" in html
    download = client.get(reverse("planning_staff:document-download",
                                  kwargs={"plan_uid": plan.uid, "document_uid": document.uid}))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf
    assert download["Content-Disposition"].startswith("attachment")


def test_non_public_document_is_not_on_the_public_page(client, planner, plan):
    client.force_login(planner)
    post_document(client, plan, title="Intern", **{"is_public": ""})
    document = PlanDocument.objects.get(plan=plan)
    assert document.is_public is False


def test_title_defaults_to_the_file_name(client, planner, plan):
    client.force_login(planner)
    post_document(client, plan, name="satzung.pdf", title="")
    assert PlanDocument.objects.get(plan=plan).title == "satzung.pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fake.pdf", b"<html>not a pdf</html>", "is not a real PDF file"),
        ("script.exe", b"MZ....", "are not accepted"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_bad_documents_are_refused_and_nothing_is_stored(client, planner, plan, name, content,
                                                         message):
    client.force_login(planner)
    response = post_document(client, plan, name=name, content=content)
    assert response.status_code == 200
    form = response.context["document_form"]
    assert message in " ".join(form.errors["file"])
    assert not PlanDocument.objects.exists()
    assert 'id="error-summary"' in response.content.decode()


def test_unknown_document_type_is_refused(client, planner, plan):
    client.force_login(planner)
    response = post_document(client, plan, kind="0000")
    assert "kind" in response.context["document_form"].errors
    assert not PlanDocument.objects.exists()


def test_delete_asks_first_and_then_deletes_record_and_file(
        client, planner, plan, django_capture_on_commit_callbacks):
    client.force_login(planner)
    post_document(client, plan)
    document = PlanDocument.objects.get(plan=plan)
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)
    url = reverse("planning_staff:document-delete",
                  kwargs={"plan_uid": plan.uid, "document_uid": document.uid})
    page = client.get(url)
    assert page.status_code == 200 and PlanDocument.objects.filter(pk=document.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not PlanDocument.objects.filter(pk=document.pk).exists()
    assert not storage.exists(name)
