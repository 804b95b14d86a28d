from django.urls import path

from .views import public

app_name = "dialogues"

urlpatterns = [
    path("<slug:authority_slug>/dialoge/", public.dialogue_list, name="list"),
    path("<slug:authority_slug>/dialoge/<uuid:dialogue_uid>/", public.detail, name="detail"),
    path("<slug:authority_slug>/dialoge/<uuid:dialogue_uid>/kommentare.geojson",
         public.comments_geojson, name="geojson"),
    path("<slug:authority_slug>/dialoge/<uuid:dialogue_uid>/zusammenfassung/", public.summary,
         name="summary"),
    path("<slug:authority_slug>/dialoge/kommentare/<uuid:comment_uid>/bewerten/",
         public.rate_comment, name="rate"),
    path("<slug:authority_slug>/dialoge/kommentare/<uuid:comment_uid>/melden/",
         public.flag_comment, name="flag"),
    path("<slug:authority_slug>/dialoge/kommentare/<uuid:comment_uid>/abbestellen/<str:token>/",
         public.unsubscribe, name="unsubscribe"),
]
