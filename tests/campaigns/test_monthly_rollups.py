"""Monthly rollups: the daily rollups summed per month, kept by rollup_day in the same
transaction, and what the annual report reads. The annual report's figures from them equal
the figures read from a year of daily rollup rows (the report's earlier path) and the raw
events, across months and years, at the site's day boundaries, after re-rolls and prunes."""

import datetime as dt
import importlib
import json
from collections import Counter, defaultdict
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models import Q, Sum

from campaigns import figures
from campaigns.ingest import Visit, ingest, parse_batch
from campaigns.models import (
    Campaign,
    DailyRollup,
    DailyScenarioRollup,
    MonthlyRollup,
    MonthlyScenarioRollup,
    ReachEvent,
    TrackingLink,
)
from campaigns.rollups import prune_raw_events, rollup_day, rollup_days
from tests.campaigns.conftest import BROWSER_UA, event

pytestmark = pytest.mark.django_db

UTC = dt.UTC
TYPES = ["view", "complete", "scenario_start", "scenario_end"]
# Moments at the site's (Asia/Shanghai, UTC+8) day, month and year boundaries.
MOMENTS = [
    dt.datetime(2025, 12, 30, 4, 0, tzinfo=UTC),     # 30 Dec 2025, 12:00 local
    dt.datetime(2025, 12, 31, 15, 30, tzinfo=UTC),   # 31 Dec 2025, 23:30 local
    dt.datetime(2025, 12, 31, 16, 30, tzinfo=UTC),   # 1 Jan 2026, 00:30 local
    dt.datetime(2026, 1, 15, 2, 0, tzinfo=UTC),
    dt.datetime(2026, 1, 31, 15, 59, tzinfo=UTC),    # 31 Jan, 23:59 local
    dt.datetime(2026, 1, 31, 16, 1, tzinfo=UTC),     # 1 Feb, 00:01 local
    dt.datetime(2026, 2, 28, 16, 0, tzinfo=UTC),     # 1 Mar, 00:00 local
    dt.datetime(2026, 6, 30, 17, 0, tzinfo=UTC),     # 1 Jul, 01:00 local
]


def send(events, who, when):
    visit = Visit(ip=f"198.51.100.{who}", user_agent=BROWSER_UA, site="testserver")
    return ingest(parse_batch(json.dumps({"events": events}).encode()), visit, when)


@pytest.fixture
def years(make_case, make_video, make_scenario):
    """Traffic over two calendar years: a campaign across new year with a link, visitors
    without one, every lesson format, some people on several days."""
    case = make_case(title="Courier fee scam")
    video = make_video(title="Stop, check, call")
    scenario = make_scenario()
    winter = Campaign.objects.create(name="Winter week", slug="winter-week",
                                     starts_on=dt.date(2025, 12, 28),
                                     ends_on=dt.date(2026, 1, 20))
    TrackingLink.objects.create(campaign=winter, code="winter1", channel="poster",
                                label="Poster", destination=scenario)

    def lesson_events(n, link):
        events = [event(case, link=link), event(case, "engaged", link=link)]
        if n % 2:
            events += [event(video, link=link), event(video, "play", link=link),
                       event(video, "complete", link=link, props={"percent": 90})]
        if n % 3 != 1:
            events += [
                event(scenario, link=link), event(scenario, "scenario_start", link=link),
                event(scenario, "choice", link=link, props={
                    "step": "first-text", "choice": "2", "safe": n % 2 == 0,
                    "red_flag": "unexpected-link"}),
                event(scenario, "scenario_end", link=link, props={
                    "outcome": ["safe", "partly", "scammed"][n % 3], "score": 50}),
            ]
        return events

    for n, moment in enumerate(MOMENTS):
        for who in range(1, 4 + n % 3):
            send(lesson_events(n + who, None), who, moment)
            send(lesson_events(n * who, "winter1"), 20 + who, moment + dt.timedelta(minutes=5))
    call_command("rollup_reach")
    return {"case": case, "video": video, "scenario": scenario, "winter": winter}


def daily_figures(year):
    """The annual report's event sums as its earlier path read them: a year of daily rows."""
    in_year = Q(day__gte=dt.date(year, 1, 1), day__lte=dt.date(year, 12, 31))
    traffic = {
        (row["page_id"], row["event_type"]): (row["q"], row["v"])
        for row in DailyRollup.objects.filter(in_year, event_type__in=TYPES).order_by()
        .values("page_id", "event_type")
        .annotate(q=Sum("qualified_events"), v=Sum("unique_visitors"))
    }
    other = DailyRollup.objects.filter(in_year, campaign__isnull=True, event_type="any") \
        .aggregate(n=Sum("unique_visitors"))["n"] or 0
    endings = dict(DailyScenarioRollup.objects.filter(in_year, red_flag="").exclude(outcome="")
                   .order_by().values("outcome").annotate(n=Sum("endings"))
                   .values_list("outcome", "n"))
    return traffic, other, endings


def monthly_figures(year):
    in_year = Q(month__gte=dt.date(year, 1, 1), month__lte=dt.date(year, 12, 31))
    traffic = {
        (row["page_id"], row["event_type"]): (row["q"], row["v"])
        for row in MonthlyRollup.objects.filter(in_year, event_type__in=TYPES).order_by()
        .values("page_id", "event_type")
        .annotate(q=Sum("qualified_events"), v=Sum("visitor_days"))
    }
    other = MonthlyRollup.objects.filter(in_year, campaign__isnull=True, event_type="any") \
        .aggregate(n=Sum("visitor_days"))["n"] or 0
    endings = dict(MonthlyScenarioRollup.objects.filter(in_year, red_flag="")
                   .exclude(outcome="").order_by().values("outcome")
                   .annotate(n=Sum("endings")).values_list("outcome", "n"))
    return traffic, other, endings


def assert_months_sum_the_days():
    """Every monthly row is its month's daily rows summed, and nothing else is there."""
    days = defaultdict(Counter)
    for row in DailyRollup.objects.all():
        key = (row.day.replace(day=1), row.campaign_id, row.page_id, row.event_type)
        days[key].update(q=row.qualified_events, r=row.raw_events, v=row.unique_visitors)
    months = {(row.month, row.campaign_id, row.page_id, row.event_type):
              Counter(q=row.qualified_events, r=row.raw_events, v=row.visitor_days)
              for row in MonthlyRollup.objects.all()}
    assert months == days
    assert MonthlyRollup.objects.count() == len(months)  # one row per month and key
    days = defaultdict(Counter)
    for row in DailyScenarioRollup.objects.all():
        key = (row.day.replace(day=1), row.campaign_id, row.page_id, row.red_flag, row.outcome)
        days[key].update(c=row.choices, s=row.safe_choices, e=row.endings)
    months = {(row.month, row.campaign_id, row.page_id, row.red_flag, row.outcome):
              Counter(c=row.choices, s=row.safe_choices, e=row.endings)
              for row in MonthlyScenarioRollup.objects.all()}
    assert months == days
    assert MonthlyScenarioRollup.objects.count() == len(months)


def raw_year(year):
    """The report's event figures counted in Python from the raw events."""
    events = [e for e in ReachEvent.objects.all() if e.day.year == year and e.qualified]
    starters = defaultdict(set)
    for e in events:
        if e.event_type == "scenario_start":
            starters[(e.day, e.campaign_id, e.page_id, e.link_id)].add(e.visitor_key)
    other = defaultdict(set)
    for e in events:
        if e.campaign_id is None:
            other[e.day].add(e.visitor_key)
    return {
        "views": sum(e.event_type == "view" for e in events),
        "scenario_completions": sum(e.event_type == "scenario_end" for e in events),
        "scenario_participants": sum(len(keys) for keys in starters.values()),
        "other_visitor_days": sum(len(keys) for keys in other.values()),
        "endings": Counter(e.props["outcome"] for e in events if e.event_type == "scenario_end"),
    }


def report_figures(year):
    report = figures.annual_report(year)
    summary = {row["key"]: row["value"] for row in report.summary}
    views = {row["label"]: row for row in report.tables["views_by_format"].rows}
    return {
        "summary": summary, "views_by_format": report.tables["views_by_format"].rows,
        "by_language": report.tables["by_language"].rows, "total": views["Total"],
    }


def assert_report_matches_raw(year):
    raw, found = raw_year(year), report_figures(year)
    assert found["total"]["views"] == raw["views"] > 0
    assert found["total"]["scenario_completions"] == raw["scenario_completions"]
    assert found["summary"]["scenario_completions"] == raw["scenario_completions"]
    assert found["summary"]["scenario_participants"] == raw["scenario_participants"]
    assert found["summary"]["other_visitor_days"] == raw["other_visitor_days"]
    endings = raw["endings"]
    assert found["summary"]["safe_outcome_rate"] == figures.percent(
        endings["safe"], sum(endings.values()))


def test_the_months_are_the_days_summed_and_the_report_reads_the_same_figures(years):
    assert_months_sum_the_days()
    assert {row.month for row in MonthlyRollup.objects.all()} == {
        dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1),
        dt.date(2026, 7, 1)}
    for year in (2025, 2026):
        assert monthly_figures(year) == daily_figures(year)
        assert_report_matches_raw(year)
    # 23:30 on 31 December local is last year's; 00:30 on 1 January local is this year's.
    assert ReachEvent.objects.filter(day=dt.date(2025, 12, 31)).exists()
    assert ReachEvent.objects.filter(day=dt.date(2026, 1, 1)).exists()
    assert not ReachEvent.objects.filter(day__year=2025, day__month=12, day__gt=dt.date(
        2025, 12, 31)).exists()


def test_re_rolling_days_rewrites_their_months_once(years):
    before = {year: report_figures(year) for year in (2025, 2026)}
    monthly = MonthlyRollup.objects.count()
    call_command("rollup_reach", "--all")
    call_command("rollup_reach", "--day", "2026-01-31", "--day", "2026-02-01")
    assert MonthlyRollup.objects.count() == monthly
    assert_months_sum_the_days()
    assert {year: report_figures(year) for year in (2025, 2026)} == before


def test_a_run_over_many_days_rewrites_each_month_once(years):
    """Not once a day: a first rollup over a year would otherwise rewrite each month ~30
    times (and leave as many dead rows behind)."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call_command("rollup_reach", "--all")
    inserts = [q["sql"] for q in captured.captured_queries
               if q["sql"].startswith(f"INSERT INTO {MonthlyRollup._meta.db_table} ")]
    months = {day.replace(day=1) for day in
              ReachEvent.objects.values_list("day", flat=True).distinct()}
    assert len(inserts) == len(months) == 5
    assert_months_sum_the_days()


def test_one_day_rolled_up_alone_rewrites_its_month_with_it(years):
    before = report_figures(2026)["total"]["views"]
    send([event(years["case"])], 98, dt.datetime(2026, 3, 2, 3, 0, tzinfo=UTC))
    rollup_day(dt.date(2026, 3, 2))
    assert report_figures(2026)["total"]["views"] == before + 1
    assert_months_sum_the_days()


def test_a_new_day_of_traffic_reaches_the_annual_report_at_the_next_rollup(years):
    before = report_figures(2026)["total"]["views"]
    late = dt.datetime(2026, 1, 31, 15, 0, tzinfo=UTC)  # 23:00 local, in January
    send([event(years["case"])], 99, late)
    assert report_figures(2026)["total"]["views"] == before  # not rolled up yet
    rollup_days([dt.date(2026, 1, 31)], late)
    assert report_figures(2026)["total"]["views"] == before + 1
    assert_months_sum_the_days()
    assert_report_matches_raw(2026)


def test_pruning_raw_events_keeps_the_annual_figures(years, settings):
    before = {year: report_figures(year) for year in (2025, 2026)}
    now = dt.datetime(2026, 12, 6, 4, 0, tzinfo=UTC)
    # keep the raw events from 1 February 2026 (local) on: December and January go
    removed = prune_raw_events(now, keep_days=(now.date() - dt.date(2026, 2, 1)).days)
    assert removed > 0
    assert not ReachEvent.objects.filter(day__lt=dt.date(2026, 2, 1)).exists()
    assert ReachEvent.objects.filter(day=dt.date(2026, 2, 1)).exists()
    call_command("rollup_reach")
    call_command("rollup_reach", "--all")  # every day still with raw events, re-rolled
    assert_months_sum_the_days()
    assert {year: report_figures(year) for year in (2025, 2026)} == before
    for year in (2025, 2026):
        assert monthly_figures(year) == daily_figures(year)


def test_the_migration_fills_the_months_from_the_daily_rows(years):
    before = {year: report_figures(year) for year in (2025, 2026)}
    MonthlyRollup.objects.all().delete()
    MonthlyScenarioRollup.objects.all().delete()
    assert report_figures(2026)["total"]["views"] == 0
    migration = importlib.import_module("campaigns.migrations.0013_monthly_rollups")
    migration.fill_months(apps, SimpleNamespace(connection=connection))
    assert_months_sum_the_days()
    assert {year: report_figures(year) for year in (2025, 2026)} == before


def test_the_annual_report_reads_months_not_days(years):
    """A year's report reads at most twelve months of rows per key: its queries touch
    MonthlyRollup, never a year of DailyRollup rows."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        figures.annual_report(2026)
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert MonthlyRollup._meta.db_table in sql
    assert MonthlyScenarioRollup._meta.db_table in sql
    assert DailyRollup._meta.db_table not in sql
    assert DailyScenarioRollup._meta.db_table not in sql
