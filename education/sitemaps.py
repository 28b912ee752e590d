"""Sitemap entries that are not Wagtail pages (Wagtail's own sitemap lists the pages)."""

from django.contrib.sitemaps import Sitemap

from .models import AudienceSegment


class AudienceSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return AudienceSegment.objects.all()
