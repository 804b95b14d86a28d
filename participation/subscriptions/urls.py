"""Subscriptions (/benachrichtigungen/…, a reserved slug) and the authority's Atom feed
(/<authority-slug>/aktuelles.atom); included in config/urls.py before the portal's catch-all."""

from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("benachrichtigungen/", views.subscribe, name="subscribe"),
    path("benachrichtigungen/gesendet/", views.sent, name="sent"),
    path("benachrichtigungen/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("benachrichtigungen/abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("benachrichtigungen/abgemeldet/", views.unsubscribed, name="unsubscribed"),
    path("benachrichtigungen/feed.atom", views.area_feed, name="area-feed"),
    path("<slug:authority_slug>/aktuelles.atom", views.authority_feed, name="authority-feed"),
]
