"""Keep what depends on a campaign in step with it when it is saved."""

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from .models import Campaign, OfflineEvent, TrackingLink
from .privacy import follow_campaign_end


@receiver(post_save, sender=Campaign)
def salt_follows_the_campaign_end(sender, instance, raw=False, **kwargs):
    """A changed end date moves the campaign salt's destruction with it (campaigns.privacy)."""
    if not raw:
        follow_campaign_end(instance)


@receiver(m2m_changed, sender=OfflineEvent.links.through)
def links_belong_to_the_event_campaign(sender, instance, action, reverse, pk_set, **kwargs):
    """An offline event's tracking links are its campaign's (OfflineEvent.links_problem),
    however they are added: the admin form shows the message first, the shell is refused."""
    if action != "pre_add" or reverse or not pk_set:
        return
    links = TrackingLink.objects.filter(pk__in=pk_set).order_by("code")
    problem = OfflineEvent.links_problem(instance.campaign, links)
    if problem:
        raise ValidationError({"links": problem})
