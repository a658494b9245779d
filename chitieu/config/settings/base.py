"""Settings shared by every environment; each environment module adjusts a few of them."""

from __future__ import annotations

import warnings
from pathlib import Path

from django.utils.csp import CSP

from chitieu.config.env import env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = BASE_DIR / "chitieu"

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "chitieu.audit",
    "chitieu.organizations",
    "chitieu.catalog",
    "chitieu.access",
    "chitieu.notices",
    "chitieu.imports",
    "chitieu.scenarios",
    "chitieu.reporting",
    "chitieu.actions",
    "chitieu.investment",
    "chitieu.crosscheck",
    "chitieu.exports",
    "chitieu.api",
    "django_tasks_db",
    "chitieu.web",
    "chitieu.demo",
    "chitieu.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # static files straight from the WSGI server (gunicorn), before sessions or the database
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

# Scripts and styles only from our own static files: no inline <script>, no onclick=, no CDN.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

ROOT_URLCONF = "chitieu.config.urls"
WSGI_APPLICATION = "chitieu.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["chitieu.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# `make run` collects static files into STATIC_ROOT for WhiteNoise; `make dev` and the tests find
# them in the apps instead, so an absent STATIC_ROOT is expected there and not worth a warning.
WHITENOISE_USE_FINDERS = DEBUG
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "media/"

# Sessions stay in the database (a sign-out or a password change ends them on the server; a
# signed cookie could not be revoked), read by one plain query per request (decision 0050).
SESSION_ENGINE = "chitieu.access.sessions"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"
# Shared by every gunicorn process (the login throttle counts failures here); `make run` creates
# the table with createcachetable.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "chitieu_cache",
    }
}
# Login throttling (chitieu.access.login): this many failures for one user name from one address
# within the window lock that pair for the window.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCK_SECONDS = env_int("LOGIN_LOCK_SECONDS", 15 * 60)

# An upload larger than this is refused before the readers see it (the readers check too).
IMPORT_MAX_BYTES = 20 * 1024 * 1024
# A plan file larger than this is read by the task worker, with progress on the preview page.
IMPORT_INLINE_BYTES = 512 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# Background jobs: django.tasks with the database-backed worker (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Reminders go out by email; the console backend prints them until SMTP is configured.
_MAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
_SMTP = _MAIL_BACKEND.endswith("smtp.EmailBackend")
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKEND,
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 20,
        }
        if _SMTP
        else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "chitieu <khong-tra-loi@chitieu.example>")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Machines send "Authorization: Token <key>" (a token an administrator issues); people use the
    # browser session. No Basic auth: it would send a person's password with every request. Token
    # first, so an unauthenticated request answers 401 with a WWW-Authenticate header, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "chitieu API",
    "VERSION": "0.1.0",
    # the schema describes the province's data model: only signed-in people and tokens see it
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # the documentation page's scripts come from our own static files (no CDN: see SECURE_CSP)
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # several models have a "kind" and a "status": each set of choices gets its own name
    "ENUM_NAME_OVERRIDES": {
        "PlanKindEnum": "chitieu.catalog.choices.PlanKind",
        "TargetKindEnum": "chitieu.catalog.choices.TargetKind",
        "OrganizationKindEnum": "chitieu.organizations.choices.OrgKind",
        "ScenarioVersionKindEnum": "chitieu.scenarios.models.ScenarioVersion.Kind",
        "PlanStatusEnum": "chitieu.catalog.choices.PlanStatus",
        "FigureStatusEnum": "chitieu.reporting.choices.FigureStatus",
        "ActionStatusEnum": "chitieu.actions.choices.ActionStatus",
        "ScenarioVersionStatusEnum": "chitieu.scenarios.models.ScenarioVersion.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "chitieu.api.schema.error_responses",
    ],
}

# Server errors and security events to stderr, where gunicorn and the service manager collect
# them (Django alone prints them only with DEBUG on).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR"},
        "chitieu": {"handlers": ["stderr"], "level": "INFO"},
    },
}
