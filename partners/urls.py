from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.partner, name="partner"),
    path("<int:pk>/import/", views.import_authorities, name="import"),
    path("<int:pk>/behoerde/", views.create_authority, name="create-authority"),
    path("<int:pk>/behoerde/<int:authority_pk>/admin/", views.appoint_authority_admin,
         name="appoint-authority-admin"),
    path("<int:pk>/admin/", views.appoint_partner_admin, name="appoint-partner-admin"),
]
