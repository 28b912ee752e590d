"""The Campaigns menu in the Wagtail admin, live pages only in the link destination chooser,
and the reach reports (their URLs, their items in the Campaigns menu, the dashboard panel)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .figures import learning
from .views import evidence, reports
from .viewsets import LIVE_DESTINATION_CHOOSER, CampaignViewSetGroup

CAMPAIGNS_SUBMENU_HOOK = "register_campaigns_menu_item"


class CampaignMenuGroup(CampaignViewSetGroup):
    """The Campaigns menu; items registered with the hook below join its viewsets' items."""

    submenu_hook = CAMPAIGNS_SUBMENU_HOOK


@hooks.register("register_admin_viewset")
def register_campaign_viewsets():
    return CampaignMenuGroup()


@hooks.register("construct_page_chooser_queryset")
def live_pages_for_link_destinations(pages, request):
    if request.GET.get("user_perms") == LIVE_DESTINATION_CHOOSER:
        return pages.live()
    return pages


# --- Reach reports ---------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_reach_report_urls():
    return [
        path("campaigns/reports/", reports.ReportIndexView.as_view(), name="campaigns_reports"),
        path("campaigns/reports/<int:pk>/", reports.CampaignReportView.as_view(),
             name="campaigns_report"),
        path("campaigns/reports/<int:pk>/live/", reports.campaign_live,
             name="campaigns_report_live"),
        path("campaigns/reports/compare/", reports.CompareView.as_view(),
             name="campaigns_compare"),
        path("campaigns/reports/annual/", reports.AnnualReportView.as_view(),
             name="campaigns_annual_report"),
        path("campaigns/reports/annual/print/", reports.AnnualReportPrintView.as_view(),
             name="campaigns_annual_report_print"),
        path("campaigns/channel-figures/<int:pk>/evidence/", evidence.evidence_file,
             name="campaigns_evidence_file"),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.can_view_reports(request.user)


@hooks.register(CAMPAIGNS_SUBMENU_HOOK)
def register_reach_reports_menu_item():
    return ReportMenuItem(_("Reach reports"), reverse("campaigns_reports"),
                          name="reach-reports", icon_name="table", order=900)


@hooks.register(CAMPAIGNS_SUBMENU_HOOK)
def register_annual_report_menu_item():
    return ReportMenuItem(_("Annual report"), reverse("campaigns_annual_report"),
                          name="annual-report", icon_name="doc-full", order=910)


@hooks.register("construct_homepage_panels")
def add_weekly_reach_panel(request, panels):
    if reports.can_view_reports(request.user):
        panels.append(reports.WeeklyReachPanel())


@hooks.register("register_annual_report_figure")
def annual_learning_gain(year):
    """The annual report's "Learning gain" (campaigns.figures.learning): the change, with its
    interval, the shares before and after and the pairs as its parts."""
    return {"learning_gain": learning.gain_summary(learning.annual_learning_gain(year))}
