"""Figures over several campaigns: the comparison table, the listing's reach and goal
progress, and the dashboard's weekly reach of the running campaigns."""

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from ..models import Campaign, CampaignReachFigure, DailyRollup, FigureMetric
from .counting import percent
from .definitions import label
from .headlines import headlines
from .periods import week_bounds
from .tables import ReportColumn, ReportTable

Dimension = CampaignReachFigure.Dimension

COMPARISON_KEYS = [
    "online_reach", "goal_progress", "visitor_days", "views", "engaged_views", "video_plays",
    "video_completions", "comic_completions", "scenario_starts", "scenario_completions",
    "safe_outcome_rate", "link_opens", "offline_events", "offline_attendance",
    "materials_handed_out",
]


def comparison(campaigns):
    """The campaigns' whole-campaign headline figures side by side (a ReportTable)."""
    campaigns = list(campaigns)
    found = headlines(campaigns)
    columns = [ReportColumn("figure", _("Figure"), "text")] + [
        ReportColumn(f"c{c.pk}", c.name, "int") for c in campaigns
    ]
    rows = [
        {"key": key, "figure": label(key), **{f"c{c.pk}": found[c.pk].value(key)
                                             for c in campaigns}}
        for key in COMPARISON_KEYS
    ]
    rows.append({"key": "reach_goal", "figure": _("Reach goal"),
                 **{f"c{c.pk}": c.reach_goal for c in campaigns}})
    metrics = [m for m in FigureMetric.values
               if any(g["metric"] == m for h in found.values() for g in h.partner_by_metric)]
    for metric in metrics:
        row = {"key": f"partner_{metric}", "figure": _("Partner-reported: %(metric)s")
               % {"metric": FigureMetric(metric).label}}
        for c in campaigns:
            totals = {g["metric"]: g["total"] for g in found[c.pk].partner_by_metric}
            row[f"c{c.pk}"] = totals.get(metric)
        rows.append(row)
    return ReportTable("comparison", _("Campaigns compared (whole campaigns)"), columns, rows,
                       definition="partner_figures" if metrics else None)


def campaign_overview(campaigns):
    """[{campaign, online_reach, goal_progress}] for listings, in one query."""
    campaigns = list(campaigns)
    reach = dict(
        CampaignReachFigure.objects.filter(
            campaign_id__in=[c.pk for c in campaigns], dimension=Dimension.ALL
        ).values_list("campaign_id", "unique_visitors")
    ) if campaigns else {}
    return [
        {"campaign": c, "online_reach": reach.get(c.pk, 0),
         "goal_progress": percent(reach.get(c.pk, 0), c.reach_goal)}
        for c in campaigns
    ]


def weekly_reach(today):
    """Running campaigns with visitor-days over the last 7 complete days and the 7 before."""
    week = week_bounds(today)
    this_start, last_start, this_end = week["this_start"], week["last_start"], week["this_end"]
    campaigns = list(
        Campaign.objects.filter(starts_on__lte=today, ends_on__gte=today).order_by("ends_on")
    )
    if not campaigns:
        return []
    sums = {
        row["campaign_id"]: row
        for row in DailyRollup.objects.filter(
            campaign_id__in=[c.pk for c in campaigns], event_type=DailyRollup.ALL,
            day__gte=last_start, day__lte=this_end,
        ).order_by().values("campaign_id").annotate(
            this_week=Sum("unique_visitors", filter=Q(day__gte=this_start)),
            last_week=Sum("unique_visitors", filter=Q(day__lt=this_start)),
        )
    }
    rows = []
    for campaign in campaigns:
        row = sums.get(campaign.pk, {})
        this_week, last_week = row.get("this_week") or 0, row.get("last_week") or 0
        rows.append({
            "campaign": campaign, "this_week": this_week, "last_week": last_week,
            "change": percent(this_week - last_week, last_week),
        })
    return rows
