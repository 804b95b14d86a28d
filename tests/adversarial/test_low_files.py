"""Plan documents live under private/ and reach people only through views that check access."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planning.models import PlanDocument
from planning.services.documents import add_document
from portal.models import Role
from tests.factories import make_authority, make_plan, make_staff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% internal draft\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pdf(name="entwurf.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_documents_are_stored_under_private():
    plan = make_plan(make_authority(), published=False)
    document = add_document(plan=plan, kind="1010", title="Entwurf", upload=pdf(), is_public=False)
    assert document.file.name == (
        f"private/plans/{plan.authority_id}/{plan.uid}/documents/{document.uid}")


def test_a_non_public_document_only_reaches_staff_of_the_authority(client):
    town, other = make_authority(), make_authority()
    plan = make_plan(town, published=True)
    document = add_document(plan=plan, kind="1010", title="Intern", upload=pdf(), is_public=False)
    public_url = reverse("planning:document-download", kwargs={
        "authority_slug": town.slug, "plan_uid": plan.uid, "document_uid": document.uid})
    staff_url = reverse("planning_staff:document-download",
                        kwargs={"plan_uid": plan.uid, "document_uid": document.uid})
    assert client.get(public_url).status_code == 404
    client.force_login(make_staff(other, Role.ADMIN))
    assert client.get(staff_url).status_code == 404
    client.force_login(make_staff(town, Role.VIEWER))
    response = client.get(staff_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def _run_document_migration():
    module = importlib.import_module("planning.migrations.0008_plan_documents_private")
    module.forwards(apps, None)


def test_the_data_migration_moves_old_documents_and_can_run_again(client):
    town = make_authority()
    plan = make_plan(town, published=True)
    document = add_document(plan=plan, kind="1010", title="Begründung", upload=pdf())
    # A document as earlier releases stored it: outside private/.
    old_name = default_storage.save(f"plans/{plan.uid}/documents/{document.uid}", ContentFile(PDF))
    default_storage.delete(document.file.name)
    PlanDocument.objects.filter(pk=document.pk).update(file=old_name)
    lost = add_document(plan=plan, kind="1010", title="Verloren", upload=pdf())
    lost_old = f"plans/{plan.uid}/documents/{lost.uid}"
    default_storage.delete(lost.file.name)
    PlanDocument.objects.filter(pk=lost.pk).update(file=lost_old)

    _run_document_migration()
    _run_document_migration()

    document.refresh_from_db()
    assert document.file.name == (
        f"private/plans/{town.pk}/{plan.uid}/documents/{document.uid}")
    assert default_storage.exists(document.file.name)
    assert not default_storage.exists(old_name)
    lost.refresh_from_db()
    assert lost.file.name == ""  # no row points at a file that does not exist
    url = reverse("planning:document-download", kwargs={
        "authority_slug": town.slug, "plan_uid": plan.uid, "document_uid": document.uid})
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_the_data_migration_reuses_a_copy_left_by_an_interrupted_run():
    plan = make_plan(make_authority(), published=False)
    document = add_document(plan=plan, kind="1010", title="Entwurf", upload=pdf())
    target = document.file.name
    old_name = default_storage.save(f"plans/{plan.uid}/documents/{document.uid}", ContentFile(PDF))
    PlanDocument.objects.filter(pk=document.pk).update(file=old_name)  # copy exists, row is old

    _run_document_migration()

    document.refresh_from_db()
    assert document.file.name == target
    assert not default_storage.exists(old_name)
    folder = Path(default_storage.path(target)).parent
    assert [p.name for p in folder.iterdir()] == [str(document.uid)]  # no second copy
