"""Middleware of the project as a whole."""

from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.dispatch import receiver
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


# Settings the built policy headers depend on; changing one (tests) forgets the built headers.
CSP_SETTINGS = (
    "CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY", "CSP_ADMIN_PREFIXES",
    "CSP_ADMIN_ADDITIONS", "CSP_ADMIN_REPLACEMENTS",
)
# (header, report only, the response attribute that exempts it, the setting it comes from)
CSP_HEADERS = (
    (HEADER, False, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
    (HEADER_REPORT_ONLY, True, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
)
_built_policies = {}


@receiver(setting_changed)
def _forget_built_policies(setting, **kwargs):
    if setting in CSP_SETTINGS:
        _built_policies.clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy for the public site and a wider one for the
    Wagtail admin (its documented extension point: ``get_policy_parts``).

    The public site (settings.CONTENT_SECURITY_POLICY) runs our own static scripts and styles
    only: no inline script, style or event handler. The admin adds what Wagtail's admin still
    needs (settings.CSP_ADMIN_ADDITIONS): inline scripts and styles, and blob:/data: images
    for upload previews; and it may frame itself (settings.CSP_ADMIN_REPLACEMENTS: the page
    editor's preview), where public pages may be framed by no one. Placed below the page
    cache, so a cached page keeps its header.

    django-csp builds the header text from the settings on every response (about 40 µs, a
    sixth of a beacon request). Without a nonce or a per-view decorator the text depends
    only on the settings and on whether the path is the admin's, so it is built once per
    kind and process (forgotten when a CSP setting changes); a response that uses a nonce or
    a ``csp_*`` decorator takes django-csp's own path, unchanged. The embed view
    (``campaigns/views/embed.py``) relies on that: its ``frame-ancestors`` come from the
    tracking link through ``csp_replace``, so they are built per response and never enter
    the per-kind cache.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and self._is_admin(request):
            update = dict(parts.update or {})
            for directive, sources in settings.CSP_ADMIN_ADDITIONS.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
            parts.replace = {**settings.CSP_ADMIN_REPLACEMENTS, **(parts.replace or {})}
        return parts

    def process_response(self, request, response):
        if self._customised(request, response):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response  # as django-csp: Django's debug pages need inline styles
        for header, report_only, exempt, setting in CSP_HEADERS:
            policy = self._built_policy(request, response, report_only)
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (policy and header not in response and not getattr(response, exempt, False)
                    and not request.path_info.startswith(tuple(excluded))):
                response[header] = policy
        # As django-csp: a nonce asked for after the header was written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _built_policy(self, request, response, report_only):
        key = (self._is_admin(request), report_only)
        if key not in _built_policies:
            parts = self.get_policy_parts(request, response, report_only)
            _built_policies[key] = build_policy(**asdict(parts), report_only=report_only)
        return _built_policies[key]

    @staticmethod
    def _is_admin(request):
        return request.path_info.startswith(settings.CSP_ADMIN_PREFIXES)

    @staticmethod
    def _customised(request, response):
        """Whether this response's policy differs from its kind's: a nonce was used, or a
        view decorator set its own policy."""
        return getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in (
                "_csp_config", "_csp_update", "_csp_replace",
                "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro",
            )
        )
