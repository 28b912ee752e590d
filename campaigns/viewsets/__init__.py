"""Admin screens for marketing: campaigns (with their tracking links inline), the list of
every tracking link with its short URL, QR code downloads and printable poster, and offline
events and channel figures (entered one by one, or imported from a file).

Wagtail's ModelViewSet fits: campaigns need no revisions or drafts, and the model's own panels
(with the InlinePanel of links) drive the form. Permissions are the models' own
(add / change / delete / view on each model).

One module per screen family: ``campaign``, ``tracking_links``, ``offline``; ``permissions``
holds what they share. This module is the package's API: the menu group that
campaigns.wagtail_hooks registers, and the chooser marker its page-chooser hook reads.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSetGroup

from .campaign import LIVE_DESTINATION_CHOOSER, CampaignViewSet
from .offline import ChannelFigureViewSet, OfflineEventViewSet
from .tracking_links import TrackingLinkViewSet

__all__ = ["LIVE_DESTINATION_CHOOSER", "CampaignViewSetGroup"]


class CampaignViewSetGroup(ModelViewSetGroup):
    menu_label = _("Campaigns")
    menu_icon = "crosshairs"
    menu_order = 220
    items = (CampaignViewSet, TrackingLinkViewSet, OfflineEventViewSet, ChannelFigureViewSet)
