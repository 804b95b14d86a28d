from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from planning.views import public as planning_public

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("config.api_urls")),
    # Before the planning and portal includes: "staff/plaene/<uuid>/" would otherwise match the
    # public "<authority-slug>/plaene/<uuid>/".
    path("staff/plaene/", include("planning.staff_urls")),
    path("staff/abwaegung/", include("planning.workbench_urls")),
    path("", include("gis.urls")),
]

if settings.DEBUG:
    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# The portal comes last: its catch-all is /<authority-slug>/.
urlpatterns += [
    path("", planning_public.state_portal, name="home"),
    path("", include("planning.urls")),
    path("", include("portal.urls")),
]
