"""The OpenAPI schema's parts drf-spectacular cannot see by itself: the bearer scheme, and
which paths are the API (the URL configuration also holds Wagtail's own admin API)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

API_PREFIX = "/api/v1/"


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "reach_api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http", "scheme": "bearer", "bearerFormat": "ssk_<prefix>_<secret>",
            "description": "An API token an administrator created in the admin (Settings → "
                           "API tokens), scope read:reach.",
        }


def only_reach_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: the read API's endpoints only."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]
