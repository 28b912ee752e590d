"""Campaign reach counted incrementally is exactly what a full recount gives; the visitor keys
kept for counting are deleted once the campaign's salt is destroyed (figures stay)."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaigns import days
from campaigns.ingest import Visit, ingest, parse_batch
from campaigns.models import (
    Campaign,
    CampaignReachFigure,
    CampaignReachTally,
    CampaignVisitor,
    CampaignVisitorTouch,
    TrackingLink,
)
from campaigns.privacy import destroy_expired_salts
from campaigns.rollups import count_campaign_reach, discard_unlinkable_keys
from tests.campaigns.conftest import BROWSER_UA, event

pytestmark = pytest.mark.django_db


def send(events, who, when):
    visit = Visit(ip=f"198.51.100.{who}", user_agent=BROWSER_UA, site="testserver")
    return ingest(parse_batch(json.dumps({"events": events}).encode()), visit, when)


def figures(campaign):
    return {(f.dimension, f.key): f.unique_visitors
            for f in CampaignReachFigure.objects.filter(campaign=campaign)}


def full_recount(campaign):
    """The figures a from-scratch count gives (``rollup_reach --all``)."""
    call_command("rollup_reach", "--all")
    return figures(campaign)


@pytest.fixture
def sms(campaign, make_case):
    other = make_case(title="Fake parcel text")
    return TrackingLink.objects.create(campaign=campaign, code="sms1", channel="sms",
                                       destination=other)


def test_several_days_late_events_and_reruns_match_a_full_recount(lesson, link, sms, campaign):
    noon = timezone.now().replace(hour=4, minute=0)  # noon in Shanghai: the same site day
    day1, day2, day3 = (noon - dt.timedelta(days=n) for n in (3, 2, 1))
    other = sms.destination
    for who in range(1, 6):
        send([event(lesson, link="poster1")], who, day1)
    call_command("rollup_reach")
    assert figures(campaign)[("all", "")] == 5

    # day 2: three return through another link to another lesson, two new people arrive
    for who in (1, 2, 3, 20, 21):
        send([event(other, link="sms1"), event(other, "engaged", link="sms1")], who, day2)
    call_command("rollup_reach")
    after_two_days = figures(campaign)
    assert after_two_days[("all", "")] == 7
    assert after_two_days[("page", str(other.pk))] == 5
    assert after_two_days[("channel", "sms")] == 5
    assert after_two_days[("link", str(link.pk))] == 5

    # day 3, then an event for day 1 that commits only after day 3's rollup ran
    for who in (4, 30):
        send([event(lesson, link="poster1"), event(other, link="sms1")], who, day3)
    call_command("rollup_reach")
    send([event(other, link="sms1")], 5, day1)
    call_command("rollup_reach")
    incremental = figures(campaign)
    assert incremental[("all", "")] == 8
    assert incremental[("page", str(other.pk))] == 8  # 1, 2, 3, 20, 21, 4, 30 and late 5

    call_command("rollup_reach")  # a re-run adds nothing
    assert figures(campaign) == incremental
    assert not CampaignVisitorTouch.objects.filter(counted=False).exists()
    assert full_recount(campaign) == incremental


def test_a_run_adds_only_the_touches_not_counted_yet(lesson, link, campaign):
    today = timezone.now()
    send([event(lesson, link="poster1")], 1, today)
    count_campaign_reach(today)
    send([event(lesson, link="poster1")], 2, today)
    assert CampaignVisitorTouch.objects.filter(counted=False).count() == 1
    count_campaign_reach(today)
    count_campaign_reach(today)
    assert figures(campaign)[("all", "")] == 2
    assert figures(campaign)[("format", "case")] == 2


def test_figures_made_before_incremental_counting_are_recounted_once(lesson, link, campaign):
    """After the upgrade no campaign has a tally: its first run counts it in full."""
    now = timezone.now()
    send([event(lesson, link="poster1")], 1, now)
    CampaignReachFigure.objects.create(campaign=campaign, dimension="all", key="",
                                       unique_visitors=99, computed_at=now)
    call_command("rollup_reach")
    assert figures(campaign)[("all", "")] == 1
    assert CampaignReachTally.objects.filter(campaign=campaign).exists()


def test_prune_discards_the_keys_of_a_campaign_whose_salt_is_destroyed(lesson, link, campaign):
    now = timezone.now()
    send([event(lesson, link="poster1")], 1, now)
    send([event(lesson, link="poster1")], 2, now)
    call_command("rollup_reach")
    send([event(lesson, link="poster1")], 3, now)  # not rolled up yet when the campaign ends
    kept = figures(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(ends_on=days.today())
    after_salt = days.end_of(days.today()) + dt.timedelta(hours=48, seconds=1)
    assert destroy_expired_salts(after_salt) == 1

    call_command("prune_reach_events")  # today: the salt is gone, its 48 h not yet over
    assert CampaignVisitorTouch.objects.filter(campaign=campaign).count() == 3

    assert discard_unlinkable_keys(after_salt) == 1
    assert not CampaignVisitorTouch.objects.filter(campaign=campaign).exists()
    assert not CampaignVisitor.objects.filter(campaign=campaign).exists()
    final = figures(campaign)
    assert final[("all", "")] == 3 and kept[("all", "")] == 2  # counted before discarding
    assert full_recount(campaign) == final  # never recounted from the keys that are gone
    assert discard_unlinkable_keys(after_salt) == 0
