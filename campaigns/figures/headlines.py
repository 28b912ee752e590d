"""A campaign's headline figures for a period, for one campaign or many at once (listings,
comparisons), in a fixed number of queries, and the headline table."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from ..models import (
    Campaign,
    CampaignReachFigure,
    ChannelFigure,
    DailyRollup,
    DailyScenarioRollup,
    FigureMetric,
    OfflineEvent,
)
from .counting import add_metrics, empty_metrics, event_metrics, percent
from .definitions import DEFINITIONS, label
from .lookups import page_of, pages_of, partner_dict
from .periods import Period
from .tables import ReportColumn, ReportTable

Dimension = CampaignReachFigure.Dimension


@dataclass
class Headline:
    """A campaign's headline figures for a period (online reach is always whole-campaign)."""

    campaign: Campaign
    period: Period
    online_reach: int = 0
    visitor_days: int = 0
    events: dict = field(default_factory=empty_metrics)
    endings: int = 0
    safe_endings: int = 0
    offline_events: int = 0
    offline_attendance: int = 0
    materials_handed_out: int = 0
    partner: list = field(default_factory=list)  # ChannelFigure rows as dicts

    @property
    def safe_outcome_rate(self):
        return percent(self.safe_endings, self.endings)

    @property
    def goal_progress(self):
        return percent(self.online_reach, self.campaign.reach_goal)

    def value(self, key):
        if key in self.events:
            return self.events[key]
        return getattr(self, key)

    @property
    def partner_by_metric(self):
        """[{metric, label, total, count, figures}] in the metric choices' order."""
        grouped = defaultdict(list)
        for figure in self.partner:
            grouped[figure["metric"]].append(figure)
        return [
            {"metric": metric, "label": FigureMetric(metric).label, "figures": grouped[metric],
             "total": sum(f["value"] for f in grouped[metric]), "count": len(grouped[metric])}
            for metric in FigureMetric.values if metric in grouped
        ]

    CARD_KEYS = [
        "online_reach", "visitor_days", "views", "engaged_views", "video_plays",
        "video_completions", "comic_completions", "scenario_starts", "scenario_completions",
        "safe_outcome_rate", "link_opens", "offline_events", "offline_attendance",
        "materials_handed_out", "goal_progress",
    ]

    def cards(self):
        """[(key, label, value)] in display order; partner figures come separately."""
        return [(key, label(key), self.value(key)) for key in self.CARD_KEYS]


def detail_rows(campaign_ids, period, by_link=True):
    """Rollup rows summed per campaign × page (× link) × event type (day totals excluded)."""
    group = ["campaign_id", "page_id", "link_id", "event_type"] if by_link else [
        "campaign_id", "page_id", "event_type"]
    return list(
        DailyRollup.objects.filter(period.day_filter(), campaign_id__in=campaign_ids)
        .exclude(event_type=DailyRollup.ALL).order_by().values(*group)
        .annotate(qualified=Sum("qualified_events"), raw=Sum("raw_events"),
                  visitors=Sum("unique_visitors"))
    )


def headlines(campaigns, period=None, rows=None, pages=None):
    """{campaign id: Headline} for the campaigns, in a fixed number of queries.

    ``period`` None: each campaign's whole window. ``rows`` (detail_rows) and ``pages`` let
    the campaign report pass what it already read, so the headline and the breakdowns come
    from the same rows.
    """
    campaigns = list(campaigns)
    ids = [c.pk for c in campaigns]
    result = {
        c.pk: Headline(campaign=c, period=period or Period.of_campaign(c)) for c in campaigns
    }
    if not ids:
        return result
    whole = period or Period(dt.date.min, dt.date.max, whole_campaign=True)
    rows = rows if rows is not None else detail_rows(ids, whole, by_link=False)
    if pages is None:
        pages = pages_of(row["page_id"] for row in rows)
    _add_events(result, rows, pages)
    _add_visitor_days(result, ids, whole)
    _add_online_reach(result, ids)
    _add_endings(result, ids, whole)
    _add_offline(result, ids, whole)
    _add_partner_figures(result, ids, whole)
    return result


def _add_events(result, rows, pages):
    for row in rows:
        fmt = page_of(pages, row["page_id"])["format"]
        add_metrics(result[row["campaign_id"]].events,
                    event_metrics(row["event_type"], fmt, row["qualified"], row["raw"]))


def _add_visitor_days(result, ids, period):
    for row in (
        DailyRollup.objects.filter(period.day_filter(), campaign_id__in=ids,
                                   event_type=DailyRollup.ALL)
        .order_by().values("campaign_id").annotate(n=Sum("unique_visitors"))
    ):
        result[row["campaign_id"]].visitor_days = row["n"] or 0


def _add_online_reach(result, ids):
    for campaign_id, reach in CampaignReachFigure.objects.filter(
        campaign_id__in=ids, dimension=Dimension.ALL
    ).values_list("campaign_id", "unique_visitors"):
        result[campaign_id].online_reach = reach


def _add_endings(result, ids, period):
    for row in (
        DailyScenarioRollup.objects.filter(period.day_filter(), campaign_id__in=ids,
                                           red_flag="").exclude(outcome="")
        .order_by().values("campaign_id", "outcome").annotate(n=Sum("endings"))
    ):
        headline = result[row["campaign_id"]]
        headline.endings += row["n"] or 0
        if row["outcome"] == "safe":
            headline.safe_endings += row["n"] or 0


def _add_offline(result, ids, period):
    for row in (
        OfflineEvent.objects.filter(period.day_filter("date"), campaign_id__in=ids)
        .order_by().values("campaign_id")
        .annotate(n=Count("pk"), people=Sum("attendance"), materials=Sum("materials_handed_out"))
    ):
        headline = result[row["campaign_id"]]
        headline.offline_events = row["n"]
        headline.offline_attendance = row["people"] or 0
        headline.materials_handed_out = row["materials"] or 0


def _add_partner_figures(result, ids, period):
    partner = ChannelFigure.objects.filter(campaign_id__in=ids)
    if not period.whole_campaign:
        partner = partner.filter(period_start__lte=period.end, period_end__gte=period.start)
    for figure in partner.order_by("metric", "period_start", "partner", "pk"):
        result[figure.campaign_id].partner.append(partner_dict(figure))


def headline_table(headline):
    rows = [
        {"key": key, "figure": text, "value": value,
         "definition": DEFINITIONS[key]["counted"]}
        for key, text, value in headline.cards()
    ]
    for group in headline.partner_by_metric:
        rows.append({
            "key": "partner_figures",
            "figure": _("Partner-reported: %(metric)s (%(count)s figure(s), summed as "
                        "reported)") % {"metric": group["label"], "count": group["count"]},
            "value": group["total"], "definition": DEFINITIONS["partner_figures"]["counted"],
        })
    return ReportTable(
        "headline", _("Headline figures"),
        [ReportColumn("figure", _("Figure"), "text"), ReportColumn("value", _("Value"), "int"),
         ReportColumn("definition", _("How it is counted"), "text")],
        rows,
    )
