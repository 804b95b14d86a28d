"""Move raster COGs stored outside private/ into private/ (idempotent, batched)."""

from django.db import migrations


def cog_name(layer) -> str:
    return f"private/layers/{layer.uid}/raster.tif"


def forwards(apps, schema_editor):
    from gis.private_files import move_to_private

    Layer = apps.get_model("portal_gis", "Layer")
    move_to_private(Layer.objects.all(), "cog_file", cog_name)


class Migration(migrations.Migration):

    dependencies = [
        ("portal_gis", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True),
    ]
