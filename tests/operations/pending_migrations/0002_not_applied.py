"""A migration the database has not seen: the deploy ran before `migrate`."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("sessions", "0001_initial")]
    operations = []
