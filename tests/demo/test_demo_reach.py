"""The demo reach goes through the real ingest, adds up, and loads once."""

import pytest
from django.core.management import call_command
from django.db.models import Sum

from campaigns.models import Campaign, CampaignVisitor, DailyRollup, ReachEvent, VisitorSalt
from demo import reach as demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(make_video, make_comic, make_case):
    return [make_video(), make_comic(), make_case()]


def test_demo_reach_is_consistent_and_loads_once(lessons, monkeypatch):
    monkeypatch.setattr(demo, "DAYS", 6)
    call_command("load_demo_reach")
    assert Campaign.objects.count() == 3
    assert ReachEvent.objects.filter(qualified=True).exists()
    assert ReachEvent.objects.filter(event_type="link_open").exists()
    # the rollups add up to the raw events they came from
    detail = DailyRollup.objects.filter(page_id__gt=0).aggregate(n=Sum("raw_events"))["n"]
    assert detail == ReachEvent.objects.count()
    # a running campaign's reach is its deduplicated visitor set
    running = Campaign.objects.get(slug="new-in-town")
    assert CampaignVisitor.objects.filter(campaign=running).count() == (
        ReachEvent.objects.filter(campaign=running, qualified=True)
        .values("visitor_key").distinct().count()
    )
    # salts of past days are destroyed as soon as their 48 h are up
    assert not VisitorSalt.objects.filter(day__lt=running.starts_on).exists()
    counts = (Campaign.objects.count(), ReachEvent.objects.count(), DailyRollup.objects.count())
    call_command("load_demo_reach")
    assert (Campaign.objects.count(), ReachEvent.objects.count(),
            DailyRollup.objects.count()) == counts


def test_nothing_is_loaded_without_lessons(db):
    call_command("load_demo_reach")
    assert not Campaign.objects.exists()
