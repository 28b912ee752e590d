"""Retire cached pages whenever Wagtail's public tree may have changed.

Pages published, unpublished, moved or deleted: the page-cache generation moves on
(``page_cache.memo.purge``) and the CDN in front, if any, is purged (``page_cache.cdn``).
Snippets with a live state (scam alerts) purge the CDN; their app purges the generation
(``reviews.signals``). Sites, locales or view restrictions saved or deleted purge the
generation. Apps purge for their own models the same way (``education.signals``).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from . import cdn
from .memo import purge


def purge_on_page_change(sender, instance, **kwargs):
    purge()
    cdn.purge_site(instance)


def purge_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        purge()
        cdn.purge_site()


def purge_cdn_on_snippet_change(sender, instance, **kwargs):
    """Pages send ``published`` too, after ``page_published``, which already purged."""
    if not isinstance(instance, Page):
        cdn.purge_site()


def purge_on_tree_setting_change(sender, **kwargs):
    purge()


def register_signal_handlers():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_on_page_change, dispatch_uid=f"page_cache:{id(signal)}")
    # Any model: deleting a page deletes its specific row (and the Page row) through here.
    post_delete.connect(purge_on_page_delete, dispatch_uid="page_cache:page-delete")
    for signal in (published, unpublished):
        signal.connect(purge_cdn_on_snippet_change, dispatch_uid=f"page_cache:cdn:{id(signal)}")
    for model in (Locale, Site, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(
                purge_on_tree_setting_change, sender=model,
                dispatch_uid=f"page_cache:{model._meta.label}:{id(signal)}",
            )
