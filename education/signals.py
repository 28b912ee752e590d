"""Retire the anonymous page cache whenever what the public sees may have changed."""

import mimetypes

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import page_cache
from .models import AudienceSegment, RedFlag, ReportScamBox, ScamType, Series

# Caption tracks are served as files; make sure they go out as text/vtt everywhere.
mimetypes.add_type("text/vtt", ".vtt")


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def purge_on_page_change(sender, **kwargs):
    page_cache.purge()


@receiver(post_delete)
def purge_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        page_cache.purge()


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=AudienceSegment)
@receiver(post_save, sender=Series)
@receiver(post_save, sender=ScamType)
@receiver(post_save, sender=ReportScamBox)
@receiver(post_save, sender=RedFlag)
@receiver(post_delete, sender=RedFlag)
@receiver(post_delete, sender=ReportScamBox)
@receiver(post_delete, sender=AudienceSegment)
@receiver(post_delete, sender=Series)
@receiver(post_delete, sender=ScamType)
def purge_on_taxonomy_change(sender, **kwargs):
    page_cache.purge()
