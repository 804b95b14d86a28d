"""Stands for django.contrib.sessions' applied first migration (same name)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []
    operations = []
