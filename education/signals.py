"""Retire the anonymous page cache when education's own content shown on every page changes
(pages, sites, locales and view restrictions: ``page_cache.signal_handlers``)."""

import mimetypes

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from page_cache.memo import purge

from .models import AudienceSegment, RedFlag, ReportScamBox, ScamType, Series

# Caption tracks are served as files; make sure they go out as text/vtt everywhere.
mimetypes.add_type("text/vtt", ".vtt")


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
    purge()
