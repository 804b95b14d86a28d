"""The database cache table (the rate-limit counters where no Redis is configured) is created by
`migrate` itself, so no deployment can forget `createcachetable` (anonymous writes fail closed
with 503 while the counters cannot be kept)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_local_address_index"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
