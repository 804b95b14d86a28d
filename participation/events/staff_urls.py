from django.urls import path

from .views import staff

app_name = "events_staff"

urlpatterns = [
    path("", staff.event_list, name="list"),
    path("neu/", staff.create, name="create"),
    path("scanner-sw.js", staff.service_worker, name="service_worker"),
    path("<uuid:event_uid>/", staff.event, name="event"),
    path("<uuid:event_uid>/anmeldungen.csv", staff.export_csv, name="export"),
    path("<uuid:event_uid>/rundmail/", staff.broadcast, name="broadcast"),
    path("<uuid:event_uid>/einlass/", staff.scanner, name="scanner"),
    path("<uuid:event_uid>/einlass/tickets.json", staff.ticket_list, name="tickets"),
    path("<uuid:event_uid>/einlass/check-in/", staff.check_in_api, name="check_in"),
    path("<uuid:event_uid>/einlass/zahlen.json", staff.counts_api, name="counts"),
    path("<uuid:event_uid>/einlass/ticket/<int:ticket_id>/", staff.manual_check_in,
         name="manual"),
]
