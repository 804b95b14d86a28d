# XPlanGML import jobs and the XPlanung record of imported plans (planning/xplan_import).
# No geometry columns, so no storage-SRID handling is needed here.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import planning.models.xplan_import_job


class Migration(migrations.Migration):

    dependencies = [
        ('planning', '0002_statements_and_agencies'),
        ('portal', '0002_procedure_phase'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='XPlanImportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('upload', models.FileField(blank=True, upload_to=planning.models.xplan_import_job.xplan_upload_path, verbose_name='uploaded file')),
                ('source_name', models.CharField(max_length=255, verbose_name='file name')),
                ('size', models.BigIntegerField(default=0, verbose_name='size in bytes')),
                ('status', models.CharField(choices=[('queued', 'queued'), ('running', 'running'), ('done', 'done'), ('failed', 'failed')], default='queued', max_length=10, verbose_name='status')),
                ('report', models.JSONField(blank=True, default=dict, verbose_name='import report')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                ('authority', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='xplan_import_jobs', to='portal.authority', verbose_name='authority')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'XPlanGML import',
                'verbose_name_plural': 'XPlanGML imports',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='XPlanRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source_name', models.CharField(blank=True, max_length=255, verbose_name='file name')),
                ('xplan_version', models.CharField(blank=True, max_length=10, verbose_name='XPlanung version')),
                ('source_srid', models.IntegerField(blank=True, null=True, verbose_name='source CRS (EPSG)')),
                ('data', models.JSONField(blank=True, default=dict, verbose_name='XPlanung data')),
                ('imported_at', models.DateTimeField(auto_now_add=True, verbose_name='imported')),
                ('imported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='imported by')),
                ('job', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='records', to='planning.xplanimportjob', verbose_name='import')),
                ('plan', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='xplan_record', to='planning.plan', verbose_name='plan')),
            ],
            options={
                'verbose_name': 'XPlanung record',
                'verbose_name_plural': 'XPlanung records',
            },
        ),
    ]
