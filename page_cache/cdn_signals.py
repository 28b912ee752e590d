"""Purge the CDN when what the public sees changes (see page_cache/cdn.py for the rules).

``connect()`` is called once, from page_cache's AppConfig.ready() (page_cache/apps.py).
"""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from . import cdn


def purge_for_page(sender, instance, **kwargs):
    cdn.purge_site(instance)


def purge_for_deleted_page(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        cdn.purge_site()


def purge_for_snippet(sender, instance, **kwargs):
    """Snippets with a live state (scam alerts): shown across the site. Pages send
    ``published`` too, after ``page_published``, which already purged."""
    if not isinstance(instance, Page):
        cdn.purge_site()


def connect():
    uid = "page_cache.cdn"
    page_published.connect(purge_for_page, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(purge_for_page, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(purge_for_page, dispatch_uid=f"{uid}.moved")
    post_delete.connect(purge_for_deleted_page, dispatch_uid=f"{uid}.deleted")
    published.connect(purge_for_snippet, dispatch_uid=f"{uid}.snippet_published")
    unpublished.connect(purge_for_snippet, dispatch_uid=f"{uid}.snippet_unpublished")
