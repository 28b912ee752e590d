"""Wagtail's page routing and view-restriction check, answered from memory until the next
publish.

Wagtail finds a page by walking the tree one slug at a time: for /en/lessons/<slug>/ that is
the site for the host, the site's root page, its translation in the reader's language, the
library and the lesson, each loaded and then made specific; then, before serving, it reads
the page's ancestors and their view restrictions. Eight queries and about a third of a lesson
page's time, for answers that change only when a page is published, unpublished, moved or
deleted, or a site, locale or restriction changes: exactly when the page-cache generation
moves on (``education.signals``). So this module remembers, per generation and in process
memory, which site answers a host and which page (its class and id) answers a path, and
loads just that page: one query. Everything after routing (hooks, restrictions, the page's
own ``route()`` for sub-URLs and ``serve()``) is Wagtail's own ``serve`` view, unchanged.

Only facts are remembered (ids, field values), never a model instance: every request gets
fresh objects, so nothing one request sets on a page can leak into another.
"""

from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from .page_cache import generation_memo

# Bounds on what one generation remembers. A host must pass ALLOWED_HOSTS before routing,
# and a path must lead to a live page, so real sites stay far below these; the bounds only
# stop a flood of distinct sub-URLs of a routable page from growing memory.
MAX_SITES = 64
MAX_ROUTES = 10_000


def serve(request, path):
    """Wagtail's ``serve`` view, with the route looked up in memory first."""
    from wagtail.views import serve as wagtail_serve  # it loads models; page models use us

    site = Site.find_for_request(request)  # from memory: see remember_sites
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = _route(request, site, path)
    return wagtail_serve(request, path)


def remember_sites():
    """Make Wagtail's ``Site.find_for_request`` answer from memory.

    Wagtail, its redirects middleware, page URLs and settings ask it on most public requests,
    one query each time for a row that changes only when an administrator edits a site
    (which purges the generation). The answer is kept on the request as Wagtail does.
    """
    if getattr(Site.find_for_request, "remembered", False):
        return

    def find_for_request(request):
        if request is None:
            return None
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = _remembered_site(request)
        return request._wagtail_site

    find_for_request.remembered = True
    Site.find_for_request = staticmethod(find_for_request)


def _remembered_site(request):
    """A fresh Site for the request's host, built from the fields remembered for it."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port())
    sites = generation_memo("routing:sites", dict)
    if key in sites:
        fields = sites[key]
    else:
        site = Site._find_for_request(request)
        fields = None if site is None else {
            field.attname: getattr(site, field.attname) for field in Site._meta.concrete_fields
        }
        if len(sites) < MAX_SITES:
            sites[key] = fields
    return None if fields is None else Site(**fields)


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


def restricted_sections():
    """(tree path, restriction id) of every view restriction on the site, remembered per
    generation: a handful of rows, read by every page view and every public listing."""
    return generation_memo(
        "restricted-sections",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "pk")),
    )


def view_restrictions(page):
    """The view restrictions that apply to ``page`` (on it or an ancestor), as Wagtail's
    ``Page.get_view_restrictions`` finds them: a queryset, but with no query to run for a
    page outside every restricted section (an empty ``none()``), the usual case.

    Aliases take their source page's restrictions, so for an alias (one made since the
    generation began included), and while any alias exists beside a restriction, Wagtail's
    own lookup answers instead (None).
    """
    restricted = restricted_sections()
    if page.alias_of_id or (restricted and _aliases_exist()):
        return None
    ids = [pk for path, pk in restricted if page.path.startswith(path)]
    objects = PageViewRestriction.objects
    return objects.filter(pk__in=ids) if ids else objects.none()


def _aliases_exist():
    return generation_memo(
        "aliases-exist", lambda: Page.objects.filter(alias_of__isnull=False).exists()
    )


class RememberedViewRestrictionsMixin:
    """For page models: view restrictions from ``view_restrictions`` (memory), falling back
    to Wagtail's query when aliases make the answer depend on more than tree paths."""

    def get_view_restrictions(self):
        restrictions = view_restrictions(self)
        return super().get_view_restrictions() if restrictions is None else restrictions
