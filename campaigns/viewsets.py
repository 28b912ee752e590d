"""Admin screens for marketing: campaigns (with their tracking links inline) and the list of
every tracking link with its short URL, QR code downloads and printable poster.

Wagtail's ModelViewSet fits: campaigns need no revisions or drafts, and the model's own panels
(with the InlinePanel of links) drive the form. Permissions are the models' own
(add / change / delete / view on campaign and tracking link).
"""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    get_form_for_model,
)
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import AdminPageChooser, Button, HeaderButton
from wagtail.permissions import policy_registry

from . import imports, qr
from .forms import ChannelFigureAdminForm, OfflineEventAdminForm
from .models import Campaign, ChannelFigure, DailyRollup, OfflineEvent, ReachEvent, TrackingLink
from .views import imports as import_views
from .views import posters

# The page chooser passes its own query parameters (page_type, user_perms, …) on while the
# editor browses and searches in the modal, and lets hooks narrow the pages it offers. A
# user_perms value of our own marks the destination chooser, so the construct_page_chooser_
# queryset hook in wagtail_hooks.py offers live pages only there (form validation is the guard).
LIVE_DESTINATION_CHOOSER = "campaigns_live_destination"
ANY_PERMISSION = ["add", "change", "delete", "view"]


class LiveDestinationChooser(AdminPageChooser):
    def __init__(self, **kwargs):
        kwargs.setdefault("user_perms", LIVE_DESTINATION_CHOOSER)
        super().__init__(**kwargs)


def destination_problem(page):
    """Why a page cannot be a tracking link's destination, or None."""
    if page.depth <= 1:
        return gettext("Choose a page of the site, not the root of the page tree.")
    if not page.live:
        return gettext(
            "“%(title)s” is not published. A tracking link can only open a live page: "
            "publish the page first, or choose another one."
        ) % {"title": page.get_admin_display_title()}
    if page.get_url() is None:
        return gettext("“%(title)s” is not part of this site.") % {"title": page.title}
    if page.get_view_restrictions().exists():
        return gettext(
            "“%(title)s” is private: people scanning a poster could not open it."
        ) % {"title": page.title}
    return None


def has_recorded_reach(**lookup):
    """Whether events or daily figures were recorded for a link or campaign (by lookup)."""
    return ReachEvent.objects.filter(**lookup).exists() or DailyRollup.objects.filter(
        **lookup
    ).exists()


class TrackingLinkAdminForm(WagtailAdminModelForm):
    """One tracking link in the campaign form: a live destination; a code kept once used."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "destination" in self.fields:
            self.fields["destination"].widget = LiveDestinationChooser()

    def clean_destination(self):
        page = self.cleaned_data.get("destination")
        if page is not None and (problem := destination_problem(page)):
            raise ValidationError(problem, code="destination_not_allowed")
        return page

    def clean_code(self):
        code = self.cleaned_data.get("code")
        if (
            self.instance.pk
            and code != self.instance.code
            and has_recorded_reach(link=self.instance)
        ):
            raise ValidationError(
                gettext(
                    "This link has recorded reach, so posters or messages already use "
                    "“%(code)s”. Keep the code, or add a new link instead."
                ) % {"code": self.instance.code},
                code="code_in_use",
            )
        return code


class TrackingLinksPanel(InlinePanel):
    """The campaign's InlinePanel of links, with TrackingLinkAdminForm as each link's form."""

    def get_form_options(self):
        options = super().get_form_options()
        child_options = self.child_edit_handler.get_form_options()
        extra = {}
        if child_options.get("defer_required_on_fields"):
            extra["defer_required_on_fields"] = child_options["defer_required_on_fields"]
        options["formsets"][self.relation_name]["form"] = get_form_for_model(
            self.db_field.related_model, form_class=TrackingLinkAdminForm, **extra
        )
        return options


class CampaignAdminForm(WagtailAdminModelForm):
    def is_valid(self):
        valid = super().is_valid()
        links = self.formsets.get("links")
        if valid and links is not None:
            for form in links.deleted_forms:
                link = form.instance
                if link.pk and has_recorded_reach(link=link):
                    self.add_error(None, gettext(
                        "The link “%(code)s” has recorded reach and cannot be deleted: its "
                        "figures would be lost. Reload the page to keep it, and change its "
                        "label instead."
                    ) % {"code": link.code})
                    valid = False
        return valid


def can_see_links(user):
    return policy_registry.get_by_type(TrackingLink).user_has_any_permission(
        user, ANY_PERMISSION
    )


def link_tool_urls(link):
    args = (link.campaign_id, link.pk)
    return {
        "svg": reverse("campaigns:link_qr_svg", args=args),
        "png": reverse("campaigns:link_qr_png", args=args),
        "poster": reverse("campaigns:link_poster", args=args),
    }


class LinkToolsPanel(Panel):
    """Inside each tracking link of the campaign form: its short URL, QR code and poster."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "campaigns/admin/panels/link_tools.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            link = self.instance
            saved = bool(link is not None and link.pk and link.code)
            context["saved"] = saved
            if saved:
                context["short_url"] = qr.short_url(link, self.request)
                context["base_url_problems"] = qr.base_url_problems(self.request)
                context["destination_problem"] = (
                    destination_problem(link.destination) if link.destination_id else None
                )
                if self.request is not None and can_see_links(self.request.user):
                    context["urls"] = link_tool_urls(link)
            return context


def campaign_panels():
    """The model's panels, with the link tools added to each inline tracking link."""
    panels = []
    for panel in Campaign.panels:
        if isinstance(panel, InlinePanel) and panel.relation_name == "links":
            kwargs = panel.clone_kwargs()
            kwargs["panels"] = [*TrackingLink.panels, LinkToolsPanel(heading=_("QR code"))]
            panel = TrackingLinksPanel(**kwargs)
        panels.append(panel)
    return panels


def campaign_report_button(user, campaign):
    """The "Report" button of a campaign (listing and edit view), for users who may see it."""
    from .views.reports import can_view_reports

    if not can_view_reports(user):
        return None
    return Button(_("Report"), url=reverse("campaigns_report", args=(campaign.pk,)),
                  icon_name="table", priority=4)


class CampaignEditView(generic.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can_see_links(self.request.user):
            buttons.append(Button(
                _("QR codes and posters"),
                url=reverse("tracking_links:index") + f"?campaign={self.object.pk}",
                icon_name="link", priority=5,
            ))
        if report_button := campaign_report_button(self.request.user, self.object):
            buttons.append(report_button)
        return buttons


class CampaignDeleteView(generic.DeleteView):
    """Deleting a campaign would delete its daily figures too; refuse once it has reach."""

    @cached_property
    def protected_by_reach(self):
        return has_recorded_reach(campaign=self.object)

    @property
    def confirmation_message(self):
        if self.protected_by_reach:
            return gettext(
                "This campaign has recorded reach and cannot be deleted: its figures would be "
                "lost. Change its end date instead."
            )
        return super().confirmation_message

    def form_valid(self, form):
        if self.protected_by_reach:
            messages.error(self.request, self.confirmation_message)
            return redirect(reverse(self.edit_url_name, args=(self.object.pk,)))
        return super().form_valid(form)


class LinkCountColumn(Column):
    cell_template_name = "campaigns/admin/cells/link_count.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["count"] = instance.link_count
        request = parent_context.get("request")
        if request is not None and can_see_links(request.user):
            context["links_url"] = reverse("tracking_links:index") + f"?campaign={instance.pk}"
        return context


class CampaignIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(link_count=Count("links"))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if report_button := campaign_report_button(self.request.user, instance):
            buttons.append(report_button)
        return buttons


class RegisterAllPermissionsMixin:
    def get_permissions_to_register(self):
        # All four, "view" included: a view-only user can list links and print posters.
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model)
        )


class CampaignViewSet(RegisterAllPermissionsMixin, ModelViewSet):
    model = Campaign
    name = "campaigns"
    url_prefix = "campaigns"
    icon = "calendar-check"
    menu_label = _("Campaigns")
    menu_order = 100
    index_view_class = CampaignIndexView
    edit_view_class = CampaignEditView
    delete_view_class = CampaignDeleteView
    copy_view_enabled = False  # a copy would repeat every link's unique code
    inspect_view_enabled = True
    inspect_view_fields = [
        "name", "slug", "objective", "starts_on", "ends_on", "reach_goal",
        "target_segments", "lessons",
    ]
    list_display = [
        "name", "starts_on", "ends_on",
        LinkCountColumn("link_count", label=_("Tracking links"), sort_key="link_count"),
        "reach_goal",
    ]
    search_fields = ["name", "slug", "objective"]
    search_backend_name = None  # plain database lookups; no search index to keep up to date

    def get_edit_handler(self):
        return ObjectList(campaign_panels(), base_form_class=CampaignAdminForm).bind_to_model(
            Campaign
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:campaign_pk>/links/<int:link_pk>/qr.svg", posters.qr_svg,
                 name="link_qr_svg"),
            path("<int:campaign_pk>/links/<int:link_pk>/qr.png", posters.qr_png,
                 name="link_qr_png"),
            path("<int:campaign_pk>/links/<int:link_pk>/poster/", posters.poster,
                 name="link_poster"),
        ]


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


class TrackingLinkIndexView(generic.IndexView):
    """Read-only listing: links are created and edited inside their campaign."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("campaign", "destination")

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


# --- Offline events and channel figures: entered one by one, or imported from a file ----------

class ImportableIndexView(generic.IndexView):
    """A listing with an "Import" button (for users who may add) and its related rows
    fetched in the same query."""

    import_kind = None
    related = ()

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(*self.related)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if import_views.can_import(self.request.user, self.import_kind):
            namespace = self.index_url_name.split(":")[0]
            buttons.append(HeaderButton(
                _("Import CSV / XLSX"), url=reverse(f"{namespace}:import"), icon_name="upload",
            ))
        return buttons


class ImportViewSetMixin:
    """The import page and its template download, under the viewset's own URLs."""

    import_kind = None

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", import_views.ImportView.as_view(
                kind=self.import_kind, url_namespace=self.name), name="import"),
            path("import/template.csv", import_views.template_view(self.import_kind),
                 name="import_template"),
        ]


class NumberColumn(Column):
    """A count with thousands separators (12,800)."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return number_format(value, force_grouping=True) if value is not None else ""


class OfflineEventFilterSet(WagtailFilterSet):
    date = DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = OfflineEvent
        fields = ["campaign", "date", "format", "segment"]


class OfflineEventIndexView(ImportableIndexView):
    import_kind = imports.OFFLINE_EVENTS
    related = ("campaign", "segment")


class OfflineEventViewSet(ImportViewSetMixin, RegisterAllPermissionsMixin, ModelViewSet):
    model = OfflineEvent
    name = "offline_events"
    url_prefix = "campaigns/offline-events"
    icon = "group"
    menu_label = _("Offline events")
    menu_order = 300
    import_kind = imports.OFFLINE_EVENTS
    index_view_class = OfflineEventIndexView
    filterset_class = OfflineEventFilterSet
    inspect_view_enabled = True
    inspect_view_fields = [
        "campaign", "date", "place", "partner", "segment", "format", "attendance",
        "materials_handed_out", "lessons", "links", "notes", "import_batch",
    ]
    list_display = [
        "place",
        Column("date", label=_("Date"), sort_key="date"),
        Column("campaign", label=_("Campaign"), sort_key="campaign__name"),
        Column("format", label=_("Format"), accessor="get_format_display", sort_key="format"),
        Column("segment", label=_("Audience"), sort_key="segment__name"),
        NumberColumn("attendance", label=_("Counted attendance"), sort_key="attendance"),
        NumberColumn("materials_handed_out", label=_("Materials"),
                     sort_key="materials_handed_out"),
        Column("partner", label=_("Partner"), sort_key="partner"),
    ]
    search_fields = ["place", "partner", "notes", "campaign__name"]
    search_backend_name = None
    list_per_page = 50
    edit_handler = ObjectList([
        FieldPanel("campaign"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("format")]),
        FieldPanel("place"),
        FieldPanel("partner"),
        FieldPanel("segment"),
        FieldRowPanel([FieldPanel("attendance"), FieldPanel("materials_handed_out")],
                      heading=_("Counted")),
        MultiFieldPanel([FieldPanel("lessons"), FieldPanel("links")],
                        heading=_("Lessons and tracking links used")),
        FieldPanel("notes"),
    ], base_form_class=OfflineEventAdminForm)


class ChannelFigureFilterSet(WagtailFilterSet):
    period = DateFromToRangeFilter(label=_("Period (overlapping)"), method="filter_period",
                                   widget=DateRangePickerWidget)

    class Meta:
        model = ChannelFigure
        fields = ["campaign", "channel", "metric", "period"]

    def filter_period(self, queryset, name, value):
        if value and value.start:
            queryset = queryset.filter(period_end__gte=value.start)
        if value and value.stop:
            queryset = queryset.filter(period_start__lte=value.stop)
        return queryset


class ChannelFigureIndexView(ImportableIndexView):
    import_kind = imports.CHANNEL_FIGURES
    related = ("campaign",)


class PeriodColumn(Column):
    def get_value(self, instance):
        return f"{instance.period_start} – {instance.period_end}"


class ChannelFigureViewSet(ImportViewSetMixin, RegisterAllPermissionsMixin, ModelViewSet):
    model = ChannelFigure
    name = "channel_figures"
    url_prefix = "campaigns/channel-figures"
    icon = "table"
    menu_label = _("Channel figures")
    menu_order = 400
    import_kind = imports.CHANNEL_FIGURES
    index_view_class = ChannelFigureIndexView
    filterset_class = ChannelFigureFilterSet
    inspect_view_enabled = True
    inspect_view_fields = [
        "campaign", "channel", "partner", "period_start", "period_end", "metric", "value",
        "source", "method", "evidence_url", "evidence_file", "import_batch",
    ]
    list_display = [
        "partner",
        Column("campaign", label=_("Campaign"), sort_key="campaign__name"),
        Column("channel", label=_("Channel"), accessor="get_channel_display",
               sort_key="channel"),
        PeriodColumn("period", label=_("Period"), sort_key="period_start"),
        Column("metric", label=_("Metric"), accessor="get_metric_display", sort_key="metric"),
        NumberColumn("value", label=_("Value"), sort_key="value"),
        Column("source", label=_("Source"), sort_key="source"),
    ]
    search_fields = ["partner", "source", "method", "campaign__name"]
    search_backend_name = None
    list_per_page = 50
    edit_handler = ObjectList([
        FieldPanel("campaign"),
        FieldRowPanel([FieldPanel("channel"), FieldPanel("partner")]),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")],
                      heading=_("Period")),
        FieldRowPanel([FieldPanel("metric"), FieldPanel("value")]),
        FieldPanel("source"),
        FieldPanel("method"),
        MultiFieldPanel([FieldPanel("evidence_url"), FieldPanel("evidence_file")],
                        heading=_("Evidence")),
    ], base_form_class=ChannelFigureAdminForm)


class CampaignViewSetGroup(ModelViewSetGroup):
    menu_label = _("Campaigns")
    menu_icon = "crosshairs"
    menu_order = 220
    items = (CampaignViewSet, TrackingLinkViewSet, OfflineEventViewSet, ChannelFigureViewSet)
