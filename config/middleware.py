"""Middleware of the project as a whole."""

from django.urls import resolve, reverse
from django.utils.functional import cached_property

# Endpoints that machines call many times per page view or per minute, with no use for a
# session, a user, messages, a language, CSRF (the beacon is exempt), static files, the page
# cache or redirects.
LEAN_URL_NAMES = ("reach-events", "healthz")


class LeanEndpointsMiddleware:
    """Answer the lean endpoints at once, skipping the middleware below this one.

    The beacon takes several requests per page view; the rest of the stack (sessions, auth,
    messages, locale, CSRF, WhiteNoise, redirects) and URL resolution were about a quarter of
    its in-process cost and did nothing for it. Placed after SecurityMiddleware, so the
    answers keep the security headers; the host is still checked against ALLOWED_HOSTS.
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
        request.get_host()  # DisallowedHost → 400, as CommonMiddleware would answer
        response = view(request)
        # As CommonMiddleware does: without it the server would answer chunked.
        if not response.streaming and not response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(response.content))
        return response
