"""A CDN or Varnish in front: which responses it may keep, and purging what publishing changes.

Headers: ``CdnCacheControlMiddleware`` gives an anonymous, cookie-free 200 GET/HEAD answer of
the public site ``Cache-Control: public, max-age=0, s-maxage=CDN_S_MAXAGE``: a shared cache
keeps it (and revalidates nothing until then), browsers ask again each time. Never for a
request with a session (editors), with credentials, for a response that sets a cookie or
already says how to cache it (previews, /healthz, /readyz, the evidence download say
``no-cache``/``private``), nor under /admin, /api, /go, /embed (a partner's frame: its
Content-Security-Policy depends on the tracking link), the password forms, documents.

Purging: publishing, unpublishing, moving or deleting a page, and publishing or unpublishing a
snippet with a live state (scam alerts), changes more than the page itself: the home page, the
library, audience pages and search list lessons, and the alert banner and footer are on every
page. So a change purges *the whole site*: the page's own URLs plus each site's root URL,
through ``wagtail.contrib.frontend_cache`` (``WAGTAILFRONTENDCACHE``, set from
FRONTEND_CACHE_URL). Our Varnish VCL (docs/varnish/scamsense.vcl) treats a PURGE of a path as
a ban of that path and everything under it, so purging ``/`` empties the site at once. Edits
that send no publish signal (audience, series and scam-type names, the report-a-scam box,
review dates) reach the CDN within CDN_S_MAXAGE: that bound is why the default is short
(120 s). Receivers: page_cache/signal_handlers.py.
"""

import threading

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_urls_from_cache
from wagtail.models import Site

# Paths a shared cache must never keep, whoever asks.
PRIVATE_PREFIXES = (
    "/admin/", "/django-admin/", "/api/", "/go/", "/embed/", "/documents/", "/healthz",
    "/readyz",
)
# Wagtail's password and login forms for restricted pages, under each language prefix.
PRIVATE_SEGMENTS = ("/_util/",)


def shared_cache_control():
    return f"public, max-age=0, s-maxage={settings.CDN_S_MAXAGE}"


def _request_is_shareable(request):
    path = request.path
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not path.startswith(PRIVATE_PREFIXES)
        and not any(segment in path for segment in PRIVATE_SEGMENTS)
    )


def _response_is_shareable(response):
    return (
        response.status_code == 200
        and not response.has_header("Cache-Control")  # the view already decided
        and not response.cookies
        and not getattr(response, "streaming", False)
    )


class CdnCacheControlMiddleware:
    """Mark public answers cacheable by a CDN (above the page cache, so its hits are too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (settings.CDN_S_MAXAGE > 0 and _request_is_shareable(request)
                and _response_is_shareable(response)):
            response["Cache-Control"] = shared_cache_control()
        return response


def site_root_urls():
    """Each site's root URL ("https://host/"): purging it purges the site (see above)."""
    return [site.root_url.rstrip("/") + "/" for site in Site.objects.all()]


def purge_site(page=None):
    """Purge the whole site from the CDN, and the page's own URLs for a CDN that purges exact
    URLs only: once the transaction commits, and again CDN_PURGE_REPEAT_SECONDS later.

    Why twice: the other app servers see a publish through the page-cache generation, which
    each re-reads at most once a second. A CDN refilled in that second from a server that has
    not seen it yet would keep the old page for s-maxage; the second purge drops that copy.
    (Wagtail's purge task runs at once, inside the transaction, with the default task
    backend: hence on_commit.)
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = PurgeBatch(site_root_urls())
    if page is not None:
        batch.add_page(page)
    urls = sorted(batch.urls)
    transaction.on_commit(lambda: _purge_now_and_again(urls))


def _purge_now_and_again(urls):
    purge_urls_from_cache(urls)
    delay = settings.CDN_PURGE_REPEAT_SECONDS
    if delay > 0:
        # Not a daemon: a management command (publish_scheduled) waits for it before exiting.
        threading.Timer(delay, purge_urls_from_cache, args=[urls]).start()
