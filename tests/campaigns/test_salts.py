"""Visitor keys: daily salts for unattributed traffic, one salt per campaign window, and
every salt destroyed 48 h after its last use."""

import datetime as dt

import pytest
from django.utils import timezone

from campaigns import days
from campaigns.ingest import Visit, ingest, parse_batch
from campaigns.models import CampaignVisitor, ReachEvent, VisitorSalt
from campaigns.privacy import destroy_expired_salts
from tests.campaigns.conftest import BROWSER_UA, event

pytestmark = pytest.mark.django_db
VISIT = Visit(ip="203.0.113.5", user_agent=BROWSER_UA, site="testserver")


def send(page, when, link=None):
    import json

    batch = parse_batch(json.dumps({"events": [event(page, link=link)]}).encode())
    return ingest(batch, VISIT, when)


def test_unattributed_keys_change_every_day(lesson):
    day1 = timezone.now().replace(hour=10)
    send(lesson, day1)
    send(lesson, day1 + dt.timedelta(hours=1))
    send(lesson, day1 + dt.timedelta(days=1))
    keys = list(ReachEvent.objects.order_by("received_at").values_list("visitor_key", flat=True))
    assert keys[0] == keys[1] != keys[2]
    assert VisitorSalt.objects.filter(day__isnull=False).count() == 2


def test_a_campaign_counts_a_person_once_over_its_whole_window(lesson, link, campaign):
    start = dt.datetime.combine(campaign.starts_on, dt.time(9), tzinfo=dt.UTC)
    for offset in range(0, 15, 3):
        send(lesson, start + dt.timedelta(days=offset), link="poster1")
    keys = set(ReachEvent.objects.values_list("visitor_key", flat=True))
    assert len(keys) == 1
    assert CampaignVisitor.objects.filter(campaign=campaign).count() == 1
    assert VisitorSalt.objects.filter(campaign=campaign).count() == 1


def test_campaign_and_unattributed_keys_cannot_be_linked(lesson, link):
    now = timezone.now()
    send(lesson, now, link="poster1")
    send(lesson, now)
    keys = list(ReachEvent.objects.values_list("visitor_key", flat=True))
    assert keys[0] != keys[1]


def test_salts_are_destroyed_48_hours_after_their_last_use(lesson, link, campaign):
    now = timezone.now()
    send(lesson, now)
    send(lesson, now, link="poster1")
    # Days end at midnight in the site's time zone (campaigns.days), not in UTC.
    end_of_campaign = days.end_of(campaign.ends_on)
    end_of_today = days.end_of(days.day_of(now))
    assert destroy_expired_salts(end_of_today + dt.timedelta(hours=47)) == 0
    assert destroy_expired_salts(end_of_today + dt.timedelta(hours=48, seconds=1)) == 1
    assert VisitorSalt.objects.filter(campaign=campaign).exists()
    assert destroy_expired_salts(end_of_campaign + dt.timedelta(hours=48, seconds=1)) == 1
    assert not VisitorSalt.objects.exists()
    # the counted figures stay: only the means of linking them is gone
    assert ReachEvent.objects.count() == 2
    assert CampaignVisitor.objects.filter(campaign=campaign).count() == 1


def test_a_destroyed_days_salt_is_never_recreated_for_new_traffic(lesson):
    """Past days' salts are not needed again: new events always use today's salt."""
    now = timezone.now()
    send(lesson, now)
    destroy_expired_salts(now + dt.timedelta(days=3))
    send(lesson, now + dt.timedelta(days=3))
    salt_days = set(VisitorSalt.objects.values_list("day", flat=True))
    assert salt_days == {days.day_of(now + dt.timedelta(days=3))}


def end_of(day):
    return days.end_of(day)  # the site-local midnight after the day


def test_extending_a_running_campaign_keeps_its_salt_so_a_returning_visitor_counts_once(
    lesson, link, campaign
):
    old_end = campaign.ends_on
    send(lesson, dt.datetime.combine(old_end, dt.time(9), tzinfo=dt.UTC), link="poster1")
    campaign.ends_on = old_end + dt.timedelta(days=14)
    campaign.save()
    from django.core.cache import cache

    cache.clear()  # the links' cached campaign window
    # the rollup runs past the old end + 48 h: the salt must survive it
    assert destroy_expired_salts(end_of(old_end) + dt.timedelta(hours=49)) == 0
    assert VisitorSalt.objects.filter(campaign=campaign).exists()
    send(lesson, end_of(old_end) + dt.timedelta(days=5), link="poster1")
    assert CampaignVisitor.objects.filter(campaign=campaign).count() == 1
    assert len(set(ReachEvent.objects.values_list("visitor_key", flat=True))) == 1
    salt = VisitorSalt.objects.get(campaign=campaign)
    assert salt.destroy_after == end_of(campaign.ends_on) + dt.timedelta(hours=48)


def test_ending_a_campaign_early_destroys_its_salt_48_hours_after_the_new_end(
    lesson, link, campaign
):
    send(lesson, timezone.now(), link="poster1")
    new_end = days.today()
    campaign.ends_on = new_end
    campaign.save()
    assert VisitorSalt.objects.get(campaign=campaign).destroy_after == (
        end_of(new_end) + dt.timedelta(hours=48)
    )
    assert destroy_expired_salts(end_of(new_end) + dt.timedelta(hours=47)) == 0
    destroy_expired_salts(end_of(new_end) + dt.timedelta(hours=48, seconds=1))
    assert not VisitorSalt.objects.filter(campaign=campaign).exists()


def test_a_salt_follows_an_end_date_changed_without_saving_the_campaign(lesson, link, campaign):
    """Recomputed at destruction time too (a bulk update sends no signal)."""
    send(lesson, timezone.now(), link="poster1")
    new_end = days.today() - dt.timedelta(days=1)
    type(campaign).objects.filter(pk=campaign.pk).update(ends_on=new_end)
    destroy_expired_salts(end_of(new_end) + dt.timedelta(hours=48, seconds=1))
    assert not VisitorSalt.objects.filter(campaign=campaign).exists()
