from django.urls import path

from .views import public

app_name = "events"

urlpatterns = [
    path("<slug:authority_slug>/veranstaltungen/", public.event_list, name="list"),
    path("<slug:authority_slug>/veranstaltungen/kalender.ics", public.calendar_feed,
         name="feed"),
    path("<slug:authority_slug>/veranstaltungen/<uuid:event_uid>/", public.detail,
         name="detail"),
    path("<slug:authority_slug>/veranstaltungen/<uuid:event_uid>/termin.ics",
         public.event_calendar, name="ics"),
    path("<slug:authority_slug>/veranstaltungen/<uuid:event_uid>/ort.geojson",
         public.place_geojson, name="place"),
    path("<slug:authority_slug>/veranstaltungen/anmeldung/<str:registration_key>/", public.registration,
         name="registration"),
    path("<slug:authority_slug>/veranstaltungen/anmeldung/<str:registration_key>/tickets.pdf",
         public.tickets_pdf, name="tickets_pdf"),
    path("<slug:authority_slug>/veranstaltungen/anmeldung/<str:registration_key>/ticket/<int:number>/",
         public.ticket, name="ticket"),
    path("<slug:authority_slug>/veranstaltungen/anmeldung/<str:registration_key>/ticket/"
         "<int:number>/abstimmen/", public.ticket_for_voting, name="ticket-for-voting"),
    path("<slug:authority_slug>/veranstaltungen/anmeldung/<str:registration_key>/abmelden/", public.cancel,
         name="cancel"),
]
