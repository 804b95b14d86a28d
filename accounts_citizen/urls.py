"""/konto/...: django-allauth's pages (sign-up, sign-in, e-mail, password) and the citizen's
own pages. Every POST that an anonymous visitor can make is also limited by allauth's
ACCOUNT_RATE_LIMITS (config/settings/base.py)."""

from django.urls import include, path

from . import views

citizen_urlpatterns = [
    path("", views.contributions, name="contributions"),
    path("profil/", views.profile, name="profile"),
    path("benachrichtigungen/", views.notifications, name="notifications"),
    path("loeschen/", views.delete_account, name="delete"),
    path("beitraege/stellungnahme/<uuid:statement_uid>/eingangsbestaetigung.pdf",
         views.statement_receipt, name="statement-receipt"),
]

urlpatterns = [
    path("", include((citizen_urlpatterns, "accounts_citizen"))),
    path("", include("allauth.urls")),
]
