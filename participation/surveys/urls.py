from django.urls import path

from .views import public

app_name = "surveys"

urlpatterns = [
    path("<slug:authority_slug>/umfragen/<uuid:survey_uid>/", public.start, name="start"),
    path("<slug:authority_slug>/umfragen/<uuid:survey_uid>/antworten/<str:resume_key>/",
         public.answer, name="answer"),
    path("<slug:authority_slug>/umfragen/<uuid:survey_uid>/danke/", public.thanks,
         name="thanks"),
    path("<slug:authority_slug>/umfragen/<uuid:survey_uid>/ergebnisse/",
         public.published_results, name="results"),
    path("<slug:authority_slug>/umfragen/<uuid:survey_uid>/ergebnisse/karte.geojson",
         public.published_points, name="results-map"),
]
