"""Staff pages of the DSGVO assistant, mounted at /staff/datenschutz/ (authority admins)."""

from django.urls import path

from .views import index, notices, record, requests, retention

app_name = "dataprotection"

urlpatterns = [
    path("", index.index, name="index"),
    path("suche/", requests.search, name="search"),
    path("<int:authority_pk>/anfragen/", requests.request_list, name="requests"),
    path("anfragen/<uuid:request_uid>/", requests.request_detail, name="request-detail"),
    path("anfragen/<uuid:request_uid>/auskunft.json", requests.request_export_json,
         name="request-export-json"),
    path("anfragen/<uuid:request_uid>/auskunft.pdf", requests.request_export_pdf,
         name="request-export-pdf"),
    path("anfragen/<uuid:request_uid>/abschliessen/", requests.request_complete,
         name="request-complete"),
    path("<int:authority_pk>/verzeichnis/", record.record_page, name="record"),
    path("<int:authority_pk>/verzeichnis.pdf", record.record_pdf, name="record-pdf"),
    path("<int:authority_pk>/verzeichnis.odt", record.record_odt, name="record-odt"),
    path("<int:authority_pk>/aufbewahrung/", retention.retention_rules, name="retention"),
    path("<int:authority_pk>/zugriffe/", retention.access_log, name="access-log"),
    path("verfahren/<int:procedure_pk>/hinweis/", notices.procedure_notice,
         name="procedure-notice"),
    path("verfahren/<int:procedure_pk>/checkliste/", notices.procedure_checklist,
         name="checklist"),
    path("<int:authority_pk>/hinweis/<slug:module>/", notices.module_notice,
         name="module-notice"),
]
