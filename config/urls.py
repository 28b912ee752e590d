from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from campaigns.views import embed as embed_views
from campaigns.views import ingest as ingest_views
from campaigns.views import links as link_views
from education import views as education_views
from education.sitemaps import AudienceSitemap, PagesSitemap
from page_cache import routing
from reach_api import views as api_views

from . import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path(
        "sitemap.xml", sitemap,
        {"sitemaps": {"pages": PagesSitemap, "audiences": AudienceSitemap}}, name="sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("go/<str:code>", link_views.go, name="tracking-link"),
    # A tracking link's lesson for a partner's <iframe>, in the lesson's own language (no
    # prefix); a scenario's player routes follow under it (campaigns/views/embed.py).
    path("embed/<str:code>/", embed_views.embed, name="embed"),
    path("embed/<str:code>/<path:subpath>", embed_views.embed, name="embed-subpage"),
    path("api/reach/events", ingest_views.reach_events, name="reach-events"),
    # The read API for analysts (reach_api; docs/public-contract.md#the-read-api-apiv1)
    path("api/v1/campaigns/", api_views.CampaignListView.as_view(), name="api-campaigns"),
    path("api/v1/campaigns/<int:pk>/", api_views.CampaignFiguresView.as_view(),
         name="api-campaign"),
    path("api/v1/campaigns/<int:pk>/tables/<slug:table>/", api_views.CampaignTableView.as_view(),
         name="api-campaign-table"),
    path("api/v1/annual/", api_views.AnnualYearsView.as_view(), name="api-annual-years"),
    path("api/v1/annual/<int:year>/", api_views.AnnualReportView.as_view(), name="api-annual"),
    path("api/v1/definitions/", api_views.DefinitionsView.as_view(), name="api-definitions"),
    path("api/v1/schema/", api_views.SchemaView.as_view(), name="api-schema"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own URLs in their order (the password and login forms under _util/ come before
# the catch-all page pattern), with its page view routed from memory first.
wagtail_page_urls = [
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve")
    if getattr(pattern, "name", None) == "wagtail_serve" else pattern
    for pattern in wagtail_urls.urlpatterns
]

# The public site in each language: /zh-hans/… and /en/…; / redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("search/", education_views.search, name="search"),
    path("audiences/<slug:slug>/", education_views.audience, name="audience"),
    path("", include(wagtail_page_urls)),
    prefix_default_language=True,
)



