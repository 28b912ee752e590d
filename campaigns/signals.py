"""Keep what depends on a campaign in step with it when it is saved."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Campaign
from .privacy import follow_campaign_end


@receiver(post_save, sender=Campaign)
def salt_follows_the_campaign_end(sender, instance, raw=False, **kwargs):
    """A changed end date moves the campaign salt's destruction with it (campaigns.privacy)."""
    if not raw:
        follow_campaign_end(instance)
