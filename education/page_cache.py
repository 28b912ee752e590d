"""A full-page cache for anonymous visitors.

Public pages are the same for every anonymous visitor, so their rendered HTML is kept in
Django's cache (Redis when REDIS_URL is set, process memory otherwise) and served before
sessions, CSRF or Wagtail run. It is never used for editors (a session cookie bypasses it),
previews, the admin, the API or tracking links, and never stores a response that sets a
cookie or says it is private.

Written by hand because wagtail-cache, the package made for this, declares wagtail<8.0.
Purging: every key contains a generation number stored in the database (see
``PageCacheGeneration``); publishing, unpublishing or moving a page bumps it. App servers
re-read it at most once per GENERATION_TTL seconds, so a purge reaches every server quickly
without a shared cache.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.http import HttpResponse

GENERATION_TTL = 1.0
MAX_QUERY_STRING = 1024
BYPASS_PREFIXES = (
    "/admin/", "/django-admin/", "/api/", "/go/", "/healthz", "/documents/", "/media/",
    "/static/", "/_util/", "/sitemap.xml", "/robots.txt",
)
HEADER = "X-Page-Cache"
# Query parameters that never change a page's HTML: the tracking-link code the page script
# reads, and campaign tags. They are left out of the key so they don't split the cache.
IGNORED_PARAMS = ("via", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")

_generation = {"value": None, "read_at": 0.0}


def _read_generation():
    from .models.page_cache import PageCacheGeneration  # cycle: the models package imports us

    try:
        value = PageCacheGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    except DatabaseError:
        return None
    return value or 0


def current_generation():
    now = time.monotonic()
    if _generation["value"] is None or now - _generation["read_at"] > GENERATION_TTL:
        _generation["value"] = _read_generation()
        _generation["read_at"] = now
    return _generation["value"]


def purge():
    """Retire every cached page (on this server at once, on others within GENERATION_TTL)."""
    from .models.page_cache import PageCacheGeneration  # cycle: the models package imports us

    def bump():
        updated = PageCacheGeneration.objects.filter(pk=1).update(value=F("value") + 1)
        if not updated:
            PageCacheGeneration.objects.get_or_create(pk=1, defaults={"value": 1})
        _generation["value"] = _read_generation()
        _generation["read_at"] = time.monotonic()

    transaction.on_commit(bump)


def generation_cached(name, build, timeout=None):
    """``build()``'s value, kept in the cache until the next purge (or ``timeout``).

    For data every public page needs and only publishing changes (restricted sections,
    rendered site-wide boxes): one cache read instead of queries on each request.
    """
    generation = current_generation()
    if generation is None:
        return build()
    key = f"gencache:{generation}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout or settings.PAGE_CACHE_TIMEOUT)
    return value


_memo = {}  # {generation: {name: value}}, the current generation only
_MISSING = object()


def generation_memo(name, build):
    """``build()``'s value kept in this process's memory until the next purge.

    For small maps read many times per request (locales, translated terms): no cache
    round-trip or unpickling at all. Dropped as a whole when the generation moves on. Safe
    with threaded workers: a thread keeps the dict it fetched even if another one clears.
    """
    generation = current_generation()
    if generation is None:
        return build()
    values = _memo.get(generation)
    if values is None:
        _memo.clear()
        values = _memo.setdefault(generation, {})
    value = values.get(name, _MISSING)
    if value is _MISSING:
        value = values[name] = build()
    return value


def _query_for_key(request):
    query = request.META.get("QUERY_STRING", "")
    if not query or not any(name in query for name in IGNORED_PARAMS):
        return query
    kept = [
        part for part in query.split("&")
        if part.split("=", 1)[0] not in IGNORED_PARAMS
    ]
    return "&".join(kept)


def _cache_key(request, generation):
    raw = "|".join(
        [str(generation), request.scheme, request.get_host(), request.path,
         _query_for_key(request)]
    )
    return "pagecache:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def _request_is_cacheable(request):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(BYPASS_PREFIXES)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
    )


def _response_is_cacheable(response):
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            return self.get_response(request)
        generation = current_generation()
        if generation is None:  # database down: serve uncached rather than stale
            return self.get_response(request)
        try:
            host_key = _cache_key(request, generation)
        except Exception:  # DisallowedHost and friends: let Django answer as usual
            return self.get_response(request)

        stored = cache.get(host_key)
        if stored is not None:
            content, content_type, headers = stored
            response = HttpResponse(content, content_type=content_type)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response

        response = self.get_response(request)
        if request.method == "GET" and _response_is_cacheable(response):
            headers = [
                (name, value) for name, value in response.items()
                if name.lower() not in ("content-type", "content-length", "set-cookie")
            ]
            cache.set(
                host_key, (response.content, response["Content-Type"], headers),
                settings.PAGE_CACHE_TIMEOUT,
            )
            response[HEADER] = "miss"
        return response
