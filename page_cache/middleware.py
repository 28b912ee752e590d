"""A full-page cache for anonymous visitors.

Public pages are the same for every anonymous visitor, so their rendered HTML is kept in
Django's cache (Redis when REDIS_URL is set, process memory otherwise) and served before
sessions, CSRF or Wagtail run. It is never used for editors (a session cookie bypasses it),
previews, the admin, the API or tracking links, and never stores a response that sets a
cookie or says it is private.

Written by hand because wagtail-cache, the package made for this, declares wagtail<8.0.
Purging: every key contains the generation number (``page_cache.memo``).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from .memo import current_generation
from .routing import remember_request_site

MAX_QUERY_STRING = 1024
BYPASS_PREFIXES = (
    "/admin/", "/django-admin/", "/api/", "/go/", "/embed/", "/healthz", "/documents/", "/media/",
    "/static/", "/_util/", "/sitemap.xml", "/robots.txt",
)
HEADER = "X-Page-Cache"
# Query parameters that never change a page's HTML: the tracking-link code the page script
# reads, and campaign tags. They are left out of the key so they don't split the cache.
IGNORED_PARAMS = ("via", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


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


class RememberedSiteMiddleware:
    """Sets the request's Wagtail site from memory (``page_cache.routing``) before any view,
    middleware or template of the public site asks ``Site.find_for_request`` for it. The
    admin, the API and the other ``BYPASS_PREFIXES`` keep Wagtail's own lookup (a query when
    they ask), as they keep away from the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(BYPASS_PREFIXES):
            remember_request_site(request)
        return self.get_response(request)
