"""Daily rollups: sums equal the raw counts; idempotent; incremental; pruning keeps them."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from campaigns.ingest import Visit, ingest, parse_batch, record_link_open
from campaigns.models import DailyRollup, ReachEvent
from tests.campaigns.conftest import BROWSER_UA, event

pytestmark = pytest.mark.django_db


def visit(n):
    return Visit(ip=f"198.51.100.{n}", user_agent=BROWSER_UA, site="testserver")


def send(events, who, when):
    return ingest(parse_batch(json.dumps({"events": events}).encode()), visit(who), when)


@pytest.fixture
def traffic(lesson, link, make_case):
    other = make_case(title="Other lesson")
    today = timezone.now().replace(hour=12, minute=0)
    yesterday = today - dt.timedelta(days=1)
    for who in range(1, 6):  # five people from the poster, each views and engages
        send([event(lesson, link="poster1"), event(lesson, "engaged", link="poster1")],
             who, yesterday)
    for who in range(1, 4):  # three of them come back today and read another lesson
        send([event(other, link="poster1")], who, today)
    for who in range(10, 14):  # four people without a link
        send([event(lesson), event(other)], who, today)
    record_link_open(link, visit(1), yesterday)
    return {"lesson": lesson, "other": other, "today": today.date(),
            "yesterday": yesterday.date()}


def rollup_sum(field, **filters):
    return DailyRollup.objects.filter(**filters).aggregate(n=Sum(field))["n"] or 0


def test_rollup_sums_equal_the_raw_counts(traffic, campaign):
    call_command("rollup_reach")
    detail = {"page_id__gt": 0}
    assert rollup_sum("raw_events", **detail) == ReachEvent.objects.count()
    assert rollup_sum("qualified_events", **detail) == ReachEvent.objects.filter(
        qualified=True).count()
    # per day and campaign: unique visitors as counted from the raw events
    assert DailyRollup.objects.get(
        day=traffic["yesterday"], campaign=campaign, event_type="any").unique_visitors == 5
    assert DailyRollup.objects.get(
        day=traffic["today"], campaign=campaign, event_type="any").unique_visitors == 3
    assert DailyRollup.objects.get(
        day=traffic["today"], campaign=None, event_type="any").unique_visitors == 4
    views = DailyRollup.objects.get(day=traffic["yesterday"], campaign=campaign,
                                    page_id=traffic["lesson"].pk, event_type="view")
    assert (views.qualified_events, views.unique_visitors) == (5, 5)
    opens = DailyRollup.objects.get(day=traffic["yesterday"], event_type="link_open")
    assert (opens.raw_events, opens.qualified_events, opens.unique_visitors) == (1, 0, 0)


def test_rerunning_changes_nothing(traffic):
    call_command("rollup_reach")
    first = list(DailyRollup.objects.order_by("day", "campaign_id", "page_id", "link_id",
                                              "event_type").values())
    call_command("rollup_reach", "--all")
    call_command("rollup_reach", "--day", str(traffic["yesterday"]))
    second = list(DailyRollup.objects.order_by("day", "campaign_id", "page_id", "link_id",
                                               "event_type").values())
    strip = [{k: v for k, v in row.items() if k != "id"} for row in first]
    assert strip == [{k: v for k, v in row.items() if k != "id"} for row in second]


def test_incremental_runs_pick_up_new_events(traffic, lesson):
    call_command("rollup_reach")
    before = rollup_sum("raw_events", page_id__gt=0)
    send([event(lesson)], 99, timezone.now())
    call_command("rollup_reach")
    assert rollup_sum("raw_events", page_id__gt=0) == before + 1


def test_a_bad_day_argument_is_a_clear_error(traffic):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Not a date"):
        call_command("rollup_reach", "--day", "yesterday")


def test_pruning_deletes_old_raw_events_and_keeps_rollups(traffic, lesson):
    old = timezone.now() - dt.timedelta(days=400)
    send([event(lesson)], 50, old)
    call_command("rollup_reach", "--all")
    rollups = DailyRollup.objects.count()
    call_command("prune_reach_events")
    assert not ReachEvent.objects.filter(day=old.date()).exists()
    assert ReachEvent.objects.count() > 0
    assert DailyRollup.objects.count() == rollups
    assert DailyRollup.objects.filter(day=old.date()).exists()


def test_deduplicated_reach_per_lesson_link_channel_and_format(traffic, campaign, link):
    from campaigns.models import CampaignReachFigure as Figure

    call_command("rollup_reach")
    figures = {(f.dimension, f.key): f.unique_visitors
               for f in Figure.objects.filter(campaign=campaign)}
    assert figures[("all", "")] == 5
    assert figures[("page", str(traffic["lesson"].pk))] == 5
    assert figures[("page", str(traffic["other"].pk))] == 3
    assert figures[("link", str(link.pk))] == 5
    assert figures[("channel", "poster")] == 5
    assert figures[("format", "case")] == 5  # a person reading two case studies counts once


def test_red_flag_choices_and_endings_are_rolled_up(make_scenario, link, campaign):
    from campaigns.models import DailyScenarioRollup

    now = timezone.now()
    scenario = make_scenario()

    def choice(step, number, safe):
        return event(scenario, "choice", link="poster1", props={
            "step": step, "choice": str(number), "safe": safe, "red_flag": "unexpected-link"})

    send([choice("first-text", 2, True), choice("first-text", 1, False),
          choice("bank-call", 2, True),
          event(scenario, "scenario_end", link="poster1", props={"outcome": "safe", "score": 90}),
          event(scenario, "scenario_end", link="poster1",
                props={"outcome": "scammed", "score": 10}),
          ], 1, now)
    call_command("rollup_reach")
    flags = DailyScenarioRollup.objects.get(red_flag="unexpected-link", campaign=campaign)
    assert (flags.choices, flags.safe_choices) == (3, 2)
    endings = {row.outcome: row.endings for row in DailyScenarioRollup.objects.filter(
        red_flag="", campaign=campaign)}
    assert endings == {"safe": 1, "scammed": 1}
