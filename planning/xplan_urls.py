"""XPlanGML upload, import jobs and downloads (namespace "xplan").

Included in config/urls.py before the portal's catch-all /<authority-slug>/.
"""

from django.urls import path

from .views import xplan

app_name = "xplan"

urlpatterns = [
    path("staff/xplan/", xplan.upload, name="upload"),
    path("staff/xplan/<uuid:job_uid>/", xplan.job_detail, name="job"),
    path("staff/xplan/<uuid:job_uid>/status/", xplan.job_status, name="job-status"),
    path("staff/xplan/plaene/<uuid:plan_uid>/xplan.<str:fmt>", xplan.staff_export,
         name="staff-export"),
    path("staff/xplan/plaene/<uuid:plan_uid>/export/", xplan.staff_export_check,
         name="staff-export-check"),
    path("<slug:authority_slug>/plaene/<uuid:plan_uid>/xplan.<str:fmt>", xplan.public_export,
         name="public-export"),
]
