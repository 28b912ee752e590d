"""The date ranges reports are asked for: a campaign's period, the last two weeks, a year.
Dates are days of the site's time zone (campaigns.days)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Period:
    """Inclusive dates. ``whole_campaign``: no date filter (the campaign's whole window)."""

    start: dt.date
    end: dt.date
    whole_campaign: bool = False

    @classmethod
    def of_campaign(cls, campaign):
        return cls(campaign.starts_on, campaign.ends_on, whole_campaign=True)

    def day_filter(self, name="day"):
        if self.whole_campaign:
            return Q()
        return Q(**{f"{name}__gte": self.start, f"{name}__lte": self.end})

    def days(self, today=None):
        """The days of the daily series: the period, cut at today (no future zeros)."""
        last = self.end
        if today is not None and today < last:
            last = max(today, self.start)
        return [self.start + dt.timedelta(days=n) for n in range((last - self.start).days + 1)]


def week_bounds(today):
    """The last 7 complete days (to yesterday) and the 7 days before them."""
    this_end = today - dt.timedelta(days=1)
    this_start = this_end - dt.timedelta(days=6)
    return {"this_start": this_start, "this_end": this_end,
            "last_start": this_start - dt.timedelta(days=7),
            "last_end": this_start - dt.timedelta(days=1)}


def year_bounds(year):
    """The first and last day of a calendar year."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
