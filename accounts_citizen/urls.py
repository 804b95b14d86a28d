"""/konto/...: django-allauth's pages (sign-up, sign-in, e-mail, password) and the citizen's
own pages. Every POST that an anonymous visitor can make is also limited by allauth's
ACCOUNT_RATE_LIMITS (config/settings/base.py)."""

from django.urls import include, path

from . import organisation_views, views

citizen_urlpatterns = [
    path("", views.contributions, name="contributions"),
    path("profil/", views.profile, name="profile"),
    path("benachrichtigungen/", views.notifications, name="notifications"),
    path("loeschen/", views.delete_account, name="delete"),
    path("beitraege/stellungnahme/<uuid:statement_uid>/eingangsbestaetigung.pdf",
         views.statement_receipt, name="statement-receipt"),
    path("organisationen/", organisation_views.organisation_list, name="organisations"),
    path("organisationen/<int:pk>/", organisation_views.organisation_detail,
         name="organisation"),
    path("organisationen/<int:pk>/einladen/", organisation_views.organisation_invite,
         name="organisation-invite"),
    path("organisationen/<int:pk>/mitglied/", organisation_views.organisation_member,
         name="organisation-member"),
    path("organisationen/<int:pk>/behoerde/", organisation_views.organisation_link_agency,
         name="organisation-link-agency"),
    path("organisationen/beitreten/<str:token>/", organisation_views.organisation_join,
         name="organisation-join"),
]

urlpatterns = [
    path("", include((citizen_urlpatterns, "accounts_citizen"))),
    path("", include("allauth.urls")),
]
