from django.urls import path

from .views import procedures, public, staff

app_name = "portal"

urlpatterns = [
    path("behoerden/", public.authority_directory, name="authority-directory"),
    path("staff/", staff.staff_home, name="staff-home"),
    path("staff/authorities/<int:pk>/", staff.authority_detail, name="staff-authority"),
    path(
        "staff/authorities/<int:pk>/settings/",
        staff.authority_settings,
        name="staff-authority-settings",
    ),
    # The one overview of all procedures ("verfahren" is a reserved slug).
    path("verfahren/", procedures.procedure_overview, name="procedure-overview"),
    path("<slug:authority_slug>/verfahren/", procedures.procedure_overview,
         name="authority-procedure-overview"),
    # Last: the first path segment is an authority's address (see slugs.RESERVED_SLUGS).
    path("<slug:authority_slug>/", public.authority_home, name="authority-home"),
]
