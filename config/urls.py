from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from campaigns.views import ingest as ingest_views
from campaigns.views import links as link_views
from education import routing
from education import views as education_views
from education.sitemaps import AudienceSitemap

from . import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path(
        "sitemap.xml", sitemap,
        {"sitemaps": {"pages": WagtailSitemap, "audiences": AudienceSitemap}}, name="sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("go/<str:code>", link_views.go, name="tracking-link"),
    path("api/reach/events", ingest_views.reach_events, name="reach-events"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The public site in each language: /zh-hans/… and /en/…; / redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("search/", education_views.search, name="search"),
    path("audiences/<slug:slug>/", education_views.audience, name="audience"),
    # Wagtail's page URLs (its own serve pattern), routed from memory first; Wagtail's
    # include below keeps its other URLs and the "wagtail_serve" name for reversing.
    re_path(wagtail_urls.serve_pattern, routing.serve),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)



