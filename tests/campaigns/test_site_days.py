"""Reach days are days in the site's time zone (SITE_TIME_ZONE, Asia/Shanghai by default),
not UTC: a campaign's first local hours count for it, on its first day."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import figures
from campaigns.ingest import Visit, ingest, parse_batch
from campaigns.models import Campaign, DailyRollup, ReachEvent, TrackingLink
from campaigns.rollups import rollup_days
from tests.campaigns.conftest import BROWSER_UA, event

pytestmark = pytest.mark.django_db

FIRST_DAY = dt.date(2025, 3, 2)
# 01:30 on the campaign's first day in Shanghai (UTC+8) is still the day before in UTC.
EARLY_MORNING = dt.datetime(2025, 3, 1, 17, 30, tzinfo=dt.UTC)


@pytest.fixture
def march(lesson):
    campaign = Campaign.objects.create(name="March week", slug="march-week",
                                       starts_on=FIRST_DAY, ends_on=dt.date(2025, 3, 8))
    TrackingLink.objects.create(campaign=campaign, code="march1", channel="poster",
                                label="Poster", destination=lesson)
    return campaign


def send(lesson, when, link="march1"):
    visit = Visit(ip="198.51.100.7", user_agent=BROWSER_UA, site="testserver")
    return ingest(parse_batch(json.dumps({"events": [event(lesson, link=link)]}).encode()),
                  visit, when)


def test_the_first_local_hours_of_a_campaign_count_for_it_on_its_first_day(march, lesson):
    assert send(lesson, EARLY_MORNING).accepted == 1
    stored = ReachEvent.objects.get()
    assert stored.day == FIRST_DAY
    assert stored.campaign_id == march.pk  # attributed, not left without a campaign
    rollup_days([FIRST_DAY], timezone.now())
    assert DailyRollup.objects.filter(day=FIRST_DAY, campaign=march).exists()
    report = figures.campaign_report(march, today=dt.date(2025, 3, 9))
    assert report.headline.value("views") == 1
    daily = {row["day"]: row for row in report.daily}
    assert daily[FIRST_DAY]["views"] == 1


def test_the_last_local_evening_of_a_campaign_is_its_last_day(march, lesson):
    late = dt.datetime(2025, 3, 8, 15, 59, tzinfo=dt.UTC)  # 23:59 in Shanghai
    after = dt.datetime(2025, 3, 8, 16, 1, tzinfo=dt.UTC)  # 00:01 the day after
    send(lesson, late)
    send(lesson, after)
    days = dict(ReachEvent.objects.values_list("day", "campaign_id"))
    assert days == {dt.date(2025, 3, 8): march.pk, dt.date(2025, 3, 9): None}


def test_the_setting_decides_what_a_day_is(march, lesson, settings):
    settings.SITE_TIME_ZONE = "UTC"
    send(lesson, EARLY_MORNING)
    stored = ReachEvent.objects.get()
    assert stored.day == dt.date(2025, 3, 1) and stored.campaign_id is None


def test_the_annual_report_year_is_a_local_year(make_case, settings):
    from education.models import LessonPage

    lesson = make_case(title="New year lesson")
    # 20:00 UTC on 31 December is 04:00 on 1 January in Shanghai.
    LessonPage.objects.filter(pk=lesson.pk).update(
        first_published_at=dt.datetime(2025, 12, 31, 20, 0, tzinfo=dt.UTC))
    summary = {row["key"]: row for row in figures.annual_report(2026).summary}
    assert summary["lessons_published"]["value"] == 1
    summary = {row["key"]: row for row in figures.annual_report(2025).summary}
    assert summary["lessons_published"]["value"] == 0


def test_forms_and_reports_say_which_zone(admin_client, march):
    form = admin_client.get(f"/admin/campaigns/edit/{march.pk}/")
    assert form.status_code == 200
    assert "Days in the Asia/Shanghai time zone" in form.content.decode()
    report = admin_client.get(reverse("campaigns_report", args=(march.pk,)))
    assert "Calendar days in Asia/Shanghai time" in report.content.decode()
    annual = admin_client.get(reverse("campaigns_annual_report"), {"year": 2025})
    assert "Year (calendar year, Asia/Shanghai time)" in annual.content.decode()
