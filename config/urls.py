from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from planning.views import public as planning_public
from portal.admin_shortcut import admin_shortcut
from portal.content_security import REPORT_PATH
from portal.throttling import CLIENT, posted, throttle
from portal.views.csp_report import csp_report
from portal.views.public_media import public_media_urlpatterns

handler400 = "portal.views.errors.bad_request"
handler500 = "portal.views.errors.server_error"

# Anonymous writes of django.contrib.auth and the admin, with the portal's rate limits (the
# login is also locked per user name + client by django-axes); before the includes they shadow.
throttled_auth = [
    path("admin/login/", throttle(("login-client", CLIENT))(admin.site.login),
         name="admin-login"),
    path("accounts/login/", throttle(("login-client", CLIENT))(auth_views.LoginView.as_view()),
         name="login"),
    path("accounts/password_reset/",
         throttle(("password-reset-client", CLIENT), ("password-reset-address", posted("email")))(
             auth_views.PasswordResetView.as_view()),
         name="password_reset"),
]

urlpatterns = [
    *throttled_auth,
    # Before the admin: its object shortcut, for superusers only and 404 on a bad id.
    path("admin/r/<str:content_type_id>/<path:object_id>/", admin_shortcut,
         name="admin-shortcut"),
    path("admin/", admin.site.urls),
    # The second factor of staff accounts (TOTP, recovery codes; docs/accounts.md).
    path("accounts/", include("portal.staff_account_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    # Citizens' accounts (django-allauth and accounts_citizen; docs/accounts.md).
    path("konto/", include("accounts_citizen.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path(REPORT_PATH.lstrip("/"), csp_report, name="csp-report"),
    path("api/", include("config.api_urls")),
    # OGC API Features for GIS clients (docs/ogcapi.md); "ogcapi" is a reserved slug.
    path("ogcapi/", include("planning.ogcapi.urls")),
    # Pages embedded in authorities' websites (docs/embedding.md); "einbetten" is reserved.
    path("einbetten/", include("portal.embedding.urls")),
    # Before the planning and portal includes: "staff/plaene/<uuid>/" would otherwise match the
    # public "<authority-slug>/plaene/<uuid>/".
    path("staff/plaene/", include("planning.staff_urls")),
    path("staff/stellungnahmen/", include("planning.statement_staff_urls")),
    path("staff/abwaegung/export/", include("planning.export_urls")),
    path("staff/abwaegung/", include("planning.workbench_urls")),
    # The DSGVO assistant (docs/dataprotection.md).
    path("staff/datenschutz/", include("dataprotection.urls")),
    path("staff/laender/", include("partners.urls")),
    # Public privacy notices: <authority-slug>/datenschutz/… (before the portal's catch-all).
    path("", include("dataprotection.public_urls")),
    # Weighing results: staff/abwaegung/ergebnis/<uuid>/... and the public
    # <authority-slug>/plaene/<uuid>/ergebnis/, before the portal's catch-all.
    path("", include("planning.results_urls")),
    # Public agencies: staff/agencies/... and the personal links toeb/<token>/ ("toeb" is a
    # reserved slug), before the portal's catch-all.
    path("", include("planning.agency_urls")),
    # XPlanGML upload and jobs (staff/xplan/...) and downloads (<slug>/plaene/<uuid>/xplan.gml).
    path("", include("planning.xplan_urls")),
    path("", include("gis.urls")),
    # Incident reports: staff inbox, Open311 and the public pages under <authority-slug>/meldungen/.
    path("staff/meldungen/", include("participation.incidents.staff_urls")),
    path("staff/umfragen/", include("participation.surveys.staff_urls")),
    path("open311/", include("participation.incidents.open311_urls")),
    path("", include("participation.incidents.urls")),
    path("", include("participation.surveys.urls")),
    # Geo-subscriptions and Atom feeds: benachrichtigungen/… ("benachrichtigungen" is a
    # reserved slug) and <authority-slug>/aktuelles.atom (docs/subscriptions.md).
    path("", include("participation.subscriptions.urls")),
    path("staff/dialoge/", include("participation.dialogues.staff_urls")),
    path("", include("participation.dialogues.urls")),
    path("staff/veranstaltungen/", include("participation.events.staff_urls")),
    path("", include("participation.events.urls")),
    # Trails and signposts: staff/wege/..., the QR short URLs ww/<ID>/ ("ww" is a reserved
    # slug) and the public <authority-slug>/wege/.
    path("staff/wege/", include("participation.trails.staff_urls")),
    # Trail wardens and their offline report app: wegewart/... (a reserved slug).
    path("wegewart/", include("participation.trails.warden_urls")),
    path("", include("participation.trails.urls")),
    # Live voting: staff/live-abstimmungen/..., the join pages abstimmen/... ("abstimmen" is a
    # reserved slug) and the public <authority-slug>/live-abstimmungen/<uuid>/.
    path("staff/live-abstimmungen/", include("participation.livevoting.staff_urls")),
    path("", include("participation.livevoting.urls")),
]

if settings.DEBUG:
    # Development only, and never the private uploads (statements, exports, source files):
    # those are served by views that check the user's authority. The path is judged after
    # decoding and normalising (portal/views/public_media.py).
    urlpatterns += public_media_urlpatterns()

# The portal comes last: its catch-all is /<authority-slug>/.
urlpatterns += [
    path("", planning_public.state_portal, name="home"),
    path("", include("planning.urls")),
    path("", include("portal.urls")),
]
