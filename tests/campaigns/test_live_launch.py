"""Seeing a launch as it happens: the campaigns list's status and reach so far against the
goal, and the campaign report's "Last 30 minutes" panel (its refresh endpoint, who may see
it, and that it reads an index rather than the whole event table)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns import live
from campaigns.days import day_of, zone_name
from campaigns.days import today as site_today
from campaigns.models import Campaign, CampaignReachFigure, ReachEvent
from campaigns.partitions import is_partitioned, partition_name
from tests.campaigns.conftest import campaign_user

pytestmark = pytest.mark.django_db
LISTING = "/admin/campaigns/"


def make_campaign(slug, starts, ends, goal=None, reach=None):
    today = site_today()
    campaign = Campaign.objects.create(
        name=slug.replace("-", " ").title(), slug=slug, reach_goal=goal,
        starts_on=today + dt.timedelta(days=starts), ends_on=today + dt.timedelta(days=ends),
    )
    if reach is not None:
        CampaignReachFigure.objects.create(campaign=campaign, dimension="all", key="",
                                           unique_visitors=reach, computed_at=timezone.now())
    return campaign


def cells(html, slug):
    """The listing row of the campaign (its name is the slug in title case)."""
    title = slug.replace("-", " ").title()
    return next(r for r in html.split("<tr") if re.search(rf">\s*{title}\s*<", r))


# --- the campaigns list --------------------------------------------------------------------


def test_the_list_shows_each_campaigns_status_by_the_site_day(client_for, marketer):
    make_campaign("next-month", 20, 40)
    make_campaign("this-week", -2, 4)
    make_campaign("last-year", -400, -300)
    make_campaign("ends-today", -5, 0)
    make_campaign("starts-today", 0, 5)
    html = client_for(marketer).get(LISTING).content.decode()
    for slug, status, label in [("next-month", "upcoming", "Upcoming"),
                                ("this-week", "running", "Running"),
                                ("last-year", "ended", "Ended"),
                                ("ends-today", "running", "Running"),
                                ("starts-today", "running", "Running")]:
        row = cells(html, slug)
        assert f'data-status="{status}">{label}</span>' in row, slug


def test_the_list_can_be_filtered_by_status(client_for, marketer):
    make_campaign("next-month", 20, 40)
    make_campaign("this-week", -2, 4)
    make_campaign("last-year", -400, -300)
    client = client_for(marketer)

    def names(status):
        html = client.get(LISTING, {"status": status}).content.decode()
        return {name for name in ("Next Month", "This Week", "Last Year") if name in html}

    assert names("upcoming") == {"Next Month"}
    assert names("running") == {"This Week"}
    assert names("ended") == {"Last Year"}
    assert names("") == {"Next Month", "This Week", "Last Year"}


def test_reach_so_far_is_shown_against_the_goal_with_a_bar(client_for, marketer):
    make_campaign("with-goal", -2, 4, goal=5000, reach=1234)
    make_campaign("over-goal", -9, -1, goal=100, reach=150)
    make_campaign("no-goal", -2, 4, reach=77)
    make_campaign("not-counted-yet", -2, 4, goal=300)
    html = client_for(marketer).get(LISTING).content.decode()
    row = cells(html, "with-goal")
    assert "1,234 of 5,000 (24.7 %)" in row
    assert re.search(r'<meter[^>]*min="0" max="5000" value="1234"', row)
    assert 'aria-label="Reach so far: 1,234 of 5,000 people (24.7 %)"' in row
    over = cells(html, "over-goal")
    assert "150 of 100 (150.0 %)" in over and 'max="100" value="100"' in over
    no_goal = cells(html, "no-goal")
    assert 'data-reach-so-far="77"' in no_goal and "<meter" not in no_goal
    assert "0 of 300 (0.0 %)" in cells(html, "not-counted-yet")


def test_reach_so_far_needs_the_report_permission(client):
    make_campaign("with-goal", -2, 4, goal=5000, reach=1234)
    client.force_login(campaign_user("planner", ["view_campaign"]))
    html = client.get(LISTING).content.decode()
    assert "With Goal" in html and 'data-status="running"' in html
    assert "Reach so far" not in html and "1,234" not in html
    # nor can the listing be sorted by it (which would tell the order of reach)
    make_campaign("a-small-one", -2, 4, reach=1)  # same dates: by name first by default
    html = client.get(LISTING, {"ordering": "-reach_so_far"}).content.decode()
    assert html.index("A Small One") < html.index("With Goal")


def test_the_list_query_count_does_not_grow_with_campaigns(client_for, marketer):
    client = client_for(marketer)

    def queries_for(count):
        CampaignReachFigure.objects.all().delete()
        Campaign.objects.all().delete()
        for n in range(count):
            make_campaign(f"campaign-{n}", n - 5, n, goal=1000 + n, reach=n * 10)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LISTING).status_code == 200
        return len(captured)

    assert queries_for(1) == queries_for(10)


# --- the last 30 minutes ---------------------------------------------------------------------


def add_event(campaign, minutes_ago, visitor, event_type="view", qualified=True, now=None):
    moment = (now or timezone.now()) - dt.timedelta(minutes=minutes_ago)
    return ReachEvent.objects.create(
        event_type=event_type, page_id=1, campaign=campaign, visitor_key=visitor,
        qualified=qualified, received_at=moment, day=day_of(moment),
    )


@pytest.fixture
def launch(db):
    """A campaign launched today, with events in and out of the last 30 minutes."""
    campaign = make_campaign("launch-day", 0, 6, goal=500)
    other = make_campaign("other", -1, 6)
    now = timezone.now()
    for minutes, visitor in [(1, "a"), (2, "a"), (7, "b"), (12, "c"), (29, "a")]:
        add_event(campaign, minutes, visitor, now=now)
    add_event(campaign, 3, "d", event_type="link_open", qualified=False, now=now)  # not counted
    add_event(campaign, 31, "e", now=now)  # too old
    add_event(campaign, 45, "f", now=now)
    add_event(other, 2, "g", now=now)  # another campaign
    add_event(None, 2, "h", now=now)  # unattributed
    return campaign


def test_the_figures_count_only_the_campaigns_last_30_minutes(launch):
    figures = live.last_30_minutes(launch.pk, timezone.now())
    assert (figures.events, figures.visitors) == (5, 3)
    assert len(figures.buckets) == 6
    assert sum(b["events"] for b in figures.buckets) == 5
    newest, oldest = figures.buckets[-1], figures.buckets[0]
    assert (newest["events"], newest["visitors"]) == (2, 1)  # visitor a, twice
    assert (oldest["events"], oldest["visitors"]) == (1, 1)  # visitor a, 29 minutes ago
    assert newest["end"] == figures.as_of


def test_the_window_edges(launch):
    now = timezone.now()
    campaign = make_campaign("edges", 0, 2)
    add_event(campaign, 30, "x", now=now)  # exactly 30 minutes ago: out
    add_event(campaign, 0, "y", now=now)  # now: in
    figures = live.last_30_minutes(campaign.pk, now)
    assert (figures.events, figures.visitors) == (1, 1)


def live_url(campaign):
    return reverse("campaigns_report_live", args=(campaign.pk,))


def report_url(campaign):
    return reverse("campaigns_report", args=(campaign.pk,))


def values(html):
    return dict(re.findall(r'data-figure="(live-\w+)">.*?data-value="(\d+)"', html, re.S))


ROLES = ["anonymous", "editor", "reviewer", "marketing", "administrators group"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_on_the_panel_and_its_endpoint(launch, role, client, client_for, editor,
                                                 reviewer, marketer, administrator):
    users = {"editor": editor, "reviewer": reviewer, "marketing": marketer,
             "administrators group": administrator}
    browser = client if role == "anonymous" else client_for(users[role])
    for url in (report_url(launch), live_url(launch)):
        response = browser.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        elif role in ("editor", "reviewer"):
            assert response.status_code == 403
            assert "Can view reach reports" in response.content.decode()
        else:
            assert response.status_code == 200
            assert values(response.content.decode()) == {"live-visitors": "3",
                                                         "live-events": "5"}


def test_the_endpoint_answers_the_panel_alone_never_cached(launch, client_for, marketer):
    response = client_for(marketer).get(live_url(launch))
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "<html" not in html and 'id="live-heading"' in html
    assert re.search(rf"As of \d\d:\d\d \({re.escape(zone_name())} time\)", html)
    assert f'href="{report_url(launch)}#live"' in html  # works without JavaScript


def test_the_report_carries_the_panel_and_its_refresh_address(launch, client_for, marketer):
    html = client_for(marketer).get(report_url(launch)).content.decode()
    assert f'data-live-url="{live_url(launch)}"' in html
    assert 'data-live-every="60"' in html
    assert "campaigns/js/reports.js" in html


def test_a_campaign_not_running_today_has_no_panel(client_for, marketer):
    ended = make_campaign("ended", -20, -1)
    add_event(ended, 5, "a")  # cannot happen through the ingest; still not shown
    html = client_for(marketer).get(report_url(ended)).content.decode()
    assert "data-live-url" not in html and "Last 30 minutes" not in html
    assert client_for(marketer).get(live_url(ended)).status_code == 200  # asked for anyway


def test_an_unknown_campaign_is_404_and_a_forbidden_user_learns_nothing(client_for, marketer,
                                                                        editor):
    assert client_for(marketer).get(live_url(Campaign(pk=999999))).status_code == 404
    assert client_for(editor).get(live_url(Campaign(pk=999999))).status_code == 403


def test_the_panel_is_one_query_whatever_the_traffic(launch, django_assert_num_queries):
    with django_assert_num_queries(1):
        live.last_30_minutes(launch.pk, timezone.now())


def plan_of(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def test_the_window_is_read_through_the_campaign_and_time_index(launch):
    """The evidence that the panel never scans the event table: the plan reads an index led
    by the campaign — (campaign, received_at), or on PostgreSQL possibly (campaign, day), which
    the planner may prefer on a near-empty partition — and on PostgreSQL only the partitions
    of the window's days. (With seq scans off, PostgreSQL shows the index it can use, whatever
    the rows.)"""
    now = timezone.now()
    plan = plan_of(live.window_events(launch.pk, now))
    if connection.vendor == "postgresql":
        assert is_partitioned()
        assert "Seq Scan" not in plan, plan
        assert any(name in plan for name in (
            "campaign_id_received_at", "event_campaign_received", "campaign_id_day"
        )), plan
        months = {partition_name(day_of(now - live.WINDOW).replace(day=1)),
                  partition_name(day_of(now).replace(day=1))}
        read = set(re.findall(r"campaigns_reachevent_(?:p\d{6}|default)", plan))
        assert read <= months, plan  # no other month, not the default partition
    else:
        assert "event_campaign_received" in plan and "SCAN" not in plan.replace(
            "SCAN CONSTANT", ""), plan
