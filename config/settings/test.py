"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import tempfile

from .base import *  # noqa: F401,F403
from .base import DATABASES

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="scamsense-test-media-")
PRIVATE_ROOT = tempfile.mkdtemp(prefix="scamsense-test-private-")
STORAGES = {**STORAGES, "private": {**PRIVATE_STORAGE, "OPTIONS": {"location": PRIVATE_ROOT}}}  # noqa: F405
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                   "LOCATION": "renditions"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("TEST", {})["NAME"] = None  # in memory
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Tests see fresh pages; tests/page_cache/test_page_cache.py switches the cache on.
PAGE_CACHE_ENABLED = False
