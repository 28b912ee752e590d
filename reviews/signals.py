"""Retire cached public pages when what the scam-alert banner shows may have changed."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from education import page_cache

from .models import ScamAlert


@receiver(published, sender=ScamAlert)
@receiver(unpublished, sender=ScamAlert)
@receiver(post_delete, sender=ScamAlert)
def purge_on_alert_change(sender, **kwargs):
    page_cache.purge()
