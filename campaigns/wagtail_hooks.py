"""The Campaigns menu in the Wagtail admin, and live pages only in the link destination chooser."""

from wagtail import hooks

from .viewsets import LIVE_DESTINATION_CHOOSER, CampaignViewSetGroup


@hooks.register("register_admin_viewset")
def register_campaign_viewsets():
    return CampaignViewSetGroup()


@hooks.register("construct_page_chooser_queryset")
def live_pages_for_link_destinations(pages, request):
    if request.GET.get("user_perms") == LIVE_DESTINATION_CHOOSER:
        return pages.live()
    return pages
