"""The campaign report's "last 30 minutes" panel: a launch seen as it happens.

The one reach figure read from the raw events instead of the rollups (which lag by up to one
rollup interval): a campaign's qualified events received in the last 30 minutes, their unique
visitor keys, and the same per 5-minute bucket, in one aggregate query. The query names the
campaign, a ``received_at`` range and the one or two site-local days that range falls on, so
it reads the (campaign, received_at) index ``event_campaign_received`` and, on PostgreSQL,
only the monthly partitions of those days (campaigns.partitions): its cost follows the
campaign's traffic in the window, never the size of the event table.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from .days import day_of, site_zone
from .models import ReachEvent

WINDOW = dt.timedelta(minutes=30)
BUCKET = dt.timedelta(minutes=5)
REFRESH_SECONDS = 60


@dataclass
class LiveFigures:
    start: dt.datetime  # exclusive
    end: dt.datetime  # inclusive: "as of"
    events: int
    visitors: int
    buckets: list  # [{"start", "end", "events", "visitors"}], oldest first

    @property
    def as_of(self):
        return self.end.astimezone(site_zone())


def window_events(campaign_id, now):
    """The campaign's qualified events in (now − 30 min, now]."""
    start = now - WINDOW
    return ReachEvent.objects.filter(
        campaign_id=campaign_id, received_at__gt=start, received_at__lte=now,
        day__gte=day_of(start), day__lte=day_of(now), qualified=True,
    ).order_by()


def last_30_minutes(campaign_id, now):
    """Events and unique visitors of the last 30 minutes, whole and per 5 minutes."""
    start = now - WINDOW
    bounds = []
    moment = start
    while moment < now:
        bounds.append((moment, min(moment + BUCKET, now)))
        moment += BUCKET
    aggregates = {"events": Count("id"), "visitors": Count("visitor_key", distinct=True)}
    for n, (low, high) in enumerate(bounds):
        inside = Q(received_at__gt=low, received_at__lte=high)
        aggregates[f"events_{n}"] = Count("id", filter=inside)
        aggregates[f"visitors_{n}"] = Count("visitor_key", distinct=True, filter=inside)
    found = window_events(campaign_id, now).aggregate(**aggregates)
    zone = site_zone()
    buckets = [
        {"start": low.astimezone(zone), "end": high.astimezone(zone),
         "events": found[f"events_{n}"], "visitors": found[f"visitors_{n}"]}
        for n, (low, high) in enumerate(bounds)
    ]
    return LiveFigures(start=start, end=now, events=found["events"],
                       visitors=found["visitors"], buckets=buckets)
