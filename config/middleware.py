"""Middleware of the project as a whole."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from django.urls import resolve, reverse
from django.utils.functional import cached_property


class ValidHostMiddleware:
    """Refuse (400) a request whose Host is not allowed or names an impossible port.

    Django checks the host name against ALLOWED_HOSTS but takes any run of digits as the port,
    so ``Host: 127.0.0.1:99999999999`` was answered, and that port went into the page-cache
    key and the visitor key: one could fill the cache or split one visitor into many. A port
    is 1-65535, written without leading zeros (``:080`` would be another key for port 80).
    First in MIDDLEWARE, so nothing (the page cache included) sees such a request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.get_host()  # DisallowedHost (→ 400) for a host not allowed
        _domain, port = split_domain_port(host)
        if port and not (port.isdigit() and port == str(int(port)) and 0 < int(port) < 65536):
            raise DisallowedHost(f"Invalid port in HTTP_HOST header: {host!r}.")
        return self.get_response(request)


# Endpoints that machines call many times per page view or per minute, with no use for a
# session, a user, messages, a language, CSRF (the beacon is exempt), static files, the page
# cache or redirects.
LEAN_URL_NAMES = ("reach-events", "healthz", "readyz")


class LeanEndpointsMiddleware:
    """Answer the lean endpoints at once, skipping the middleware below this one.

    The beacon takes several requests per page view; the rest of the stack (sessions, auth,
    messages, locale, CSRF, WhiteNoise, redirects) and URL resolution were about a quarter of
    its in-process cost and did nothing for it. Placed after SecurityMiddleware, so the
    answers keep the security headers; the host (and its port) was checked by
    ValidHostMiddleware, first in the stack.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def views(self):
        return {reverse(name): resolve(reverse(name)).func for name in LEAN_URL_NAMES}

    def __call__(self, request):
        view = self.views.get(request.path)
        if view is None:
            return self.get_response(request)
        response = view(request)
        # As CommonMiddleware does: without it the server would answer chunked.
        if not response.streaming and not response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(response.content))
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy for the public site and a wider one for the
    Wagtail admin (its documented extension point: ``get_policy_parts``).

    The public site (settings.CONTENT_SECURITY_POLICY) runs our own static scripts and styles
    only: no inline script, style or event handler. The admin adds what Wagtail's admin still
    needs (settings.CSP_ADMIN_ADDITIONS): inline scripts and styles, and blob:/data: images
    for upload previews. Placed below the page cache, so a cached page keeps its header.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.CSP_ADMIN_PREFIXES):
            update = dict(parts.update or {})
            for directive, sources in settings.CSP_ADMIN_ADDITIONS.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
