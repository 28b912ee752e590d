"""Retire the anonymous page cache whenever Wagtail's public tree may have changed.

Pages published, unpublished, moved or deleted, and sites, locales or view restrictions
saved or deleted: each purges the generation (``page_cache.memo.purge``). Apps purge for their
own models the same way (``education.signals``, ``reviews.signals``).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .memo import purge


def purge_on_page_change(sender, **kwargs):
    purge()


def purge_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        purge()


def purge_on_tree_setting_change(sender, **kwargs):
    purge()


def register_signal_handlers():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_on_page_change, dispatch_uid=f"page_cache:{id(signal)}")
    # Any model: deleting a page deletes its specific row (and the Page row) through here.
    post_delete.connect(purge_on_page_delete, dispatch_uid="page_cache:page-delete")
    for model in (Locale, Site, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(
                purge_on_tree_setting_change, sender=model,
                dispatch_uid=f"page_cache:{model._meta.label}:{id(signal)}",
            )
