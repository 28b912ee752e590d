"""Campaigns, with their tracking links inline: the form (a live destination for each link,
a link with recorded reach kept), the link tools panel, the edit/delete/index views and the
viewset."""

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    InlinePanel,
    ObjectList,
    Panel,
    get_form_for_model,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser, Button
from wagtail.permissions import policy_registry

from .. import days, qr
from ..embedding import embed_problem, embed_snippet, parse_embed_origins
from ..figures import percent
from ..models import Campaign, CampaignReachFigure, DailyRollup, ReachEvent, TrackingLink
from ..views import posters
from ..views.reports import can_view_reports
from .permissions import ANY_PERMISSION, RegisterAllPermissionsMixin

# The page chooser passes its own query parameters (page_type, user_perms, …) on while the
# editor browses and searches in the modal, and lets hooks narrow the pages it offers. A
# user_perms value of our own marks the destination chooser, so the construct_page_chooser_
# queryset hook in wagtail_hooks.py offers live pages only there (form validation is the guard).
LIVE_DESTINATION_CHOOSER = "campaigns_live_destination"


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

    def clean_embed_origins(self):
        """One normalised origin a line (what the embed page's header will say)."""
        return "\n".join(parse_embed_origins(self.cleaned_data.get("embed_origins")))

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
                    context["link"] = link
                    context["embed_problem"] = embed_problem(link)
                    if not context["embed_problem"]:
                        context["embed_snippet"] = embed_snippet(link, self.request)
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


class Status:
    """The campaigns list's status filter: ``Campaign.status_on`` by the campaign's dates in
    the site's time zone, and the same as a query."""

    UPCOMING, RUNNING, ENDED = "upcoming", "running", "ended"
    CHOICES = [(UPCOMING, _("Upcoming")), (RUNNING, _("Running")), (ENDED, _("Ended"))]

    @classmethod
    def filter(cls, status, day):
        return {
            cls.UPCOMING: Q(starts_on__gt=day),
            cls.RUNNING: Q(starts_on__lte=day, ends_on__gte=day),
            cls.ENDED: Q(ends_on__lt=day),
        }[status]


class CampaignFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.CHOICES, method="filter_status",
        empty_label=_("Any status"),
    )

    def filter_status(self, queryset, name, value):
        return queryset.filter(Status.filter(value, days.today())) if value else queryset

    class Meta:
        model = Campaign
        fields = []


class StatusColumn(Column):
    cell_template_name = "campaigns/admin/cells/status.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        status = instance.status_on(days.today())
        context.update(status=status, status_label=dict(Status.CHOICES)[status])
        return context


class ReachSoFarColumn(Column):
    """Online reach so far (the stored figure, CampaignReachFigure ALL) against the goal,
    with a bar; the figure rides on the listing's one query (``reach_so_far``)."""

    cell_template_name = "campaigns/admin/cells/reach_so_far.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        reach = instance.reach_so_far or 0
        goal = instance.reach_goal
        context.update(reach=reach, goal=goal, progress=percent(reach, goal) if goal else None,
                       meter_value=min(reach, goal) if goal else None)
        return context


def with_reach_so_far(queryset):
    return queryset.annotate(reach_so_far=Subquery(
        CampaignReachFigure.objects.filter(
            campaign=OuterRef("pk"), dimension=CampaignReachFigure.Dimension.ALL
        ).values("unique_visitors")[:1]
    ))


class CampaignIndexView(generic.IndexView):
    def get_base_queryset(self):
        return with_reach_so_far(super().get_base_queryset().annotate(link_count=Count("links")))

    @cached_property
    def columns(self):
        """Reach so far is a report figure: only for users who may see reach reports."""
        columns = super().columns
        if not can_view_reports(self.request.user):
            columns = [c for c in columns if not isinstance(c, ReachSoFarColumn)]
        return columns

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if report_button := campaign_report_button(self.request.user, instance):
            buttons.append(report_button)
        return buttons


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
        StatusColumn("status", label=_("Status")),
        LinkCountColumn("link_count", label=_("Tracking links"), sort_key="link_count"),
        ReachSoFarColumn("reach_so_far", label=_("Reach so far"), sort_key="reach_so_far"),
    ]
    filterset_class = CampaignFilterSet
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
