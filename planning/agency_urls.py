"""Public agencies: the staff register and phase pages, and the agency's own page by token.

Mounted at the root before the portal's catch-all (config/urls.py); "toeb" is a reserved slug.
The personal link toeb/<token>/ only opens the session; the pages behind it live under the
token-free toeb/zugang/<invitation uid>/ (planning/agencies/link_session.py).
"""

from django.urls import path

from .views import agencies_staff as staff
from .views import agency_portal as portal

app_name = "planning_agencies"

PHASE = "staff/agencies/phases/<int:phase_pk>/"
ACCESS = "toeb/zugang/<uuid:invitation_uid>/"

urlpatterns = [
    path("staff/agencies/", staff.agency_list, name="list"),
    path("staff/agencies/new/", staff.agency_create, name="create"),
    path("staff/agencies/import/", staff.agency_import, name="import"),
    path("staff/agencies/<int:pk>/", staff.agency_edit, name="edit"),
    path(PHASE, staff.phase_agencies, name="phase"),
    path(PHASE + "propose/", staff.phase_propose, name="phase-propose"),
    path(PHASE + "add/", staff.phase_add, name="phase-add"),
    path(PHASE + "proposals/", staff.phase_proposals, name="phase-proposals"),
    path(PHASE + "invitations/<uuid:invitation_uid>/new-link/", staff.invitation_new_link,
         name="invitation-new-link"),
    path(PHASE + "statements/<uuid:statement_uid>/", staff.statement_detail,
         name="statement"),
    path(PHASE + "statements/<uuid:statement_uid>/attachments/<uuid:attachment_uid>/",
         staff.attachment_download, name="statement-attachment"),
    path(ACCESS, portal.agency_page, name="portal"),
    path(ACCESS + "no-concerns/", portal.no_concerns, name="portal-no-concerns"),
    path(ACCESS + "receipt/<uuid:statement_uid>/", portal.receipt, name="portal-receipt"),
    path(ACCESS + "receipt/<uuid:statement_uid>/pdf/", portal.receipt_pdf,
         name="portal-receipt-pdf"),
    path(ACCESS + "documents/<uuid:document_uid>/", portal.document_download,
         name="portal-document"),
    path(ACCESS + "geltungsbereich.geojson", portal.area_geojson, name="portal-area"),
    path("toeb/<str:token>/", portal.agency_link, name="link"),
]
