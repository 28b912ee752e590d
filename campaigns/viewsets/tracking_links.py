"""The list of every tracking link with its short URL, QR code downloads and printable
poster (links are edited inline on their campaign)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from .. import qr
from ..embedding import embed_problem, embed_snippet
from ..models import Campaign, TrackingLink
from .campaign import link_tool_urls
from .permissions import RegisterAllPermissionsMixin


class LinkTitleColumn(TitleColumn):
    """The code, linking to the campaign form where the link is edited."""

    def get_link_url(self, instance, parent_context):
        request = parent_context.get("request")
        policy = policy_registry.get_by_type(Campaign)
        if request is not None and policy.user_has_permission(request.user, "change"):
            return reverse("campaigns:edit", args=(instance.campaign_id,))
        return None


class ShortUrlColumn(Column):
    cell_template_name = "campaigns/admin/cells/short_url.html"

    def get_value(self, instance):
        return instance

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["short_url"] = qr.short_url(instance, parent_context.get("request"))
        return context


class DestinationColumn(Column):
    cell_template_name = "campaigns/admin/cells/destination.html"

    def get_value(self, instance):
        return instance.destination


class QrActionsColumn(Column):
    cell_template_name = "campaigns/admin/cells/qr_actions.html"

    def get_value(self, instance):
        return instance

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["urls"] = link_tool_urls(instance)
        return context


class EmbedColumn(Column):
    """The link's embed snippet with a copy button, or why there is none yet."""

    cell_template_name = "campaigns/admin/cells/embed_snippet.html"

    def get_value(self, instance):
        return instance

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["link"] = instance
        # The origins only: checking each destination's page type would cost a query a row.
        context["embed_problem"] = embed_problem(instance, check_page=False)
        if not context["embed_problem"]:
            context["embed_snippet"] = embed_snippet(instance, parent_context.get("request"))
        return context


class TrackingLinkIndexView(generic.IndexView):
    """Read-only listing: links are created and edited inside their campaign."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(
            "campaign", "destination", "destination__locale"
        )

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        if policy_registry.get_by_type(Campaign).user_has_permission(
            self.request.user, "change"
        ):
            return reverse("campaigns:edit", args=(instance.campaign_id,))
        return None

    def get_delete_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None


class TrackingLinkViewSet(RegisterAllPermissionsMixin, ModelViewSet):
    model = TrackingLink
    name = "tracking_links"
    url_prefix = "campaigns/links"
    icon = "link"
    menu_label = _("Tracking links and QR codes")
    menu_order = 200
    index_view_class = TrackingLinkIndexView
    add_to_reference_index = False  # recorded under its campaign (ParentalKey)
    copy_view_enabled = False
    list_display = [
        LinkTitleColumn("code", label=_("Code"), sort_key="code"),
        ShortUrlColumn("short_url", label=_("Short URL")),
        Column("channel", label=_("Channel"), accessor="get_channel_display",
               sort_key="channel"),
        Column("label", label=_("Label"), sort_key="label"),
        DestinationColumn("destination", label=_("Destination"), sort_key="destination__title"),
        Column("campaign", label=_("Campaign"), sort_key="campaign__name"),
        QrActionsColumn("qr", label=_("QR code and poster")),
        EmbedColumn("embed", label=_("Embed on a partner's site")),
    ]
    list_filter = ["campaign", "channel"]
    search_fields = ["code", "label", "campaign__name", "destination__title"]
    search_backend_name = None
    list_per_page = 50

    def get_urlpatterns(self):
        # Only the listing: adding, editing and deleting happen in the campaign form.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def register_admin_url_finder(self):
        pass  # a link's edit URL is its campaign's, which that viewset's finder gives
