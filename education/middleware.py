"""Education's request middleware."""

from django.middleware.locale import LocaleMiddleware

from page_cache.middleware import BYPASS_PREFIXES


class PublicSiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 redirect outside the public site.

    Wagtail's catch-all page route sits under the language prefixes, so to Django every
    path "exists" with a prefix, and a 404 from the admin, the API or a tracking link would
    be redirected to /en/admin/… . Only the public site's addresses get that redirect.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path.startswith(BYPASS_PREFIXES):
            return response
        return super().process_response(request, response)
