from django.urls import path

from .views import public

app_name = "livevoting"

# "abstimmen" is a reserved slug (portal/slugs.py): the short join address for phones.
urlpatterns = [
    path("abstimmen/", public.join, name="join"),
    path("abstimmen/<str:code>/", public.vote, name="vote"),
    path("abstimmen/<str:code>/status.json", public.status, name="status"),
    path("<slug:authority_slug>/live-abstimmungen/<uuid:session_uid>/", public.results_page,
         name="session"),
]
