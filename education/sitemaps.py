"""The sitemap's sections: the pages of every language, and the audience landing pages."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from .models import AudienceSegment


class PagesSitemap(WagtailSitemap):
    """Live public pages of every language's tree.

    Wagtail's own sitemap lists the descendants of the Site's root page, which is the default
    language's home page; each translation of that home page roots a sibling tree (/zh-hans/…),
    so this lists the descendants of the root page and of each of its translations.
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for home_path in [root.path, *root.get_translations().values_list("path", flat=True)]:
            trees |= Q(path__startswith=home_path)
        return (
            Page.objects.filter(trees).live().public().order_by("path")
            .defer_streamfields().specific()
        )


class AudienceSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return AudienceSegment.objects.all()
