"""Bearer-token authentication, scope and rate limit for the read API (Django REST framework's
documented extension points: an authentication class, a permission class, a throttle).

The API accepts a token in ``Authorization: Bearer <token>`` and nothing else: no session,
no cookie, no token in the query string (it would end up in access logs and browser history).
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from . import tokens
from .models import ApiToken, Scope

REALM = "ScamSense API"


class TokenClient:
    """The caller of an authenticated request (``request.user``): the token's holder, not a
    Django user, so no admin permission can ever apply to an API call."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, token):
        self.token = token

    def __str__(self):
        return self.token.display_prefix


class BearerTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer ssk_…``. No header (or another scheme): not authenticated (401
    from the permission check). A malformed, unknown or revoked token: 401 at once. The error
    never says which of these it was, and never repeats the token."""

    def authenticate(self, request):
        token = tokens.bearer_token(request.META.get("HTTP_AUTHORIZATION"))
        if token is None:
            return None
        prefix = tokens.prefix_of(token)
        found = ApiToken.objects.filter(prefix=prefix).first() if prefix else None
        if found is None or not tokens.matches(token, found.key_digest) or found.is_revoked:
            raise exceptions.AuthenticationFailed(
                _("The token is not valid: it is malformed, unknown or revoked.")
            )
        found.note_use()
        return TokenClient(found), found

    def authenticate_header(self, request):
        return f'Bearer realm="{REALM}"'


class HasScope(BasePermission):
    """The token's scope must be the view's ``required_scope`` (403 otherwise); no token at
    all is 401 (DRF answers NotAuthenticated with the WWW-Authenticate header above)."""

    message = _("This token's scope does not allow this request.")

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            raise exceptions.NotAuthenticated(
                _("Send an API token: Authorization: Bearer <token>.")
            )
        return token.scope == getattr(view, "required_scope", Scope.READ_REACH)


class TokenRateThrottle(SimpleRateThrottle):
    """At most settings.REACH_API_RATE_LIMIT calls per token (e.g. "120/min"), counted in the
    default cache (Redis in production, shared by every app server). When the cache is down
    the count is lost and calls are let through (fails open, like the beacon's limit)."""

    scope = "api_token"

    def get_rate(self):
        return settings.REACH_API_RATE_LIMIT

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None  # unauthenticated calls fail before the throttle matters
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
