"""Daily rollups of raw reach events: what every report reads.

A day is always recomputed whole from its raw events (delete + insert in one transaction),
so re-running is idempotent and a past day can be redone at any time. The incremental run
recomputes every day that received events since the previous run started, minus a safety
lag, so an event that committed while a rollup was running is picked up by the next one.
Concurrent rollups are serialised by a row lock on the single RollupState row.
"""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Q

from .days import day_of
from .models import (
    CampaignReachFigure,
    CampaignVisitor,
    CampaignVisitorTouch,
    DailyRollup,
    DailyScenarioRollup,
    ReachEvent,
    RollupState,
)
from .privacy import destroy_expired_salts

SAFETY_LAG = dt.timedelta(minutes=15)
PRUNE_BATCH = 5000


def _state():
    state, _ = RollupState.objects.get_or_create(pk=1)
    return state


def rollup_day(day):
    """Recompute one day's rollup rows. Returns how many rows it wrote."""
    with transaction.atomic():
        RollupState.objects.select_for_update().filter(pk=1).first()
        DailyRollup.objects.filter(day=day).delete()
        events = ReachEvent.objects.filter(day=day).order_by()
        qualified = Q(qualified=True)
        detail = events.values("campaign_id", "page_id", "link_id", "event_type").annotate(
            raw=Count("id"),
            confirmed=Count("id", filter=qualified),
            visitors=Count("visitor_key", distinct=True, filter=qualified),
        )
        totals = events.values("campaign_id").annotate(
            raw=Count("id"),
            confirmed=Count("id", filter=qualified),
            visitors=Count("visitor_key", distinct=True, filter=qualified),
        )
        rows = [
            DailyRollup(
                day=day, campaign_id=row["campaign_id"], page_id=row["page_id"],
                link_id=row["link_id"], event_type=row["event_type"], raw_events=row["raw"],
                qualified_events=row["confirmed"], unique_visitors=row["visitors"],
            )
            for row in detail
        ] + [
            DailyRollup(
                day=day, campaign_id=row["campaign_id"], page_id=0, link_id=None,
                event_type=DailyRollup.ALL, raw_events=row["raw"],
                qualified_events=row["confirmed"], unique_visitors=row["visitors"],
            )
            for row in totals
        ]
        DailyRollup.objects.bulk_create(rows, batch_size=1000)
        scenario_rows = _scenario_rows(day, events)
        DailyScenarioRollup.objects.filter(day=day).delete()
        DailyScenarioRollup.objects.bulk_create(scenario_rows, batch_size=1000)
        return len(rows) + len(scenario_rows)


def _scenario_rows(day, events):
    """Choices per red flag (and how many were safe) and endings per outcome."""
    choices = (
        events.filter(event_type="choice", qualified=True)
        .values("campaign_id", "page_id", "props__red_flag")
        .annotate(n=Count("id"), safe=Count("id", filter=Q(props__safe=True)))
    )
    endings = (
        events.filter(event_type="scenario_end", qualified=True)
        .values("campaign_id", "page_id", "props__outcome")
        .annotate(n=Count("id"))
    )
    return [
        DailyScenarioRollup(
            day=day, campaign_id=row["campaign_id"], page_id=row["page_id"],
            red_flag=row["props__red_flag"] or "", choices=row["n"], safe_choices=row["safe"],
        )
        for row in choices
    ] + [
        DailyScenarioRollup(
            day=day, campaign_id=row["campaign_id"], page_id=row["page_id"],
            outcome=row["props__outcome"] or "", endings=row["n"],
        )
        for row in endings
    ]


def recompute_campaign_reach(campaign_ids, now):
    """Deduplicated reach per campaign, lesson, link, channel, format, segment and language."""
    Dimension = CampaignReachFigure.Dimension
    for campaign_id in campaign_ids:
        touches = CampaignVisitorTouch.objects.filter(campaign_id=campaign_id).order_by()
        groups = {
            Dimension.PAGE: touches.values(key=models.F("lesson_id")),
            Dimension.LINK: touches.filter(link_id__gt=0).values(key=models.F("link_id")),
            Dimension.CHANNEL: touches.exclude(channel="").values(key=models.F("channel")),
            Dimension.FORMAT: touches.values(key=models.F("lesson__lesson_format")),
            Dimension.SEGMENT: touches.values(key=models.F("lesson__segments__slug")),
            Dimension.LANGUAGE: touches.values(key=models.F("lesson__locale__language_code")),
        }
        figures = [CampaignReachFigure(
            campaign_id=campaign_id, dimension=Dimension.ALL, key="", computed_at=now,
            unique_visitors=CampaignVisitor.objects.filter(campaign_id=campaign_id).count(),
        )]
        for dimension, query in groups.items():
            for row in query.annotate(n=Count("visitor_key", distinct=True)):
                if row["key"] is not None:
                    figures.append(CampaignReachFigure(
                        campaign_id=campaign_id, dimension=dimension, key=str(row["key"]),
                        unique_visitors=row["n"], computed_at=now,
                    ))
        with transaction.atomic():
            CampaignReachFigure.objects.filter(campaign_id=campaign_id).delete()
            CampaignReachFigure.objects.bulk_create(figures, batch_size=1000)


def days_with_events_since(moment):
    return sorted(
        ReachEvent.objects.filter(received_at__gte=moment)
        .order_by().values_list("day", flat=True).distinct()
    )


def all_event_days():
    return sorted(ReachEvent.objects.order_by().values_list("day", flat=True).distinct())


def rollup_days(days, now):
    """Recompute these days and the reach of every campaign with events on them."""
    for day in days:
        rollup_day(day)
    touched = (
        ReachEvent.objects.filter(day__in=days, campaign__isnull=False)
        .order_by().values_list("campaign_id", flat=True).distinct()
    )
    recompute_campaign_reach(list(touched), now)


def rollup_incremental(now):
    """Recompute the days touched since the last run. Returns the days recomputed."""
    state = _state()
    if state.last_started_at is None:  # first run: every day there is
        days = all_event_days()
    else:
        days = days_with_events_since(state.last_started_at - SAFETY_LAG)
    rollup_days(days, now)
    RollupState.objects.filter(pk=1).update(last_started_at=now)
    return days


def prune_raw_events(now, keep_days=None):
    """Delete raw events older than the retention (13 months); rollups stay."""
    keep_days = keep_days or settings.REACH_RAW_RETENTION_DAYS
    cutoff = day_of(now - dt.timedelta(days=keep_days))
    total = 0
    while True:
        ids = list(
            ReachEvent.objects.filter(day__lt=cutoff).values_list("pk", flat=True)[:PRUNE_BATCH]
        )
        if not ids:
            return total
        deleted, _ = ReachEvent.objects.filter(pk__in=ids).delete()
        total += deleted


def housekeeping(now):
    """Salt destruction rides along with every rollup run (it must run at least hourly)."""
    return destroy_expired_salts(now)
