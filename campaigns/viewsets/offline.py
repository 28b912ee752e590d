"""Offline events and channel figures: entered one by one, or imported from a file."""

from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from .. import imports
from ..forms import ChannelFigureAdminForm, OfflineEventAdminForm
from ..models import ChannelFigure, OfflineEvent
from ..views import imports as import_views
from .permissions import RegisterAllPermissionsMixin


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
