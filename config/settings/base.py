"""Settings read from the environment.

With no variables set the project runs on an embedded default: SQLite and Celery tasks executed
in-process, so it starts on a machine with nothing else installed; ``make demo`` adds a worker and beat
on a broker without a server (``CELERY_BROKER_URL=filesystem://``). Setting ``DATABASE_URL``
(PostgreSQL) and ``REDIS_URL`` switches to the production stack (see ``production.py``).
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.broker import filesystem_transport_options
from config.file_storage import file_storages
from config.logs import JSON, PLAIN, logging_config, structlog_configure
from config.sentry import sentry_init

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="django-insecure-local-development-key-only-never-use-in-production",
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    "config.apps.LanzaroteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "config.apps.SignInAttemptsConfig",
    "django_otp",
    "config.apps.AuthenticatorAppsConfig",
    "config.apps.RecoveryCodesConfig",
    "csp",
    "countries",
    "questionnaires",
    "questionnaires.contributions",
    "reports",
    "reports.analysis",
    "reports.publication",
    "reports.api",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reports.search",
    "reports.followup",
    "health_check",
    "reports.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.IdleSessionMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "questionnaires.two_factor.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "questionnaires.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
# Server-side binding lets psycopg prepare a statement once a connection has run it five times, so that
# PostgreSQL parses and plans the dozen statements of an autosave once per connection rather than on
# every request. A pooler in transaction mode (PgBouncer before 1.21) cannot keep prepared statements:
# DJANGO_DB_PREPARED_STATEMENTS=false turns them off.
POSTGRESQL_OPTIONS = (
    {"server_side_binding": True, "prepare_threshold": 5}
    if env.bool("DJANGO_DB_PREPARED_STATEMENTS", default=True) else {}
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["OPTIONS"] = {**POSTGRESQL_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
# On SQLite a write transaction takes the write lock when it begins, and a second writer (two focal
# points autosaving, a double submit) waits for it instead of failing with "database is locked".
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "rendered" keeps HTML rendered from data that never changes (a published version's questions);
# "published" keeps what is read from that data (a question's items, choices and addressees). Both are
# in-process on purpose: what they hold also depends on the code and the translations, so it must not
# outlive a deployment, which restarts every process.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "rendered": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rendered",
        "TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 200},
    },
    "published": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "published",
        "TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after two idle hours and with the browser; activity (autosave included) renews them,
# with one session write per five minutes at most (config.middleware.IdleSessionMiddleware).
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_SECONDS", default=2 * 60 * 60)
SESSION_RENEW_AFTER = 5 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Sign-in throttling (django-axes): five failures for one account from one address lock that pair out
# for 15 minutes; a success clears the count. Locking by account alone would let anyone lock a
# ministry's account out at will.
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_IPWARE_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0) or None
AXES_VERBOSE = False

# Two-factor authentication (django-otp, TOTP apps) for the secretariat and administrators: they read
# every country's confidential replies. Switch it off only on a machine of one's own (the demo).
TWO_FACTOR_REQUIRED = env.bool("DJANGO_TWO_FACTOR_REQUIRED", default=True)
OTP_TOTP_ISSUER = "Lanzarote monitoring"

# Content-Security-Policy (django-csp): scripts and styles only from this site, no inline script, no
# plug-ins, no framing. Scripts set the few computed widths through the DOM, which CSP allows.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The REST API (/api/v1/, reports.api): read-only JSON, personal tokens or the session, the project's
# permissions, throttled per token. Its OpenAPI description and Swagger UI are served by the application,
# the UI's files from drf-spectacular-sidecar (the CSP above allows no CDN).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "reports.api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "reports.api.pagination.ApiPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "reports.api.throttling.PerTokenRateThrottle",
        "reports.api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": env("API_RATE_PER_TOKEN", default="1000/hour"),
        "anonymous": env("API_RATE_ANONYMOUS", default="100/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lanzarote monitoring API",
    "DESCRIPTION": "Questionnaires, replies, compilations, progress and figures of the Lanzarote Committee's "
                   "monitoring rounds, and the open data of what is published. Authenticate with a personal "
                   "token (Authorization: Bearer <token>) created on your account page.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded and generated files (reference texts, compilations, published copies) go through Django's
# storage API: on local disk under MEDIA_ROOT by default, or in an S3-compatible object store when
# DJANGO_S3_BUCKET is set (credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the machine's role).
# Neither is ever served directly: downloads stream through permission-checked views, objects are private
# and any URL the store hands out is signed and short-lived.
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
S3_BUCKET = env("DJANGO_S3_BUCKET", default="")
STORAGES = file_storages(env, bucket=S3_BUCKET)

# A focal point may paste a hundred pages from a word processor into one answer: its HTML is bulky,
# so the request limit is raised well above Django's 2.5 MB default, and the answer itself is capped
# (after sanitising) by ANSWER_TEXT_MAX_CHARS with a clear message.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=40 * 1024 * 1024)
ANSWER_TEXT_MAX_CHARS = 3_000_000
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
# A DOCX or ODT is a ZIP archive: one that would unpack to more than this is refused ("zip bomb").
ATTACHMENT_MAX_UNPACKED_BYTES = env.int("ATTACHMENT_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="lanzarote-monitoring@localhost")

# Celery. Without a broker, tasks run in-process at the moment they are sent (`manage.py runserver`, the
# tests). `make demo` sets CELERY_BROKER_URL=filesystem:// and starts a worker and beat beside the web
# server: kombu's filesystem transport needs no server, its messages are files under CELERY_FILESYSTEM_ROOT.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_FILESYSTEM_ROOT = Path(env("CELERY_FILESYSTEM_ROOT", default=str(BASE_DIR / "var" / "celery")))
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_transport_options(CELERY_FILESYSTEM_ROOT)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged only once it has finished, and re-queued if its worker dies mid-way.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # Before the digests, so that users who chose one find the day's reminders in it.
    "deadline-reminders-daily": {
        "task": "questionnaires.tasks.send_deadline_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "daily-notification-digests": {
        "task": "questionnaires.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "requeue-stuck-compilations": {
        "task": "reports.tasks.requeue_stuck_compilations",
        "schedule": 120.0,
    },
    "snapshot-progress-daily": {
        "task": "reports.tasks.snapshot_progress_of_open_versions",
        "schedule": crontab(hour=2, minute=0),
    },
}

# Heartbeats (reports.operations): every worker records one every HEALTH_HEARTBEAT_INTERVAL seconds (a worker
# bootstep, added in config.celery_app), beat on its ticks (its scheduler below, which ticks at least that
# often); /health/ reports "failing" for a process whose latest heartbeat is older than the maximum age.
HEALTH_HEARTBEAT_INTERVAL = 30
HEALTH_HEARTBEAT_MAX_AGE_SECONDS = env.int("HEALTH_HEARTBEAT_MAX_AGE_SECONDS", default=180)
CELERY_BEAT_SCHEDULER = "reports.operations.processes:HeartbeatScheduler"

# Compilations: PDF through Typst (bundled with its Python package); rows stuck queued or running past the
# limit are re-queued by beat, up to the maximum number of attempts.
COMPILATION_PDF = env.bool("COMPILATION_PDF", default=True)
COMPILATION_STUCK_AFTER_SECONDS = env.int("COMPILATION_STUCK_AFTER_SECONDS", default=600)
COMPILATION_MAX_ATTEMPTS = 5
CELERY_TASK_TIME_LIMIT = 900
CELERY_TASK_SOFT_TIME_LIMIT = 840

# Where the reference data of a fresh installation comes from (copies ship with the repository).
COUNTRIES_CSV = BASE_DIR / "countries" / "data" / "countries.csv"
DEMO_QUESTIONNAIRE_YAML = BASE_DIR / "questionnaires" / "data" / "ict-round-2017.yaml"

# Logs: readable lines by default; DJANGO_LOG_FORMAT=json gives one JSON object per line with the request's
# id (django-structlog), also on the lines of the tasks a request sends. IP addresses are not logged.
LOG_FORMAT = env("DJANGO_LOG_FORMAT", default=PLAIN)
LOGGING = logging_config(log_format=LOG_FORMAT, level=env("DJANGO_LOG_LEVEL", default="INFO"))
if LOG_FORMAT == JSON:
    structlog_configure()
    INSTALLED_APPS += ["django_structlog"]
    MIDDLEWARE += ["django_structlog.middlewares.RequestMiddleware"]
    DJANGO_STRUCTLOG_CELERY_ENABLED = True
    DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False
    # The worker keeps these handlers instead of installing its own plain ones.
    CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Errors to Sentry when SENTRY_DSN is set, without personal data or answer text (config.sentry).
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    sentry_init(dsn=SENTRY_DSN, environment=env("SENTRY_ENVIRONMENT", default="production"),
                release=env("SENTRY_RELEASE", default=None))
