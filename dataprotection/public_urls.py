"""Public privacy notices: <authority-slug>/datenschutz/… (docs/dataprotection.md)."""

from django.urls import path

from .views import notices

app_name = "dataprotection_public"

urlpatterns = [
    path("<slug:authority_slug>/datenschutz/verfahren/<int:procedure_pk>/",
         notices.public_procedure_notice, name="procedure-notice"),
    path("<slug:authority_slug>/datenschutz/verfahren/<int:procedure_pk>/v<int:number>/",
         notices.public_procedure_notice, name="procedure-notice-version"),
    path("<slug:authority_slug>/datenschutz/modul/<slug:module>/",
         notices.public_module_notice, name="module-notice"),
    path("<slug:authority_slug>/datenschutz/modul/<slug:module>/v<int:number>/",
         notices.public_module_notice, name="module-notice-version"),
]
