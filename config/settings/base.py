"""Settings shared by every environment. Environment-specific files import * from here."""

import zoneinfo
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str
from .object_storage import s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Overridden (and required) in production; dev and test provide throwaway values.
SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    "reviews",
    "education",
    "campaigns",
    "demo",  # the demo site's copy and loaders (management commands only; no models)
    "staff",  # shared admin bits: role names, the one "no access" page
    "page_cache",  # the anonymous page cache, its generation memo and routing memory
    "reach_api",  # the read API for analysts (/api/v1/) and its tokens
    "rest_framework",
    "drf_spectacular",
    "wagtailmedia",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales: locale admin with sync options
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Refuses a host not in ALLOWED_HOSTS or with an impossible port before anything reads it.
    "config.middleware.ValidHostMiddleware",
    # Cache-Control for a CDN / Varnish on anonymous public answers, page-cache hits included.
    "page_cache.cdn.CdnCacheControlMiddleware",
    # Serves cached anonymous pages before anything else runs; the cached response keeps the
    # security headers it was first served with, and the key holds the scheme (no http hit
    # can be stored while SECURE_SSL_REDIRECT redirects http).
    "page_cache.middleware.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response, the beacon's too (django-csp).
    "config.middleware.ContentSecurityPolicyMiddleware",
    # The beacon and the health check skip everything below (config/middleware.py).
    "config.middleware.LeanEndpointsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "education.middleware.PublicSiteLocaleMiddleware",
    # The request's Wagtail site from memory (no query), for every view that asks for it.
    "page_cache.middleware.RememberedSiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "education.context_processors.public_site",
            ],
        },
    },
]

# Database: SQLite is the zero-setup default; DATABASE_URL selects PostgreSQL (or any URL).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the writer work side by side; IMMEDIATE takes the write lock at
    # the start of a transaction, so concurrent writers wait (busy timeout) instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, process memory otherwise. Nothing may depend on Redis
# being up, so the Redis client ignores connection errors (the cache simply misses).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Sessions live in the database, so an editor stays signed in whichever app server answers;
# with Redis they are also cached there (read from Redis, written to both). Never in process
# memory: another server would not see them.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
# Wagtail reads image renditions from this cache instead of querying for them.
CACHES["renditions"] = {**CACHES["default"], "KEY_PREFIX": "renditions"}

# Anonymous page cache (page_cache.middleware): on by default, PAGE_CACHE=0 turns it off.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 600)

# A CDN or Varnish in front (page_cache/cdn.py): how long it may keep an anonymous public
# page (0: send no such header), and where to send purges when content changes.
CDN_S_MAXAGE = env_int("CDN_S_MAXAGE", 120)
FRONTEND_CACHE_URL = env_str("FRONTEND_CACHE_URL")  # e.g. http://127.0.0.1:6081 (Varnish)
# Purges are sent again this long after a publish: every app server has then seen the new
# page-cache generation (re-read at least once a second), so no stale refill survives.
CDN_PURGE_REPEAT_SECONDS = float(env_str("CDN_PURGE_REPEAT_SECONDS", "1.5"))
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Simplified Chinese and English side by side. Public URLs carry the
# language (/zh-hans/…, /en/…); a visitor arriving at / goes to the language their browser
# prefers (Accept-Language; zh, zh-CN and zh-SG mean zh-hans), else LANGUAGE_CODE. English is
# the default content locale: lessons are written in English or Chinese and translated with
# wagtail-localize; audiences, series and scam types are translated the same way.
# Language names are written in their own language (what a reader looks for in a switcher).
LANGUAGE_CODE = "en"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# "Translate" makes a draft in the new language, not a live copy of the source text: a
# translation goes live when it is translated and published (or approved in the review).
# Until then readers get the original, marked with its language (e.g. scam alerts).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"  # stored and logged times
USE_I18N = True
USE_TZ = True
# The time zone of the site's audience: what a "day" is for campaign windows, daily reach
# rollups, daily visitor salts and report days (campaigns.days). Stored times stay UTC.
SITE_TIME_ZONE = env_str("SITE_TIME_ZONE", "Asia/Shanghai")
try:
    zoneinfo.ZoneInfo(SITE_TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
    raise ImproperlyConfigured(
        f"SITE_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, not {SITE_TIME_ZONE!r}."
    ) from exc

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Files that must never be served (an import file waiting for its confirmation) live in
# PRIVATE_ROOT, outside MEDIA_ROOT, through the "private" storage, which has no URL.
PRIVATE_ROOT = Path(env_str("PRIVATE_ROOT", str(BASE_DIR / "private")))
PRIVATE_STORAGE = {"BACKEND": "config.storage.PrivateStorage",
                   "OPTIONS": {"location": PRIVATE_ROOT}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}
# With S3_BUCKET set, public and private files go to the object store instead, so every app
# server sees every upload (config/settings/object_storage.py).
STORAGES.update(s3_storages() or {})

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = "ScamSense"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# No Gravatar: the admin would load a third-party image per user (a broken picture offline,
# each editor's e-mail hash sent to gravatar.com). Wagtail then shows its own default avatar,
# or the picture a user uploads under Account.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# English stemming on PostgreSQL whatever the server's default_text_search_config; Chinese is
# indexed as character bigrams (education.cjk), which the english configuration keeps as is.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are streamed through Wagtail's view, which checks collection privacy on every
# download; with the object store Wagtail would otherwise redirect to the bucket's URL, which
# a reader could pass on to anyone.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILMEDIA = {
    "MEDIA_MODEL": "wagtailmedia.Media",
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "ogg", "wav"],
    "VIDEO_EXTENSIONS": ["mp4", "webm"],
    # Uploads are checked by content (magic bytes), not by name: education.media_forms.
    "MEDIA_FORM_BASE": "education.media_forms.MediaForm",
}

# Consumer-protection review (reviews app): an edit after approval needs a new review, and
# workflow notifications go out through Django's mail backend (console in dev, locmem in
# tests, SMTP in production: see EMAIL_BACKEND in each settings file).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "reviews.workflows.publish_approved"  # approval publishes
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ScamSense <no-reply@scamsense.invalid>")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
TAGGIT_CASE_INSENSITIVE = True

# Public lesson library
LESSONS_PER_PAGE = 12
SEARCH_QUERY_MAX_LENGTH = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"once_a_minute": {"()": "config.log_filters.OncePerInterval", "seconds": 60}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # With Redis down, django-redis logs each ignored error (several per request): one a
    # minute per process is enough to say so (config/log_filters.py).
    "loggers": {
        "django_redis.cache": {"filters": ["once_a_minute"]},
        # One line per read-API call: token id and prefix, path, status, duration; never the
        # token or the Authorization header (reach_api/views.py).
        "scamsense.api": {"level": env_str("API_LOG_LEVEL", "INFO")},
    },
}

# Campaign reach (campaigns app)
REACH_TRUSTED_PROXIES = env_list("REACH_TRUSTED_PROXIES")  # IPs or CIDRs of our own proxies
REACH_HONOUR_DO_NOT_TRACK = env_bool("REACH_HONOUR_DO_NOT_TRACK", True)  # DNT and GPC
REACH_RATE_LIMIT = env_int("REACH_RATE_LIMIT", 120)  # events per visitor key per minute
REACH_RAW_RETENTION_DAYS = env_int("REACH_RAW_RETENTION_DAYS", 396)  # 13 months
# PostgreSQL: monthly partitions of the raw event table made ahead of time (this month + N);
# rollup_reach keeps them made (campaigns.partitions).
REACH_PARTITIONS_AHEAD = env_int("REACH_PARTITIONS_AHEAD", 3)
# The public address QR codes and posters print (e.g. https://scamsense.example); when unset,
# the default Wagtail Site's root URL is used.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL")

# The read API for analysts (reach_api, /api/v1/): calls per token (DRF's rate syntax:
# "<n>/<second|minute|hour|day>"), counted in the default cache (Redis in production).
REACH_API_RATE_LIMIT = env_str("REACH_API_RATE_LIMIT", "120/min")
# Django REST framework: only the read API uses it (its views set their own authentication,
# permission and throttle classes; Wagtail's admin API keeps its own). The OpenAPI schema is
# drf-spectacular's.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ScamSense reach API",
    "DESCRIPTION": (
        "Read-only reach figures for analysts: the same figures and definitions as the "
        "admin's reach reports (docs/public-contract.md, docs/reach-definitions.md). "
        "Send Authorization: Bearer <token>."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["reach_api.schema.only_reach_api"],
}

# Content-Security-Policy (django-csp 4, config.middleware.ContentSecurityPolicyMiddleware).
# The public site loads only its own scripts, styles, images and media: no inline script,
# style attribute or event handler is allowed, so templates keep scripts in site/static/js and
# styles in site/static/css. The Wagtail admin (and the admin-only poster and print pages
# under /admin/) additionally gets what Wagtail's admin needs today: inline scripts and styles
# and blob:/data: images for upload previews.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # No other site may frame a page (a partner's frame gets its own policy from its
        # tracking link: campaigns/views/embed.py); the admin frames its own previews.
        "frame-ancestors": ["'none'"],
    },
}
CSP_ADMIN_PREFIXES = ("/admin/",)
CSP_ADMIN_ADDITIONS = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "media-src": ["blob:"],
    "font-src": ["data:"],
}
CSP_ADMIN_REPLACEMENTS = {"frame-ancestors": ["'self'"]}  # the page editor's preview panel
# Wagtail's admin shows Gravatar images by default: a third-party request per user avatar
# that the policy (and the privacy promise) would refuse. Avatars are the uploaded ones only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
