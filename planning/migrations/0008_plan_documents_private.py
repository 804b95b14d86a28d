"""Move plan documents stored outside private/ into private/ (idempotent, batched)."""

from django.db import migrations


def document_name(document) -> str:
    plan = document.plan
    return f"private/plans/{plan.authority_id}/{plan.uid}/documents/{document.uid}"


def forwards(apps, schema_editor):
    from gis.private_files import move_to_private

    PlanDocument = apps.get_model("planning", "PlanDocument")
    move_to_private(PlanDocument.objects.select_related("plan"), "file", document_name)


class Migration(migrations.Migration):

    dependencies = [
        ("planning", "0007_cosignature_confirmation_and_receipt_limit"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True),
    ]
