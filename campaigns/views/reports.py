"""Reach reports in the admin: the list of campaign reports, one campaign's report, the
comparison of campaigns, the annual report (screen, print page, exports) and the dashboard
panel. Every figure comes from campaigns.figures; these views only choose, check and render.

Every view and export needs the ``campaigns.view_reach_reports`` permission (403 without it,
before anything is looked up, so an unknown campaign id tells nothing either).
"""


from django import forms
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button

from staff.views import admin_forbidden

from .. import days, figures, live
from ..exports import TableExport, workbook_response
from ..models import Campaign
from ..templatetags.campaign_reports import table_rows_html

REPORT_PERMISSION = "campaigns.view_reach_reports"
MAX_PERIOD_DAYS = 3 * 366
EXPORT_FORMATS = ("csv", "xlsx")


def can_view_reports(user):
    return user.has_perm(REPORT_PERMISSION)


def forbidden(request):
    return admin_forbidden(request, gettext("No access to reach reports"), gettext(
        "Reach reports and their exports need the permission “Can view reach reports”. "
        "Members of the Marketing group have it; ask an administrator if you need it."
    ))


# --- forms -----------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(forms.Form):
    """An optional date range; empty means the whole campaign."""

    start = forms.DateField(label=_("From"), required=False, widget=DateInput(),
                            input_formats=["%Y-%m-%d"],
                            error_messages={"invalid": _("Enter the start as YYYY-MM-DD.")})
    end = forms.DateField(label=_("To (inclusive)"), required=False, widget=DateInput(),
                          input_formats=["%Y-%m-%d"],
                          error_messages={"invalid": _("Enter the end as YYYY-MM-DD.")})

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if self.errors:
            return data
        if start and end and end < start:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        start = start or self.campaign.starts_on
        end = end or self.campaign.ends_on
        if end < start:
            raise forms.ValidationError(_(
                "With only one date given, the other is the campaign's (%(start)s to "
                "%(end)s): the range would end before it starts."
            ) % {"start": self.campaign.starts_on, "end": self.campaign.ends_on})
        if (end - start).days > MAX_PERIOD_DAYS:
            raise forms.ValidationError(
                _("Choose a range of at most %(days)s days.") % {"days": MAX_PERIOD_DAYS}
            )
        return data

    def period(self):
        """The chosen figures.Period (the whole campaign when no date is given)."""
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        campaign = self.campaign
        if not start and not end:
            return figures.Period.of_campaign(campaign)
        start, end = start or campaign.starts_on, end or campaign.ends_on
        if (start, end) == (campaign.starts_on, campaign.ends_on):
            return figures.Period.of_campaign(campaign)
        return figures.Period(start, end)


class CompareForm(forms.Form):
    campaign = forms.ModelMultipleChoiceField(
        label=_("Campaigns"), queryset=Campaign.objects.order_by("-starts_on", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least two campaigns to compare."),
                        "invalid_choice": _("One of the campaigns does not exist."),
                        "invalid_pk_value": _("“%(pk)s” is not a campaign.")},
    )

    def clean_campaign(self):
        chosen = self.cleaned_data["campaign"]
        if len(chosen) < 2:
            raise forms.ValidationError(_("Choose at least two campaigns to compare."))
        return chosen


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "Choose a year from the list."
        )


# --- base ------------------------------------------------------------------------------------


class ReachReportBaseView(WagtailAdminTemplateMixin, TemplateView):
    """What every reach report screen shares: the permission check, breadcrumbs, the site's
    time zone, and the CSV/XLSX exports of its tables."""

    header_icon = "table"
    export_name = "reach-report"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("campaigns_reports"), "label": gettext("Reach reports")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["time_zone"] = days.zone_name()  # report days are days in this zone
        return context

    @cached_property
    def export_format(self):
        value = self.request.GET.get("export")
        return value if value in EXPORT_FORMATS else None

    def export_url(self, export_format, table=None):
        params = self.request.GET.copy()
        params["export"] = export_format
        params.pop("table", None)
        if table:
            params["table"] = table
        return f"{self.request.path}?{params.urlencode()}"

    def export(self, tables, about, filename, definitions=()):
        """Answer ?export=csv|xlsx[&table=key]: one table as CSV or XLSX, or all as XLSX."""
        key = self.request.GET.get("table")
        if not key and len(tables) == 1:
            key = next(iter(tables))
        if key:
            if key not in tables:
                return HttpResponseBadRequest(
                    gettext("There is no table “%(key)s” in this report.") % {"key": key},
                    content_type="text/plain; charset=utf-8",
                )
            return TableExport(tables[key], f"{filename}-{key}").response(self.export_format)
        if self.export_format == "csv":
            return HttpResponseBadRequest(
                gettext("A CSV file holds one table: add table=<name>, or export XLSX."),
                content_type="text/plain; charset=utf-8",
            )
        return workbook_response(list(tables.values()), about, filename, definitions)

    def table_context(self, tables):
        return [
            {"table": table, "csv_url": self.export_url("csv", key),
             "xlsx_url": self.export_url("xlsx", key), "rows_html": table_rows_html(table),
             "definitions": [figures.definitions_in_language()[k] for k in table.definitions()]}
            for key, table in tables.items()
        ]

    @staticmethod
    def definitions_for(keys):
        resolved = figures.definitions_in_language()
        return [resolved[key] for key in dict.fromkeys(keys)]


def _generated():
    return timezone.now().astimezone(days.site_zone()).strftime("%Y-%m-%d %H:%M ") \
        + days.zone_name()


# --- the list of campaign reports ------------------------------------------------------------


class ReportIndexView(ReachReportBaseView):
    template_name = "campaigns/reports/index.html"
    page_title = _("Reach reports")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaigns = Campaign.objects.order_by("-starts_on", "name")
        context.update(
            rows=figures.campaign_overview(campaigns),
            today=days.today(),
            definitions=self.definitions_for(["online_reach", "goal_progress"]),
        )
        return context


# --- one campaign --------------------------------------------------------------------------


class CampaignReportView(ReachReportBaseView):
    template_name = "campaigns/reports/campaign.html"

    @cached_property
    def campaign(self):
        return get_object_or_404(Campaign, pk=self.kwargs["pk"])

    def get_page_title(self):
        return gettext("Report: %(name)s") % {"name": self.campaign.name}

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.campaign.name}]

    def get_header_more_buttons(self):
        return [
            Button(_("Download all tables (XLSX)"), url=self.export_url("xlsx"),
                   icon_name="download", priority=10),
            Button(_("Compare with other campaigns"),
                   url=reverse("campaigns_compare") + f"?with={self.campaign.pk}",
                   icon_name="table", priority=20),
        ]

    def get(self, request, *args, **kwargs):
        campaign = self.campaign
        filtered = bool(request.GET.keys() & {"start", "end"})
        if filtered:
            form = PeriodForm(request.GET, campaign=campaign)
            valid = form.is_valid()
        else:  # the whole campaign, its dates shown in the fields
            form = PeriodForm(campaign=campaign,
                              initial={"start": campaign.starts_on, "end": campaign.ends_on})
            valid = False
        if self.export_format and filtered and not valid:
            return HttpResponseBadRequest(
                " ".join(str(e) for errors in form.errors.values() for e in errors),
                content_type="text/plain; charset=utf-8",
            )
        period = form.period() if valid else figures.Period.of_campaign(campaign)
        report = figures.campaign_report(campaign, period, today=days.today())
        if self.export_format:
            suffix = "" if period.whole_campaign else f"-{period.start}-{period.end}"
            about = [
                [gettext("Campaign"), campaign.name],
                [gettext("Period"), gettext("Whole campaign") if period.whole_campaign else ""],
                [gettext("From"), period.start], [gettext("To (inclusive)"), period.end],
                [gettext("Generated"), _generated()],
                [gettext("Note"),
                 gettext("Online reach is deduplicated over the whole campaign; visitor-days "
                         "are not deduplicated across days. Offline and partner figures are "
                         "never added to online reach.")],
            ]
            return self.export(report.tables, about, f"reach-{campaign.slug}{suffix}",
                               [*figures.Headline.CARD_KEYS, "partner_figures"])
        context = self.get_context_data(form=form, report=report, period=period, **kwargs)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs["report"]
        headline = report.headline
        keys = list(figures.Headline.CARD_KEYS) + ["partner_figures"]
        for table in report.tables.values():
            keys += table.definitions()
        tables = self.table_context(report.tables)
        if self.campaign.is_running_on(days.today()):  # a launch day, or any day it runs
            context.update(live_context(self.request, self.campaign))
            keys.append("live_panel")
        context.update(
            campaign=self.campaign,
            headline=headline,
            cards=[{"key": key, "label": figures.definitions_in_language()[key]["label"],
                    "value": value, "definition": figures.definitions_in_language()[key]}
                   for key, _text, value in headline.cards()],
            partner_groups=headline.partner_by_metric,
            tables={item["table"].key: item for item in tables},
            daily_chart={
                "labels": [row["day"].isoformat() for row in report.daily],
                "series": [
                    {"label": str(gettext("Unique visitors that day")),
                     "data": [row["visitors"] for row in report.daily]},
                    {"label": str(figures.label("views")),
                     "data": [row["views"] for row in report.daily]},
                    {"label": str(figures.label("engaged_views")),
                     "data": [row["engaged_views"] for row in report.daily]},
                    {"label": str(figures.label("link_opens")),
                     "data": [row["link_opens"] for row in report.daily]},
                ],
            },
            flag_chart={
                "labels": [str(row["label"]) for row in report.red_flag_chart],
                "series": [{"label": str(figures.label("red_flag_rate")),
                            "data": [row["rate"] for row in report.red_flag_chart]}],
                "percent": True,
            },
            definitions=self.definitions_for(keys),
            whole_url=self.request.path,
        )
        return context


def live_context(request, campaign):
    """What the "Last 30 minutes" panel shows (the report and its refresh endpoint)."""
    query = request.GET.copy()
    query.pop("export", None)
    report_url = reverse("campaigns_report", args=(campaign.pk,))
    return {
        "live": live.last_30_minutes(campaign.pk, timezone.now()),
        "live_url": reverse("campaigns_report_live", args=(campaign.pk,)),
        "live_every": live.REFRESH_SECONDS,
        "refresh_url": f"{report_url}?{query.urlencode()}#live" if query else f"{report_url}#live",
        "time_zone": days.zone_name(),
        "live_definition": figures.definitions_in_language()["live_panel"],
    }


@never_cache
def campaign_live(request, pk):
    """The panel alone (an HTML fragment), fetched every minute by the report's script."""
    if not can_view_reports(request.user):
        return forbidden(request)
    campaign = get_object_or_404(Campaign, pk=pk)
    return TemplateResponse(request, "campaigns/reports/includes/live_panel.html",
                            live_context(request, campaign))


# --- several campaigns ---------------------------------------------------------------------


class CompareView(ReachReportBaseView):
    template_name = "campaigns/reports/compare.html"
    page_title = _("Compare campaigns")

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        submitted = "campaign" in request.GET
        chosen_ids = [value for value in request.GET.getlist("campaign") if value.strip()]
        if submitted:
            form = CompareForm({"campaign": chosen_ids})
        else:  # "Compare with other campaigns" from a report: that campaign ticked already
            form = CompareForm(initial={"campaign": request.GET.getlist("with")})
        table = None
        if submitted and form.is_valid():
            chosen = sorted(form.cleaned_data["campaign"], key=lambda c: (c.starts_on, c.name))
            table = figures.comparison(chosen)
        elif self.export_format:
            return HttpResponseBadRequest(
                gettext("Choose at least two existing campaigns to compare."),
                content_type="text/plain; charset=utf-8",
            )
        if self.export_format and table is not None:
            about = [[gettext("Campaigns compared"), ", ".join(c.name for c in chosen)],
                     [gettext("Period"), gettext("Whole campaigns")],
                     [gettext("Generated"), _generated()]]
            return self.export({"comparison": table}, about, "reach-comparison",
                               [*figures.COMPARISON_KEYS, "partner_figures"])
        keys = figures.COMPARISON_KEYS + ["partner_figures"]
        context = self.get_context_data(
            form=form, submitted=submitted, table=table,
            table_item=self.table_context({"comparison": table})[0] if table else None,
            definitions=self.definitions_for(keys), **kwargs,
        )
        return self.render_to_response(context)


# --- the annual report ---------------------------------------------------------------------


class AnnualReportView(ReachReportBaseView):
    template_name = "campaigns/reports/annual.html"
    page_title = _("Annual report")
    print_view = False

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def get_header_more_buttons(self):
        if not self.year:
            return []
        query = f"?year={self.year}"
        return [
            Button(_("Download XLSX"), url=reverse("campaigns_annual_report") + query
                   + "&export=xlsx", icon_name="download", priority=10),
            Button(_("Print-ready page"), url=reverse("campaigns_annual_report_print") + query,
                   icon_name="doc-full", priority=20),
        ]

    @cached_property
    def years(self):
        return figures.report_years(days.today())

    @cached_property
    def form(self):
        if "year" in self.request.GET:
            return YearForm(self.request.GET, years=self.years)
        return YearForm(initial={"year": days.today().year}, years=self.years)

    @cached_property
    def year(self):
        if self.form.is_bound:
            return self.form.cleaned_data["year"] if self.form.is_valid() else None
        return days.today().year

    def get(self, request, *args, **kwargs):
        if self.year is None:
            if self.export_format or self.print_view:
                return HttpResponseBadRequest(
                    gettext("Choose a year from the list."),
                    content_type="text/plain; charset=utf-8",
                )
            return self.render_to_response(self.get_context_data(report=None))
        report = figures.annual_report(self.year)
        if self.export_format:
            about = [[gettext("Annual report"), self.year],
                     [gettext("Calendar year (%(zone)s)") % {"zone": days.zone_name()},
                      gettext("%(start)s to %(end)s") % {"start": f"{self.year}-01-01",
                                                         "end": f"{self.year}-12-31"}],
                     [gettext("Generated"), _generated()]]
            return self.export(report.tables, about, f"annual-report-{self.year}",
                               [row["key"] for row in report.summary]
                               + ["campaign_reach", "other_visitor_days"])
        return self.render_to_response(self.get_context_data(report=report))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report")
        keys = []
        if report:
            keys = [row["key"] for row in report.summary]
            keys += ["campaign_reach", "other_visitor_days"]
            for table in report.tables.values():
                keys += table.definitions()
        context.update(
            form=self.form, year=self.year,
            tables={item["table"].key: item for item in self.table_context(report.tables)}
            if report else {},
            definitions=self.definitions_for(keys),
            generated=_generated(),
            print_url=reverse("campaigns_annual_report_print") + f"?year={self.year}",
        )
        return context


class AnnualReportPrintView(AnnualReportView):
    """The same figures on a page of its own, laid out for paper (print CSS)."""

    template_name = "campaigns/reports/annual_print.html"
    print_view = True

    def get(self, request, *args, **kwargs):
        if request.GET.get("export"):
            raise Http404
        return super().get(request, *args, **kwargs)


# --- the dashboard panel -------------------------------------------------------------------


class WeeklyReachPanel(Component):
    """Admin home: running campaigns, visitor-days in the last 7 complete days (to
    yesterday) vs the 7 days before, so that a half-counted today never looks like a drop."""

    name = "weekly_reach"
    template_name = "campaigns/reports/weekly_reach_panel.html"
    order = 150

    class Media:
        css = {"all": ["campaigns/css/reports.css"]}

    def __init__(self, today=None):
        self.today = today or days.today()

    def get_context_data(self, parent_context=None):
        week = figures.week_bounds(self.today)
        return {
            "rows": figures.weekly_reach(self.today),
            **week,
            "today": self.today,
            "time_zone": days.zone_name(),
            "definition": figures.definitions_in_language()["visitor_days"],
            "index_url": reverse("campaigns_reports"),
        }
