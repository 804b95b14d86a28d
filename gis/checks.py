"""Start-up check: every geometry column uses the one storage SRID."""

from django.apps import apps
from django.conf import settings
from django.contrib.gis.db.models import GeometryField
from django.core.checks import Error, Tags, register

from .srid import ACCEPTED_STORAGE_SRIDS


@register(Tags.models)
def check_storage_srid(app_configs=None, **kwargs):
    errors = []
    srid = settings.PORTAL_STORAGE_SRID
    if srid not in ACCEPTED_STORAGE_SRIDS:
        errors.append(
            Error(
                f"PORTAL_STORAGE_SRID={srid} is not a supported metric storage SRID.",
                hint=f"Use one of {sorted(ACCEPTED_STORAGE_SRIDS)}.",
                id="portal_gis.E001",
            )
        )
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, GeometryField) and field.srid != srid:
                errors.append(
                    Error(
                        f"{model._meta.label}.{field.name} uses SRID {field.srid}, "
                        f"the storage SRID is {srid}.",
                        hint="Geometry fields must use srid=settings.PORTAL_STORAGE_SRID.",
                        obj=model,
                        id="portal_gis.E002",
                    )
                )
    return errors


@register(Tags.database)
def check_database_srid(app_configs=None, databases=None, **kwargs):
    """With --database: the geometry columns in the database use the storage SRID too."""
    from django.db import DatabaseError, connections

    errors = []
    srid = settings.PORTAL_STORAGE_SRID
    # Only our own tables: SpatiaLite keeps metadata tables (iso_metadata, ...) in WGS84.
    own_tables = {
        model._meta.db_table.lower()
        for model in apps.get_models()
        if any(isinstance(f, GeometryField) for f in model._meta.get_fields())
    }
    for alias in databases or []:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT f_table_name, f_geometry_column, srid FROM geometry_columns")
                rows = cursor.fetchall()
        except DatabaseError:
            continue  # not initialised yet (before the first migration)
        for table, column, column_srid in rows:
            if table.lower() in own_tables and column_srid != srid:
                errors.append(
                    Error(
                        f"Column {table}.{column} in database '{alias}' has SRID {column_srid}, "
                        f"PORTAL_STORAGE_SRID is {srid}.",
                        hint="The storage SRID cannot change after the first migration.",
                        id="portal_gis.E003",
                    )
                )
    return errors
