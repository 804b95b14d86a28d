"""Settings shared by every environment; everything that differs comes from the environment.

Variables follow django-environ's conventions (DATABASE_URL, EMAIL_URL, ...). See README.md.
"""

import ipaddress
from datetime import timedelta
from pathlib import Path

import environ

from gis.gdal_environment import harden_gdal_environment
from portal.content_security import portal_policy
from portal.operations.logs import logging_config
from portal.operations.replicas import replica_databases

# GDAL reads some options only when its drivers are registered: set them before anything
# loads libgdal (see docs/security.md).
harden_gdal_environment()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "csp",
    "rest_framework",
    "rest_framework_gis",
    "drf_spectacular",
    "django_filters",
    "leaflet",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    # Second factor (TOTP and recovery codes): required for staff, optional for citizens
    # (docs/accounts.md "Staff accounts").
    "allauth.mfa",
    "gis.apps.GisConfig",
    "portal.apps.PortalConfig",
    "planning.apps.PlanningConfig",
    "participation.apps.ParticipationConfig",
    "dataprotection.apps.DataProtectionConfig",
    "participation.incidents.apps.IncidentsConfig",
    "participation.surveys.apps.SurveysConfig",
    "participation.subscriptions.apps.SubscriptionsConfig",
    "participation.dialogues.apps.DialoguesConfig",
    "participation.events.apps.EventsConfig",
    "participation.trails.apps.TrailsConfig",
    "participation.livevoting.apps.LiveVotingConfig",
    "fixtures.apps.DemoFixturesConfig",
    "accounts_citizen.apps.CitizenAccountsConfig",
    "partners.apps.PartnersConfig",
]

MIDDLEWARE = [
    # Outermost: request id, request log and metrics; answers /health/… itself, before
    # sessions, CSRF and rate limits (portal/operations/, docs/deploy.md "Health and metrics").
    "portal.operations.middleware.OperationsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Kept public layer tiles, answered before sessions, CSRF and the database
    # (gis/tiles/server_cache.py).
    "gis.tiles.middleware.TileCacheMiddleware",
    # Response headers of docs/security.md "Headers": CSP, Permissions-Policy, no-store.
    "portal.middleware.content_security.PortalCSPMiddleware",
    "portal.middleware.permissions_policy.PermissionsPolicyMiddleware",
    "portal.form_encoding.FormEncodingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF: CsrfViewMiddleware.process_view reads the body of a POST.
    "portal.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.personal_data.PersonalDataNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions: the second factor before anything else, and the idle timeout
    # (portal/staff_session.py, docs/accounts.md "Staff accounts").
    "portal.middleware.staff_session.StaffSessionMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Citizen accounts (django-allauth, accounts_citizen/, docs/accounts.md).
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A database that is gone: 503 with Retry-After instead of 500 (docs/deploy.md).
    "portal.middleware.database_unavailable.DatabaseUnavailableMiddleware",
    # Innermost: sees the "no URL matched" answer Django produces under DEBUG.
    "portal.middleware.debug_not_found.PortalNotFoundInDebugMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses every login attempt of a locked-out username + client (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Citizens sign in with their e-mail address under /konto/ (docs/accounts.md).
    "allauth.account.auth_backends.AuthenticationBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
                "accounts_citizen.context_processors.citizen",
            ],
        },
    },
]

# Databases: the embedded default is one SpatiaLite file under var/.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default="spatialite:///var/portal.sqlite3"),
}
_db = DATABASES["default"]
if _db["ENGINE"].endswith("spatialite") and not Path(_db["NAME"]).is_absolute():
    _db["NAME"] = str(BASE_DIR / _db["NAME"])
# Persistent connections: a connection is kept for DATABASE_CONN_MAX_AGE seconds (0: one per
# request, the development default; production keeps them 600 s) and checked before each request
# reuses it, so one dropped by a database restart is replaced instead of failing the request
# (docs/performance.md, "Database connections").
_db.setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
_db.setdefault("CONN_HEALTH_CHECKS", True)
# PostgreSQL settings of the portal's sessions (docs/performance.md, "JIT" and "Parallel
# query"): JIT compiles plans whose estimated cost is high, which for the portal's short queries
# (tiles, GeoJSON, forms) costs more than it saves (DATABASE_JIT=on gives it back); parallel
# plans chosen for tile queries of large layers were 3–30 times slower than the index scan
# (DATABASE_PARALLEL_WORKERS, e.g. 2 for a task worker's exports, allows them again).
if _db["ENGINE"].endswith("postgis"):
    _session = []
    if not env.bool("DATABASE_JIT", default=False):
        _session.append("-c jit=off")
    _session.append("-c max_parallel_workers_per_gather="
                    f"{env.int('DATABASE_PARALLEL_WORKERS', default=0)}")
    _db.setdefault("OPTIONS", {})
    _db["OPTIONS"].setdefault("options", " ".join(_session))
    # Behind PgBouncer in transaction mode (docs/deploy.md "PgBouncer"): no server-side cursors,
    # they do not survive the end of a transaction there.
    _db.setdefault("DISABLE_SERVER_SIDE_CURSORS",
                   env.bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", default=False))
if _db["ENGINE"].endswith("spatialite"):
    # Concurrent writers queue for the write lock instead of failing with "database is locked":
    # every transaction takes the lock at BEGIN (IMMEDIATE: no read-to-write upgrade that SQLite
    # refuses at once), a waiting writer waits up to SQLITE_BUSY_TIMEOUT seconds, and WAL lets
    # readers go on while one writes (docs/deploy.md, "Task worker").
    _db.setdefault("OPTIONS", {})
    _db["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    _db["OPTIONS"].setdefault("timeout", env.int("SQLITE_BUSY_TIMEOUT", default=20))
    _db["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL")
# Read replicas (docs/deploy.md "Read replicas"): DATABASE_REPLICA_URL, one URL or several
# separated by commas, becomes the aliases "replica", "replica_2", …; anonymous GET/HEAD
# requests read from one of them (portal/operations/replicas.py). Unset: no router, no change.
DATABASES.update(replica_databases(_db, env.list("DATABASE_REPLICA_URL", default=[]),
                                   environ.Env.db_url_config))
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["portal.operations.replicas.ReplicaRouter"]
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
                      + 1, "portal.operations.replicas.ReplicaReadMiddleware")
# Seconds after a write in which a visitor reads only from the primary (the "portal_primary" cookie).
PORTAL_REPLICA_PIN_SECONDS = env.int("PORTAL_REPLICA_PIN_SECONDS", default=10)
# Never from a replica: embedded pages (a frame may not keep that cookie), personal agency
# links and citizens' account pages.
PORTAL_REPLICA_EXCLUDED_PREFIXES = ["/einbetten/", "/toeb/", "/konto/"]
SPATIALITE_LIBRARY_PATH = env.str("SPATIALITE_LIBRARY_PATH", default="mod_spatialite")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The one metric storage SRID of every geometry column (checked at start-up, docs/srid.md).
PORTAL_STORAGE_SRID = env.int("PORTAL_STORAGE_SRID", default=25832)
# Processor seconds the repair of one file's invalid geometries may take (in the sandbox;
# gis/geometry_repair.py, docs/security.md "Geometry input").
PORTAL_GEOMETRY_REPAIR_CPU_SECONDS = env.int("PORTAL_GEOMETRY_REPAIR_CPU_SECONDS", default=20)
# Threads of one raster conversion to a COG (compression, warping, overviews; docs/raster.md
# "Limits"): 0 = every core of the machine, at most gis.raster.limits.MAX_THREADS.
PORTAL_RASTER_THREADS = env.int("PORTAL_RASTER_THREADS", default=0)

# Directory with the official XPlanung schemas (its 6_0/ holds XPlanung-Operationen-offline.xsd
# and GmlProfile/); XPlanGML 6.0 exports and uploads are validated against it (docs/xplanung.md).
# Absent directory: validation is reported as "not available".
PORTAL_XPLAN_SCHEMA_DIR = env.path(
    "PORTAL_XPLAN_SCHEMA_DIR", default=BASE_DIR.parent / "shared" / "xplanung" / "xsd"
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:staff-home"
LOGOUT_REDIRECT_URL = "home"

# German first, English second; deadlines are calendar facts in Europe/Berlin.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
# locale/formal: "Sie" instead of django-allauth's "du" on the citizens' pages (docs/accounts.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "formal"]
# Dates per language: "2. Januar 2027" / "2 January 2027", 24-hour clock (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Browser libraries come from npm (package-lock.json); only the ones we use are exposed.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/axe-core", NODE_MODULES / "axe-core"),
    ("vendor/leaflet.vectorgrid", NODE_MODULES / "leaflet.vectorgrid" / "dist"),
    ("vendor/leaflet-geoman", NODE_MODULES / "@geoman-io" / "leaflet-geoman-free" / "dist"),
    ("vendor/leaflet.markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    ("vendor/leaflet.heat", NODE_MODULES / "leaflet.heat" / "dist"),
    # QR decoding in the check-in scanner where the browser has no BarcodeDetector.
    ("vendor/zxing-wasm", NODE_MODULES / "zxing-wasm" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
FILE_UPLOAD_TEMP_DIR = env.str("FILE_UPLOAD_TEMP_DIR", default=None)

# Request sizes (portal/request_limits.py, docs/security.md "Rate limits and request sizes"):
# a request whose Content-Length exceeds its maximum is answered 413 before its body is read.
# Anonymous attachments: at most 5 files of 10 MiB, 25 MiB together per submission.
PORTAL_MAX_ATTACHMENT_BYTES = env.int("PORTAL_MAX_ATTACHMENT_BYTES", default=10 * 1024 * 1024)
PORTAL_MAX_ATTACHMENTS_TOTAL_BYTES = env.int("PORTAL_MAX_ATTACHMENTS_TOTAL_BYTES",
                                             default=25 * 1024 * 1024)
PORTAL_MAX_REQUEST_BYTES = {
    # any request of a visitor who is not signed in (forms without files, APIs)
    "anonymous": env.int("PORTAL_MAX_ANONYMOUS_REQUEST_BYTES", default=1024 * 1024),
    # anonymous forms with attachments (statements, agency page): the attachments + 1 MiB
    "attachments": PORTAL_MAX_ATTACHMENTS_TOTAL_BYTES + 1024 * 1024,
    # signed-in staff: the largest staff upload (200 MiB layers/XPlanGML) + 10 MiB
    "staff": env.int("PORTAL_MAX_STAFF_REQUEST_BYTES", default=210 * 1024 * 1024),
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, stated: form fields without files
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files are streamed to FILE_UPLOAD_TEMP_DIR

# Cache: rate-limit counters live here. Redis in production (CACHE_URL=redis://...); without
# CACHE_URL the database cache (run `manage.py createcachetable`), which the web server and the
# task worker share. LocMemCache would count per process.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://portal_cache")}
# Public layer tiles kept as whole responses (gis/tiles/server_cache.py, docs/tiles.md
# "Server-side tile cache"): in Redis when CACHE_URL is Redis (one cache for every worker and
# machine: a changed layer leaves all of them at once), else in each process's memory.
# TILE_CACHE_URL chooses another; PORTAL_TILE_CACHE_SECONDS=0 switches it off.
_cache_url = env.str("CACHE_URL", default="")
CACHES["tiles"] = env.cache_url(
    "TILE_CACHE_URL",
    default=_cache_url if _cache_url.startswith(("redis://", "rediss://")) else "locmemcache://portal-tiles")
if CACHES["tiles"]["BACKEND"].endswith("LocMemCache"):  # Redis bounds itself (maxmemory, TTLs)
    CACHES["tiles"].setdefault("OPTIONS", {}).setdefault(
        "MAX_ENTRIES", env.int("PORTAL_TILE_CACHE_ENTRIES", default=2000))
PORTAL_TILE_CACHE_SECONDS = env.int("PORTAL_TILE_CACHE_SECONDS", default=300)
# Larger tiles (low zoom levels of dense layers) are not kept: 2,000 × 256 KiB bounds the memory.
PORTAL_TILE_CACHE_MAX_BYTES = env.int("PORTAL_TILE_CACHE_MAX_BYTES", default=256 * 1024)
# Sessions in the database by default, each write one statement (portal/session_store.py);
# with several app servers and Redis as the cache,
# "django.contrib.sessions.backends.cached_db" (read from the cache, kept in the database) or
# "django.contrib.sessions.backends.cache" (Redis only) spares the database a query per request
# (docs/deploy.md "Sessions").
SESSION_ENGINE = env.str("SESSION_ENGINE", default="portal.session_store")

# Rate limits of anonymous writes (portal/throttling.py): name -> "count/period" (s, m, h, d),
# per client (IP address; IPv6 per /64) or per target e-mail address. None switches one off.
PORTAL_RATE_LIMITS = {
    "statement-client": "20/h",
    "receipt-mail-address": "5/d",  # beyond: accepted, receipt on the page only, no e-mail
    "cosign-client": "30/h",
    "cosign-address": "5/h",  # confirmation e-mails to one address
    "agency-statement-client": "60/h",
    "password-reset-client": "5/h",
    "password-reset-address": "3/h",
    "login-client": "60/h",
    "second-factor-user": "10/h",  # codes entered at the second step of a staff sign-in
    "incident-client": "20/h",
    "incident-mail-address": "5/d",  # beyond: accepted, reference on the page only
    "survey-start-client": "30/h",
    "open311-client": "120/h",
    "subscribe-client": "20/h",
    "subscribe-address": "5/h",  # confirmation e-mails to one address
    "dialogue-comment-client": "30/h",
    "event-registration-client": "30/h",
    "dialogue-vote-client": "300/h",  # ratings and flags
    # Live voting (docs/live-voting.md): a whole hall may share one address (the venue's
    # Wi-Fi), so the limits per client are generous; one vote per device and question is
    # a database rule anyway.
    "live-join-client": "600/h",
    "live-vote-client": "3000/h",
}
# Live voting restricted to checked-in ticket holders: dotted path of a function
# (request, session) -> bool, provided by the events module (participation/livevoting/checkin.py).
PORTAL_LIVE_VOTING_CHECK_IN = env.str(
    "PORTAL_LIVE_VOTING_CHECK_IN", default="participation.events.voting_access.may_vote")
# The client's address comes from REMOTE_ADDR. Behind a reverse proxy that SETS (overwrites)
# a header with the client's address, name it here, e.g. "HTTP_X_REAL_IP" or
# "HTTP_X_FORWARDED_FOR" (its last entry is used). Never set it without such a proxy: clients
# could then choose their own address (docs/deploy.md "Request limits").
PORTAL_CLIENT_IP_HEADER = env.str("PORTAL_CLIENT_IP_HEADER", default="")

# Login throttling (django-axes): 5 wrong passwords for one username from one client lock that
# combination for 15 minutes; the portal login and the Django admin login alike.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Data protection: no log row with IP address for every successful login, only failed attempts.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "portal.login_lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "portal.throttling.axes_client_ip"
AXES_USERNAME_CALLABLE = "portal.throttling.axes_username"
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2"]

# Citizen accounts (django-allauth under /konto/; docs/accounts.md). Staff keep the Django
# login under /accounts/. Sign-in by e-mail address, which must be confirmed before the first
# sign-in; sign-up and password reset never say whether an address is registered.
ACCOUNT_ADAPTER = "accounts_citizen.adapter.CitizenAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True  # one address per account; a change is confirmed by the new one
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_EMAIL_NOTIFICATIONS = True  # "your password/e-mail was changed"
ACCOUNT_REAUTHENTICATION_REQUIRED = True  # a fresh password before the e-mail is changed
# allauth's own counters (in the default cache, like PORTAL_RATE_LIMITS): per client IP and
# per target address ("key"). Sign-in also goes through django-axes (per e-mail + client).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "5/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Optional sign-in through an OpenID Connect provider, e.g. a state identity service: set
# all three (docs/accounts.md). Without them no provider is offered.
PORTAL_OIDC_SERVER_URL = env.str("PORTAL_OIDC_SERVER_URL", default="")
PORTAL_OIDC_CLIENT_ID = env.str("PORTAL_OIDC_CLIENT_ID", default="")
PORTAL_OIDC_CLIENT_SECRET = env.str("PORTAL_OIDC_CLIENT_SECRET", default="")
PORTAL_OIDC_NAME = env.str("PORTAL_OIDC_NAME", default="Servicekonto")
SOCIALACCOUNT_ADAPTER = "accounts_citizen.adapter.CitizenSocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # never join an existing account by e-mail alone
SOCIALACCOUNT_LOGIN_ON_GET = False  # the provider is left only by a POSTed form (CSRF)
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [{
            "provider_id": "servicekonto",
            "name": PORTAL_OIDC_NAME,
            "client_id": PORTAL_OIDC_CLIENT_ID,
            "secret": PORTAL_OIDC_CLIENT_SECRET,
            "settings": {"server_url": PORTAL_OIDC_SERVER_URL},
        }] if PORTAL_OIDC_SERVER_URL and PORTAL_OIDC_CLIENT_ID else [],
    },
}

# Staff accounts (docs/accounts.md "Staff accounts"): a second factor (TOTP from allauth.mfa)
# before any page, signed out after PORTAL_STAFF_IDLE_MINUTES without a request; staff
# invitations are valid for PORTAL_STAFF_INVITATION_DAYS.
PORTAL_STAFF_IDLE_MINUTES = env.int("PORTAL_STAFF_IDLE_MINUTES", default=30)
PORTAL_STAFF_INVITATION_DAYS = env.int("PORTAL_STAFF_INVITATION_DAYS", default=7)
# Wrong codes at the second step of one sign-in before the session is signed out.
PORTAL_STAFF_CODE_ATTEMPTS = env.int("PORTAL_STAFF_CODE_ATTEMPTS", default=5)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("PORTAL_NAME", default="Beteiligungsportal")
MFA_RECOVERY_CODE_COUNT = 10
# One 30-second step before and after the current one is accepted (clocks of phones drift,
# and a code typed at the end of its step arrives in the next).
MFA_TOTP_TOLERANCE = 1

# Mail: console in development, SMTP (EMAIL_URL=smtp://...) in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="beteiligung@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: database-backed queue by default (no server needed).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "ingest"],
    }
}

# Base map: an open base map by default; URL and attribution are settings. An empty URL
# shows no base map (the tests use that: they never need the internet).
PORTAL_BASEMAP_URL = env.str(
    "PORTAL_BASEMAP_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
PORTAL_BASEMAP_ATTRIBUTION = env.str(
    "PORTAL_BASEMAP_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
PORTAL_BASEMAP_MAX_ZOOM = env.int("PORTAL_BASEMAP_MAX_ZOOM", default=19)
# Initial view of the state-wide map when no authority geometry is known (Saxony).
PORTAL_DEFAULT_CENTER = env.list("PORTAL_DEFAULT_CENTER", cast=float, default=[51.05, 13.35])
PORTAL_DEFAULT_ZOOM = env.int("PORTAL_DEFAULT_ZOOM", default=8)
PORTAL_NAME = env.str("PORTAL_NAME", default="Beteiligungsportal")
PORTAL_GEOCODER_URL = env.str("PORTAL_GEOCODER_URL", default="")
# Invited public agencies that have not answered get one reminder this many days before the
# end of the phase (manage.py send_agency_reminders; docs/agencies.md).
PORTAL_AGENCY_REMINDER_DAYS = env.int("PORTAL_AGENCY_REMINDER_DAYS", default=5)

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": tuple(PORTAL_DEFAULT_CENTER),
    "DEFAULT_ZOOM": PORTAL_DEFAULT_ZOOM,
    "MIN_ZOOM": 5,
    "MAX_ZOOM": PORTAL_BASEMAP_MAX_ZOOM,
    "TILES": (
        [("Basiskarte", PORTAL_BASEMAP_URL, {"attribution": PORTAL_BASEMAP_ATTRIBUTION})]
        if PORTAL_BASEMAP_URL
        else []
    ),
    "ATTRIBUTION_PREFIX": "Leaflet",
    "RESET_VIEW": False,
    "NO_GLOBALS": True,
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Beteiligungsportal API",
    "DESCRIPTION": "Plans, participation and geodata of the Beteiligungsportal.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The tile and GeoJSON endpoints are plain Django views: documented by this hook.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.openapi_maps.add_map_endpoints",
    ],
}

# Response headers (docs/security.md "Headers"). The CSP allows the base-map host above and
# nothing else outside the portal.
CONTENT_SECURITY_POLICY = portal_policy(basemap_url=PORTAL_BASEMAP_URL)
PORTAL_CSP_REPORTS_PER_MINUTE = env.int("PORTAL_CSP_REPORTS_PER_MINUTE", default=30)
# geolocation for "my current position" (incident reports); everything else off.
PORTAL_PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "fullscreen": ["self"],
    **{feature: [] for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
        "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )},
}
# Cache-Control: private, no-store under these prefixes, for signed-in users and for views
# marked @personal_data (portal/personal_data.py).
PORTAL_PERSONAL_DATA_PREFIXES = ["/staff/", "/admin/", "/accounts/", "/konto/", "/toeb/"]
CSRF_FAILURE_VIEW = "portal.views.errors.csrf_failure"
# Under DEBUG a 404 shows the portal's page; true brings back Django's list of URL patterns.
PORTAL_TECHNICAL_404_IN_DEBUG = env.bool("PORTAL_TECHNICAL_404_IN_DEBUG", default=False)

# Logs (portal/operations/logs.py, docs/deploy.md "Logs"): LOG_FORMAT=json writes one JSON
# object per line with the request id; the default is the human format. Every handler masks the
# secret of personal agency links (planning/agencies/log_masking.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = logging_config(log_format=LOG_FORMAT, level=env.str("LOG_LEVEL", default="INFO"))
LOGGING_CONFIG = "portal.operations.logs.configure"
# One line per request (logger portal.request: route, status, duration); on by default with
# JSON logs, where it replaces gunicorn's access log (config/gunicorn.conf.py).
PORTAL_REQUEST_LOG = env.bool("PORTAL_REQUEST_LOG", default=LOG_FORMAT == "json")

# Health and metrics (portal/operations/, docs/deploy.md "Health and metrics"): the readiness
# check looks for unapplied migrations at most once per this many seconds per process;
# /health/metrics answers a bearer token or clients from the listed networks, anyone else 404.
PORTAL_HEALTH_MIGRATIONS_SECONDS = env.int("PORTAL_HEALTH_MIGRATIONS_SECONDS", default=60)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=[])
for _network in METRICS_ALLOWED_NETWORKS:
    ipaddress.ip_network(_network, strict=False)  # a mistyped network stops the start

# GDAL < 3.9 cannot block file/network access inside SetFromUserInput (gis.W001). The portal
# never passes user text to it: CRS come from the file drivers or are mapped to EPSG codes by
# our own parser, and the process environment blocks GDAL's network access
# (gis/gdal_environment.py). See docs/security.md.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]
