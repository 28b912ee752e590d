"""The consumer-protection annual report: a calendar year's figures (of the site's time zone,
campaigns.days), each with what it counts. Reach is four kinds of count, each on its own line;
their total is "contacts (not people)", never people.

Figures other apps own come through the Wagtail hook ``register_annual_report_figure`` (see
``provided_figures``): campaigns never imports them, so the reviews app can be left out.

``annual_report`` reads the year once (``YearFigures.read``) and then builds the summary and
each table from what it read, one function per table. Event figures come from the monthly
rollups (the daily rollups summed per month by every rollup run): a year is twelve months of
them, a few thousand rows, however many days and events the year had.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Min, Q, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from education.models import LessonFormat, LessonPage

from ..days import start_of
from ..models import (
    Campaign,
    CampaignReachFigure,
    ChannelFigure,
    DailyRollup,
    FigureMetric,
    MonthlyRollup,
    MonthlyScenarioRollup,
    OfflineEvent,
    OfflineFormat,
)
from .counting import add_metrics, empty_metrics, event_metrics, percent
from .definitions import DEFINITIONS, label
from .lookups import format_label, language_keys, language_label, page_of, pages_of, partner_dict
from .periods import year_bounds
from .tables import PARTNER_COLUMNS, ReportColumn, ReportTable

Dimension = CampaignReachFigure.Dimension

# The hook through which other apps provide annual figures. Each function registered with it
# is called with the year and returns {figure key: value} for keys of PROVIDED_FIGURES (a value,
# or (value, [(part name, part value), …]) to show parts under it); a figure nobody provides
# is None, shown as "not available yet".
ANNUAL_FIGURE_HOOK = "register_annual_report_figure"
PROVIDED_FIGURES = ("reviews_completed", "learning_gain")

# What each annual figure counts, printed next to it: reach figures of different kinds are
# shown side by side and never summed as people.
ANNUAL_KINDS = {
    "lessons_published": _("lessons"),
    "campaign_reach": _("people, deduplicated within each campaign"),
    "other_visitor_days": _("visitor-days: a person once per day"),
    "offline_reach": _("counted attendance: a person once per event"),
    "partner_reach": _("partner claims, not checked by us"),
    "contacts_total": _("contacts (not people)"),
    "materials_handed_out": _("items handed out"),
    "scenario_participants": _("visitors per day and scenario, not deduplicated"),
    "scenario_completions": _("scenario endings reached"),
    "safe_outcome_rate": _("share of scenario endings"),
    "campaigns_run": _("campaigns"),
    "reviews_completed": _("review decisions"),
    "learning_gain": _("percentage points: right after minus right before"),
}


@dataclass
class AnnualReport:
    year: int
    summary: list  # [{key, figure, value, parts}]
    tables: dict


def report_years(today):
    """Years a report can be asked for: from the first campaign or lesson to next year."""
    firsts = [
        Campaign.objects.aggregate(first=Min("starts_on"))["first"],
        LessonPage.objects.filter(first_published_at__isnull=False)
        .aggregate(first=Min("first_published_at"))["first"],
    ]
    first = min([d.year for d in firsts if d is not None] + [today.year])
    return list(range(today.year + 1, first - 1, -1))


def provided_figures(year):
    """{key: value} of the PROVIDED_FIGURES for the year, from the functions registered with
    the ``register_annual_report_figure`` hook; None for a figure nobody provides."""
    provided = dict.fromkeys(PROVIDED_FIGURES)
    for provide in hooks.get_hooks(ANNUAL_FIGURE_HOOK):
        for key, value in provide(year).items():
            if key not in provided:
                raise ValueError(f"{provide!r} provides {key!r}, not an annual report figure "
                                 f"({', '.join(PROVIDED_FIGURES)})")
            provided[key] = value
    return provided


def annual_report(year):
    """The consumer-protection annual report's figures for a calendar year of the site's
    time zone (campaigns.days)."""
    figures = YearFigures.read(year)
    summary = _summary(figures)
    tables = {
        "summary": _summary_table(figures, summary),
        "lessons_by_format": _lessons_by_format_table(figures),
        "views_by_format": _views_by_format_table(figures),
        "by_language": _by_language_table(figures),
        "campaigns": _campaigns_table(figures),
        "offline": _offline_table(figures),
        "partner": ReportTable(
            "partner", _("Partner-reported figures"), PARTNER_COLUMNS, figures.partner,
            definition="partner_figures",
        ),
    }
    return AnnualReport(year=year, summary=summary, tables=tables)


# --- reading the year ------------------------------------------------------------------------


@dataclass
class CampaignsReach:
    """The year's campaigns (started in it) and what they reached."""

    campaigns: list
    reach: dict  # campaign id -> people (online reach)
    reach_by_language: dict  # language -> the campaigns' people in it, summed over campaigns
    offline: dict  # campaign id -> counted attendance
    partner: dict  # campaign id -> partner-reported reach

    @classmethod
    def read(cls, start, end):
        campaigns = list(Campaign.objects.filter(starts_on__gte=start, starts_on__lte=end)
                         .order_by("starts_on", "name"))
        ids = [c.pk for c in campaigns]
        if not ids:
            return cls(campaigns, {}, defaultdict(int), {}, {})
        reach, reach_by_language = {}, defaultdict(int)
        for campaign_id, dimension, key, n in CampaignReachFigure.objects.filter(
            campaign_id__in=ids, dimension__in=[Dimension.ALL, Dimension.LANGUAGE]
        ).values_list("campaign_id", "dimension", "key", "unique_visitors"):
            if dimension == Dimension.ALL:
                reach[campaign_id] = n
            else:  # each campaign's people in that language; summed over campaigns
                reach_by_language[key] += n
        offline = dict(
            OfflineEvent.objects.filter(campaign_id__in=ids).order_by().values("campaign_id")
            .annotate(n=Sum("attendance")).values_list("campaign_id", "n")
        )
        partner = dict(
            ChannelFigure.objects.filter(campaign_id__in=ids, metric=FigureMetric.REACH)
            .order_by().values("campaign_id").annotate(n=Sum("value"))
            .values_list("campaign_id", "n")
        )
        return cls(campaigns, reach, reach_by_language, offline, partner)

    @property
    def total(self):
        return sum(self.reach.values())


@dataclass
class YearTraffic:
    """The year's events on lesson pages, all traffic, by format and by page language."""

    by_format: dict
    by_language: dict
    totals: dict
    participants: int  # scenario starters, summed over days, scenarios and links

    @classmethod
    def read(cls, in_year):
        traffic = list(
            MonthlyRollup.objects.filter(in_year, event_type__in=[
                "view", "complete", "scenario_start", "scenario_end"
            ]).order_by().values("page_id", "event_type")
            .annotate(qualified=Sum("qualified_events"), visitors=Sum("visitor_days"))
        )
        pages = pages_of(row["page_id"] for row in traffic)
        by_format = defaultdict(empty_metrics)
        by_language = defaultdict(empty_metrics)
        participants = 0
        for row in traffic:
            page = page_of(pages, row["page_id"])
            metrics = event_metrics(row["event_type"], page["format"], row["qualified"], 0)
            add_metrics(by_format[page["format"]], metrics)
            add_metrics(by_language[page["language"]], metrics)
            if row["event_type"] == "scenario_start":
                participants += row["visitors"] or 0
        totals = empty_metrics()
        for metrics in by_format.values():
            add_metrics(totals, metrics)
        return cls(by_format, by_language, totals, participants)


@dataclass
class YearFigures:
    """Everything the annual report shows, read for one year in a fixed number of queries."""

    year: int
    published: dict  # lesson format -> lessons first published in the year, live today
    campaigns: CampaignsReach
    other_visitor_days: int
    traffic: YearTraffic
    endings: dict  # scenario outcome -> endings
    offline: list  # [{format, n, people, materials}]
    partner: list  # partner_dict() of the figures whose period starts in the year
    provided: dict  # provided_figures()

    @classmethod
    def read(cls, year):
        start, end = year_bounds(year)
        in_year = Q(month__gte=start, month__lte=end)  # the year's twelve monthly rollups
        return cls(
            year=year,
            published=_lessons_published(year),
            campaigns=CampaignsReach.read(start, end),
            other_visitor_days=MonthlyRollup.objects.filter(
                in_year, campaign__isnull=True, event_type=DailyRollup.ALL
            ).aggregate(n=Sum("visitor_days"))["n"] or 0,
            traffic=YearTraffic.read(in_year),
            endings=dict(
                MonthlyScenarioRollup.objects.filter(in_year, red_flag="").exclude(outcome="")
                .order_by().values("outcome").annotate(n=Sum("endings"))
                .values_list("outcome", "n")
            ),
            offline=list(
                OfflineEvent.objects.filter(date__gte=start, date__lte=end).order_by()
                .values("format").annotate(n=Count("pk"), people=Sum("attendance"),
                                           materials=Sum("materials_handed_out"))
            ),
            partner=[
                partner_dict(f) for f in ChannelFigure.objects.filter(
                    period_start__gte=start, period_start__lte=end
                ).order_by("metric", "period_start", "partner", "pk")
            ],
            provided=provided_figures(year),
        )

    @property
    def offline_people(self):
        return sum(row["people"] or 0 for row in self.offline)

    @property
    def partner_reach(self):
        return sum(f["value"] for f in self.partner if f["metric"] == FigureMetric.REACH)


def _lessons_published(year):
    first_moment = start_of(dt.date(year, 1, 1))
    next_moment = start_of(dt.date(year + 1, 1, 1))
    return dict(
        LessonPage.objects.live().filter(first_published_at__gte=first_moment,
                                         first_published_at__lt=next_moment)
        .order_by().values("lesson_format").annotate(n=Count("pk"))
        .values_list("lesson_format", "n")
    )


def _offline_format_label(value):
    return OfflineFormat(value).label if value in OfflineFormat.values else value


# --- the summary -----------------------------------------------------------------------------


def _item(key, value, parts=(), display=None):
    """One annual figure. ``value`` is a number (or None: not available); ``display``, when
    given, is how the screen words it instead (e.g. "+27.7 points")."""
    return {"key": key, "figure": label(key), "value": value, "parts": list(parts),
            "kind": ANNUAL_KINDS[key], "definition": DEFINITIONS[key]["counted"],
            "display": display}


def _with_parts(value):
    """A provided figure's (value, parts[, display]): given as a value or as such a tuple."""
    return value if isinstance(value, tuple) else (value, ())


def _kind_part(key, value):
    return (format_lazy("{label} ({kind})", label=label(key), kind=ANNUAL_KINDS[key]), value)


def _summary(figures):
    """[{key, figure, value, parts, kind, definition}], one per annual figure."""
    published, reach_total = figures.published, figures.campaigns.total
    offline_people, partner_reach = figures.offline_people, figures.partner_reach
    other_days = figures.other_visitor_days
    return [
        _item("lessons_published", sum(published.values()),
              [(format_label(f), published.get(f, 0)) for f in LessonFormat.values]),
        _item("campaign_reach", reach_total),
        _item("other_visitor_days", other_days),
        _item("offline_reach", offline_people,
              [(_offline_format_label(r["format"]), r["people"] or 0) for r in figures.offline]),
        _item("partner_reach", partner_reach,
              [(f"{f['partner']} ({f['channel_label']})", f["value"]) for f in figures.partner
               if f["metric"] == FigureMetric.REACH]),
        _item("contacts_total", reach_total + other_days + offline_people + partner_reach,
              [_kind_part("campaign_reach", reach_total),
               _kind_part("other_visitor_days", other_days),
               _kind_part("offline_reach", offline_people),
               _kind_part("partner_reach", partner_reach)]),
        _item("materials_handed_out", sum(row["materials"] or 0 for row in figures.offline)),
        _item("scenario_participants", figures.traffic.participants),
        _item("scenario_completions", figures.traffic.totals["scenario_completions"]),
        _item("safe_outcome_rate",
              percent(figures.endings.get("safe", 0), sum(figures.endings.values()))),
        _item("campaigns_run", len(figures.campaigns.campaigns)),
        *(_item(key, *_with_parts(figures.provided[key])) for key in PROVIDED_FIGURES),
    ]


# --- the tables ------------------------------------------------------------------------------


def _summary_table(figures, summary):
    return ReportTable(
        "summary", _("Annual figures %(year)s") % {"year": figures.year},
        [ReportColumn("figure", _("Figure"), "text"), ReportColumn("value", _("Value"), "int"),
         ReportColumn("kind", _("What is counted"), "text"),
         ReportColumn("parts", _("Parts"), "text"),
         ReportColumn("definition", _("How it is counted"), "text")],
        [{**row, "parts": "; ".join(f"{name}: {value}" for name, value in row["parts"])}
         for row in summary],
    )


def _lessons_by_format_table(figures):
    return ReportTable(
        "lessons_by_format", _("Lessons published by format"),
        [ReportColumn("label", _("Format"), "text"),
         ReportColumn("published", label("lessons_published"), "int", "lessons_published")],
        [{"label": format_label(f), "published": figures.published.get(f, 0)}
         for f in LessonFormat.values],
    )


def _views_by_format_table(figures):
    by_format = figures.traffic.by_format
    return ReportTable(
        "views_by_format", label("views_by_format"),
        [ReportColumn("label", _("Format"), "text"),
         *(ReportColumn(key, label(key), "int", key) for key in (
             "views", "video_completions", "comic_completions", "scenario_starts",
             "scenario_completions"))],
        [{"label": format_label(f), **by_format[f]} for f in LessonFormat.values
         if f in by_format]
        + [{"label": _("Total"), **figures.traffic.totals}],
        definition="views_by_format",
    )


def _by_language_table(figures):
    traffic, reach_by_language = figures.traffic, figures.campaigns.reach_by_language
    year_columns = [ReportColumn(key, label(key), "int", key) for key in (
        "views", "video_completions", "comic_completions", "scenario_starts",
        "scenario_completions")]
    return ReportTable(
        "by_language", _("By language"),
        [ReportColumn("label", _("Language"), "text"), *year_columns,
         ReportColumn("campaign_reach", label("campaign_reach_by_language"), "int",
                      "campaign_reach_by_language")],
        [{"label": language_label(code), "language": code,
          **{c.key: traffic.by_language.get(code, empty_metrics())[c.key]
             for c in year_columns},
          "campaign_reach": reach_by_language.get(code, 0) if code else None}
         for code in language_keys(traffic.by_language, reach_by_language)]
        + [{"label": _("All languages"), "language": "*",
            **{c.key: traffic.totals[c.key] for c in year_columns},
            "campaign_reach": figures.campaigns.total}],
        definition="views_by_language",
        note=_("Events add up to “All languages”. People reached do not: a person who read "
               "in both languages counts in each language but once in a campaign's reach."),
    )


def _campaigns_table(figures):
    found = figures.campaigns
    return ReportTable(
        "campaigns", _("Campaigns that started in %(year)s") % {"year": figures.year},
        [ReportColumn("label", _("Campaign"), "text"),
         ReportColumn("starts_on", _("Starts"), "date"),
         ReportColumn("ends_on", _("Ends"), "date"),
         ReportColumn("online_reach", label("online_reach"), "int", "online_reach"),
         ReportColumn("offline_attendance", label("offline_attendance"), "int",
                      "offline_attendance"),
         ReportColumn("partner_reach", _("Partner-reported reach"), "int", "partner_figures")],
        [{"label": c.name, "starts_on": c.starts_on, "ends_on": c.ends_on,
          "online_reach": found.reach.get(c.pk, 0),
          "offline_attendance": found.offline.get(c.pk) or 0,
          "partner_reach": found.partner.get(c.pk) or 0}
         for c in found.campaigns],
        definition="campaigns_run",
    )


def _offline_table(figures):
    return ReportTable(
        "offline", _("Offline activities by format"),
        [ReportColumn("label", _("Format"), "text"),
         ReportColumn("events", label("offline_events"), "int", "offline_events"),
         ReportColumn("attendance", label("offline_attendance"), "int", "offline_attendance"),
         ReportColumn("materials", label("materials_handed_out"), "int",
                      "materials_handed_out")],
        [{"label": _offline_format_label(r["format"]), "events": r["n"],
          "attendance": r["people"] or 0, "materials": r["materials"] or 0}
         for r in figures.offline],
        definition="offline_reach",
    )
