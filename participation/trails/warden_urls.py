from django.urls import path

from .views import warden

app_name = "trails_warden"

urlpatterns = [
    path("", warden.home, name="home"),
    path("sw.js", warden.service_worker, name="service-worker"),
    path("app.webmanifest", warden.manifest, name="manifest"),
    path("einladung/<str:token>/", warden.invitation, name="invitation"),
    path("<slug:authority_slug>/", warden.dashboard, name="dashboard"),
    path("<slug:authority_slug>/app/", warden.app, name="app"),
    path("<slug:authority_slug>/app/daten.json", warden.app_data, name="app-data"),
    path("<slug:authority_slug>/app/senden/", warden.submit, name="submit"),
    path("<slug:authority_slug>/begehung/", warden.inspection, name="inspection"),
    path("<slug:authority_slug>/meldungen/<str:reference>/", warden.report, name="report"),
    path("<slug:authority_slug>/wegweiser/<str:public_id>/", warden.signpost, name="signpost"),
]
