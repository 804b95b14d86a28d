"""Exports of the weighing table (namespace "weighing_export"), mounted at
/staff/abwaegung/export/ in config/urls.py before the portal's catch-all."""

from django.urls import path

from .views import exports_staff

app_name = "weighing_export"

urlpatterns = [
    path("plaene/<uuid:plan_uid>/", exports_staff.export_request, name="request"),
    path("<uuid:job_uid>/", exports_staff.job_detail, name="job"),
    path("<uuid:job_uid>/status/", exports_staff.job_status, name="job-status"),
    path("<uuid:job_uid>/datei/", exports_staff.download, name="download"),
]
