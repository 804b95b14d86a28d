from django.urls import path

from .embedding import staff as embed_staff
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
    path(
        "staff/authorities/<int:pk>/einbetten/",
        embed_staff.embed_snippets,
        name="staff-authority-embed",
    ),
    # Last: the first path segment is an authority's address (see slugs.RESERVED_SLUGS).
    path("<slug:authority_slug>/", public.authority_home, name="authority-home"),
]
