"""Retire cached public pages when what the scam-alert banner or a lesson's "checked on"
note shows may have changed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from page_cache.memo import purge

from .models import ReviewSchedule, ScamAlert


@receiver(published, sender=ScamAlert)
@receiver(unpublished, sender=ScamAlert)
@receiver(post_delete, sender=ScamAlert)
def purge_on_alert_change(sender, **kwargs):
    purge()


@receiver(post_save, sender=ReviewSchedule)
@receiver(post_delete, sender=ReviewSchedule)
def purge_on_review_dates_change(sender, **kwargs):
    """Lesson pages say when they were last checked (``{% review_note %}``)."""
    purge()
