from django.urls import path

from .views import public

app_name = "trails"

urlpatterns = [
    # "ww" is a reserved slug: the short URL printed on the signposts' QR labels.
    path("ww/<str:public_id>/", public.short, name="short"),
    path("<slug:authority_slug>/wege/", public.trail_list, name="list"),
    path("<slug:authority_slug>/wege/wege.geojson", public.trails_geojson, name="geojson"),
    path("<slug:authority_slug>/wege/<int:trail_pk>/", public.trail_detail, name="detail"),
    path("<slug:authority_slug>/wege/<int:trail_pk>/verlauf.geojson", public.trail_geojson,
         name="trail-geojson"),
]
