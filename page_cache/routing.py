"""Wagtail's site and page routing, answered from memory until the next publish.

Wagtail finds a page by walking the tree one slug at a time: for /en/lessons/<slug>/ that is
the site for the host, the site's root page, its translation in the reader's language, the
library and the lesson, each loaded and then made specific. Six queries and a good part of
a lesson page's time, for answers that change only when a page is published, unpublished,
moved or deleted, or a site or locale changes: exactly when the page-cache generation moves
on (``page_cache.signal_handlers``). So this module remembers, per generation and in process
memory, which site answers a host (``RememberedSiteMiddleware`` sets it on each request) and
which page (its class and id) answers a path, and loads just that page: one query. The
view-restriction check that follows is answered from memory too (``page_cache.restrictions``).
Everything after routing (hooks, the page's own ``route()`` for sub-URLs and ``serve()``)
runs as in Wagtail's own ``serve`` view, which ``serve`` below mirrors.

Only facts are remembered (ids, field values), never a model instance: every request gets
fresh objects, so nothing one request sets on a page can leak into another.
"""

from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.views import serve_chain

from . import wagtail_internals
from .memo import generation_memo

# Bounds on what one generation remembers. A host must pass ALLOWED_HOSTS before routing,
# and a path must lead to a live page, so real sites stay far below these; the bounds only
# stop a flood of distinct sub-URLs of a routable page from growing memory.
MAX_SITES = 64
MAX_ROUTES = 10_000


def serve(request, path):
    """Wagtail's page view (``wagtail.views.serve``: the same hooks in the same order), with
    the page found from memory (``remembered_route``) instead of walking the tree."""
    route_result = remembered_route(request, path)
    if route_result is None:
        raise Http404
    page, args, kwargs = route_result

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    return on_serve_chain(page, request, args, kwargs)


def remember_request_site(request):
    """Give ``Site.find_for_request(request)`` its answer from memory.

    Wagtail, its redirects middleware, page URLs and settings ask it on most public requests,
    one query the first time for a row that changes only when an administrator edits a site
    (which purges the generation). Each request gets a fresh ``Site`` built from the
    remembered field values. A host Django refuses is left to Wagtail (and Django) as usual.
    """
    if wagtail_internals.request_site_is_set(request):
        return
    try:
        hostname = split_domain_port(request.get_host())[0]
    except DisallowedHost:
        return
    key = (hostname, request.get_port())
    sites = generation_memo("routing:sites", dict)
    if key in sites:
        fields = sites[key]
        site = None if fields is None else Site(**fields)
        wagtail_internals.set_request_site(request, site)
        return
    site = Site.find_for_request(request)  # Wagtail's lookup; it keeps the answer itself
    if len(sites) < MAX_SITES:
        sites[key] = None if site is None else {
            field.attname: getattr(site, field.attname) for field in Site._meta.concrete_fields
        }


def remembered_route(request, path):
    """What ``Page.route_for_request(request, path)`` answers (page, args, kwargs, or None),
    from memory once the path was routed in this generation."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    return _route(request, site, path)


def _route(request, site, path):
    """The route result for ``path``: Wagtail's walk the first time, then the remembered
    page loaded in one query and asked to route what is left of the path (a routable page's
    sub-URL; nothing for a plain page)."""
    components = tuple(component for component in path.split("/") if component)
    key = (site.pk, translation.get_language(), components)
    routes = generation_memo("routing:pages", dict)
    known = routes.get(key)
    if known is not None:
        model, page_id, consumed = known
        page = model.objects.filter(pk=page_id).first()
        if page is not None:
            try:
                return page.route(request, list(components[consumed:]))
            except Http404:
                return None
    result = Page.route_for_request(request, path)
    if result is not None and len(routes) < MAX_ROUTES:
        remembered = _route_fact(site, result[0], components)
        if remembered is not None:
            routes[key] = remembered
    return result


def _route_fact(site, page, components):
    """(class, id, path components the tree walk consumed) for a page Wagtail's walk found,
    or None when the page was not reached by the plain slug walk (a custom ``route()`` on
    the way): such a route is left to Wagtail every time."""
    consumed = page.depth - site.root_page.depth  # the root was loaded by the walk
    slugs = page.url_path.strip("/").split("/")
    if consumed < 0 or (consumed and slugs[-consumed:] != list(components[:consumed])):
        return None
    return type(page), page.pk, consumed
