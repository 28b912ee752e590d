"""Reach days are days in the site's time zone (settings.SITE_TIME_ZONE), not UTC.

Stored times stay UTC; what is a "day" is decided here once: the day an event counts on,
campaign windows (a campaign runs from the start of its first day to the end of its last day
in this zone), daily salts, rollups, report periods and the annual report's year. For a
Chinese audience (Asia/Shanghai, UTC+8) a UTC day would put the first eight local hours of a
campaign on the day before it started, where they went unattributed.
"""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone


def site_zone():
    return zoneinfo.ZoneInfo(settings.SITE_TIME_ZONE)


def zone_name():
    """The zone's name as configured (e.g. "Asia/Shanghai"), for forms and report headings."""
    return settings.SITE_TIME_ZONE


def day_of(moment):
    """The site-local day of an aware datetime."""
    return moment.astimezone(site_zone()).date()


def today():
    return day_of(timezone.now())


def start_of(day):
    """The first moment (aware) of a site-local day."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=site_zone())


def end_of(day):
    """The first moment of the next site-local day: the end of ``day``, exclusive."""
    return start_of(day + dt.timedelta(days=1))
