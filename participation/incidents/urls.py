from django.urls import path

from .views import public

app_name = "incidents"

urlpatterns = [
    path("meldungen/", public.where, name="where"),
    path("<slug:authority_slug>/meldungen/", public.report_list, name="list"),
    path("<slug:authority_slug>/meldungen/neu/", public.report_form, name="form"),
    path("<slug:authority_slug>/meldungen/eingang/<uuid:report_uid>/", public.receipt,
         name="receipt"),
    path("<slug:authority_slug>/meldungen/in-der-naehe/", public.nearby, name="nearby"),
    path("<slug:authority_slug>/meldungen/<str:reference>/unterstuetzen/", public.support,
         name="support"),
    path("<slug:authority_slug>/meldungen/<str:reference>/", public.report_detail,
         name="detail"),
    path("<slug:authority_slug>/meldungen/<str:reference>/fotos/<uuid:photo_uid>.jpg",
         public.report_photo, name="photo"),
]
