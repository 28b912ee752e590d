"""The read API's figures are the reports' figures: counted independently from the raw events
of the reports' fixture (tests/campaigns/test_reports.py), and equal, table by table and number
by number, to the admin report's own CSV exports. Only live titles, never raw events or
visitor keys, and a fixed number of queries per endpoint."""

import datetime as dt
import json
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from campaigns import figures
from campaigns.days import today as site_today
from campaigns.ingest import ingest, parse_batch
from campaigns.models import (
    Campaign,
    CampaignVisitor,
    CampaignVisitorTouch,
    ReachEvent,
    TrackingLink,
)
from tests.campaigns.test_reports import (
    add_days_of_traffic,
    csv_file,
    expected_breakdown,
    expected_headline,
    segments_by_page,
    visit,
)

pytestmark = pytest.mark.django_db


def body(response):
    assert response.status_code == 200, response.content
    return response.json()


def figures_url(campaign, **params):
    url = reverse("api-campaign", args=(campaign.pk,))
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params)
    return url


def table_url(campaign, key, **params):
    url = reverse("api-campaign-table", args=(campaign.pk, key))
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params)
    return url


# --- campaigns ------------------------------------------------------------------------------


def test_the_campaign_list_gives_each_campaigns_reach_newest_first(world, api):
    found = body(api(reverse("api-campaigns")))
    assert found["count"] == 2
    spring, autumn = world["spring"], world["autumn"]
    by_slug = {c["slug"]: c for c in found["results"]}
    assert [c["slug"] for c in found["results"]] == [autumn.slug, spring.slug]  # newest first
    for campaign in (spring, autumn):
        expected = expected_headline(campaign)
        item = by_slug[campaign.slug]
        assert item["id"] == campaign.pk and item["name"] == campaign.name
        assert item["starts_on"] == campaign.starts_on.isoformat()
        assert item["ends_on"] == campaign.ends_on.isoformat()
        assert item["status"] == "running"
        assert item["reach_goal"] == campaign.reach_goal
        assert item["online_reach"] == expected["online_reach"] > 0
        assert item["goal_progress"] == expected["goal_progress"]
        assert item["url"] == "http://testserver" + figures_url(campaign)


def test_the_campaign_list_is_paginated(world, api):
    first = body(api(reverse("api-campaigns") + "?page_size=1"))
    assert first["count"] == 2 and len(first["results"]) == 1 and first["previous"] is None
    second = body(api(first["next"]))
    assert len(second["results"]) == 1 and second["next"] is None
    assert first["results"][0]["id"] != second["results"][0]["id"]
    assert api(reverse("api-campaigns") + "?page=9").status_code == 404


def test_a_campaigns_status_follows_todays_date(db, api):
    day = site_today()
    Campaign.objects.create(name="Later", slug="later", starts_on=day + dt.timedelta(days=1),
                            ends_on=day + dt.timedelta(days=5))
    Campaign.objects.create(name="Done", slug="done", starts_on=day - dt.timedelta(days=5),
                            ends_on=day - dt.timedelta(days=1))
    Campaign.objects.create(name="Today", slug="today", starts_on=day, ends_on=day)
    got = {c["slug"]: c["status"] for c in body(api(reverse("api-campaigns")))["results"]}
    assert got == {"later": "upcoming", "done": "ended", "today": "running"}


# --- one campaign ---------------------------------------------------------------------------


def test_a_campaigns_headline_figures_equal_the_raw_events(world, api):
    spring = world["spring"]
    found = body(api(figures_url(spring)))
    expected = expected_headline(spring)
    headline = {row["key"]: row["value"] for row in found["headline"]}
    assert {key: headline[key] for key in expected} == expected
    assert found["period"] == {"start": spring.starts_on.isoformat(),
                               "end": spring.ends_on.isoformat(), "whole_campaign": True}
    assert found["campaign"]["online_reach"] == expected["online_reach"]
    labels = {row["key"]: row["label"] for row in found["headline"]}
    assert labels["online_reach"] == str(figures.label("online_reach"))
    # every figure named comes with its definition
    defined = {d["key"]: d for d in found["definitions"]}
    assert set(headline) <= set(defined)
    assert defined["visitor_days"]["counted"] == str(
        figures.DEFINITIONS["visitor_days"]["counted"])


def test_breakdowns_by_lesson_link_channel_audience_language_equal_the_raw_events(world, api):
    spring = world["spring"]
    tables = {t["key"]: t for t in body(api(figures_url(spring)))["tables"]}
    assert {"daily", "lessons", "links", "channels", "segments", "formats", "languages",
            "red_flags", "red_flags_by_segment", "offline", "partner"} <= set(tables)
    links = {link.pk: link for link in TrackingLink.objects.all()}
    segments = segments_by_page()
    languages = dict(Page.objects.values_list("pk", "locale__language_code"))

    def rows(key, by):
        return {row[by]: (row["views"], row["reach"]) for row in tables[key]["rows"]}

    assert rows("lessons", "page_id") == expected_breakdown(spring, lambda e: [e.page_id])
    assert rows("links", "link_id") == expected_breakdown(spring, lambda e: [e.link_id])
    assert rows("channels", "channel_code") == expected_breakdown(
        spring, lambda e: [links[e.link_id].channel])
    by_segment = expected_breakdown(spring, lambda e: segments[e.page_id] or [""])
    got = rows("segments", "slug")
    assert {k: v[0] for k, v in got.items()} == {k: v[0] for k, v in by_segment.items()}
    assert {k: v[1] for k, v in got.items() if k} == {k: v[1] for k, v in by_segment.items() if k}
    by_language = expected_breakdown(spring, lambda e: [languages[e.page_id]])
    got = rows("languages", "language")
    assert got.pop("*") == (expected_headline(spring)["views"],
                            expected_headline(spring)["online_reach"])
    assert got == by_language
    # the daily series: every day of the campaign up to today
    daily = tables["daily"]["rows"]
    assert daily[0]["day"] == spring.starts_on.isoformat()
    assert daily[-1]["day"] == world["today"].isoformat()
    assert sum(row["visitors"] for row in daily) == expected_headline(spring)["visitor_days"]


def number(cell):
    return None if cell == "" else float(cell)


def test_every_table_equals_the_reports_own_export(world, api, marketing):
    """Number by number, each table of the API equals the CSV the admin report exports."""
    spring = world["spring"]
    found = body(api(figures_url(spring)))
    assert [t["key"] for t in found["tables"]] == list(figures.campaign_report(spring).tables)
    for table in found["tables"]:
        exported = csv_file(marketing.get(
            reverse("campaigns_report", args=(spring.pk,)),
            {"export": "csv", "table": table["key"]}))
        exported = exported[:exported.index([])] if [] in exported else exported
        assert exported[0] == [c["label"] for c in table["columns"]], table["key"]
        assert len(exported) - 1 == len(table["rows"]), table["key"]
        for csv_row, row in zip(exported[1:], table["rows"], strict=True):
            for column, cell in zip(table["columns"], csv_row, strict=True):
                value = row[column["key"]]
                if column["kind"] in ("int", "pct"):
                    assert number(cell) == (None if value is None else float(value)), (
                        table["key"], column["key"])
                elif column["kind"] == "date":
                    assert cell == value
        # the one-table endpoint says the same
        one = body(api(table_url(spring, table["key"])))
        assert one["table"] == table


def test_a_date_range_gives_the_reports_figures_for_it(world, api, marketing):
    spring, today = world["spring"], world["today"]
    start, end = today - dt.timedelta(days=4), today - dt.timedelta(days=2)
    days = {start + dt.timedelta(days=n) for n in range(3)}
    found = body(api(figures_url(spring, start=start.isoformat(), end=end.isoformat())))
    assert found["period"] == {"start": start.isoformat(), "end": end.isoformat(),
                               "whole_campaign": False}
    headline = {row["key"]: row["value"] for row in found["headline"]}
    expected = expected_headline(spring, days=days)
    assert {key: headline[key] for key in expected} == expected
    daily = next(t for t in found["tables"] if t["key"] == "daily")["rows"]
    assert [row["day"] for row in daily] == sorted(d.isoformat() for d in days)


@pytest.mark.parametrize("params, field, message", [
    ({"start": "2026-02-30"}, "start", "Enter the start as YYYY-MM-DD."),
    ({"end": "12/01/2026"}, "end", "Enter the end as YYYY-MM-DD."),
    ({"start": "2026-03-10", "end": "2026-03-01"}, "period", "must not be after the end date"),
    ({"start": "1990-01-01", "end": "2026-01-01"}, "period", "at most"),
])
def test_bad_dates_are_400_with_the_reason(world, api, params, field, message):
    response = api(figures_url(world["spring"], **params))
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert api(table_url(world["spring"], "daily", **params)).status_code == 400


def test_unknown_campaigns_tables_and_years_are_404(world, api):
    assert api(reverse("api-campaign", args=(999999,))).status_code == 404
    response = api(table_url(world["spring"], "nope"))
    assert response.status_code == 404 and "lessons" in response.json()["detail"]
    assert api(reverse("api-annual", args=(1850,))).status_code == 404


# --- the annual report ----------------------------------------------------------------------


def test_the_annual_report_equals_the_reports_own_export(world, api, marketing):
    year = world["today"].year
    assert year in body(api(reverse("api-annual-years")))["years"]
    found = body(api(reverse("api-annual", args=(year,))))
    assert found["year"] == year
    summary = {row["key"]: row for row in found["summary"]}
    campaigns = [c for c in Campaign.objects.all() if c.starts_on.year == year]
    assert summary["campaign_reach"]["value"] == sum(
        expected_headline(c)["online_reach"] for c in campaigns)
    assert summary["contacts_total"]["kind"] == "contacts (not people)"
    assert [part["value"] for part in summary["contacts_total"]["parts"]] == [
        summary[k]["value"] for k in ("campaign_reach", "other_visitor_days", "offline_reach",
                                      "partner_reach")]
    assert {d["key"] for d in found["definitions"]} >= set(summary)
    for table in found["tables"]:
        exported = csv_file(marketing.get(reverse("campaigns_annual_report"),
                                          {"year": year, "export": "csv",
                                           "table": table["key"]}))
        exported = exported[:exported.index([])]
        assert len(exported) - 1 == len(table["rows"]), table["key"]
        for csv_row, row in zip(exported[1:], table["rows"], strict=True):
            for column, cell in zip(table["columns"], csv_row, strict=True):
                if column["kind"] in ("int", "pct"):
                    value = row[column["key"]]
                    assert number(cell) == (None if value is None else float(value)), (
                        table["key"], column["key"])


def test_definitions_are_the_reports_definitions(api):
    found = body(api(reverse("api-definitions")))
    assert [d["key"] for d in found] == list(figures.DEFINITIONS)
    for item in found:
        entry = figures.DEFINITIONS[item["key"]]
        assert item == {"key": item["key"], **{k: str(v) for k, v in entry.items()}}


# --- only what the public may see ------------------------------------------------------------


def send(lesson, link, who=1, days_ago=1):
    events = [{"id": str(uuid.uuid4()), "type": "view", "page": lesson.pk, "link": link.code,
               "props": {}}]
    ingest(parse_batch(json.dumps({"events": events}).encode()), visit(who),
           timezone.now() - dt.timedelta(days=days_ago))


@pytest.fixture
def counted(campaign, link, lesson, make_case):
    """Two lessons of the campaign with a counted view each; the second is then unpublished
    and edited (Wagtail writes a page's title onto its row while it is not live)."""
    gone = make_case(title="Lesson taken down")
    gone_link = TrackingLink.objects.create(campaign=campaign, code="gone1", channel="sms",
                                            destination=gone)
    send(lesson, link, who=1)
    send(gone, gone_link, who=2)
    call_command("rollup_reach")
    return {"live": lesson, "gone": gone}


def test_lesson_titles_are_the_live_versions_never_a_draft(counted, campaign, api):
    live = counted["live"].specific
    live.title = "SECRET DRAFT TITLE"
    live.save_revision()  # a draft of a live lesson
    gone = counted["gone"].specific
    gone.unpublish()
    gone.title = "SECRET UNPUBLISHED TITLE"
    gone.save()
    gone.save_revision()
    for url in (figures_url(campaign), table_url(campaign, "lessons")):
        response = api(url)
        text = response.content.decode()
        assert response.status_code == 200
        assert "SECRET" not in text
        assert "Courier fee scam" in text
        assert f"Unpublished page #{gone.pk}" in text
    rows = {row["page_id"]: row for row in body(api(table_url(campaign, "lessons")))["table"][
        "rows"]}
    assert rows[live.pk]["label"] == "Courier fee scam" and rows[live.pk]["views"] == 1
    assert rows[gone.pk]["views"] == 1  # its figures still count


def test_no_raw_event_or_visitor_key_is_read_or_shown(world, api):
    spring = world["spring"]
    raw_tables = {model._meta.db_table for model in (ReachEvent, CampaignVisitor,
                                                     CampaignVisitorTouch)}
    keys = set(ReachEvent.objects.values_list("visitor_key", flat=True))
    assert keys
    urls = [reverse("api-campaigns"), figures_url(spring), table_url(spring, "daily"),
            reverse("api-annual", args=(world["today"].year,)), reverse("api-definitions")]
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            text = api(url).content.decode()
        sql = " ".join(q["sql"] for q in captured.captured_queries)
        assert not any(f'"{table}"' in sql for table in raw_tables), url
        assert "visitor_key" not in text and "event_id" not in text
        assert not any(key in text for key in keys), url


# --- query counts ---------------------------------------------------------------------------

# authentication (1: the token by its prefix), then the figures; last_used_at is written at
# most once a minute (the first call below pays it)
QUERIES = {
    "campaigns": 1 + 3,  # count, the page, online reach of the page's campaigns
    "campaign": 1 + 1 + 17 + 1,  # the campaign, figures.campaign_report (FIGURE_QUERIES of
    # tests/campaigns/test_reports.py), which lessons are live
    "annual": 1 + 2 + 14,  # report_years (2), figures.annual_report (14)
}


def test_query_counts_are_fixed_whatever_the_data(world, api, django_assert_num_queries):
    spring, year = world["spring"], world["today"].year
    api(reverse("api-definitions"))  # writes last_used_at
    urls = {"campaigns": reverse("api-campaigns"), "campaign": figures_url(spring),
            "annual": reverse("api-annual", args=(year,))}
    for key, url in urls.items():
        with django_assert_num_queries(QUERIES[key]):
            assert api(url).status_code == 200
    add_days_of_traffic(world, 5)
    Campaign.objects.create(name="More", slug="more", starts_on=world["today"],
                            ends_on=world["today"])
    for key, url in urls.items():
        with django_assert_num_queries(QUERIES[key]):
            assert api(url).status_code == 200


def test_labels_follow_accept_language_and_keys_never_change(api):
    english = body(api(reverse("api-definitions")))
    chinese = body(api(reverse("api-definitions"), HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert [d["key"] for d in chinese] == [d["key"] for d in english]
    by_key = {d["key"]: d for d in chinese}
    assert by_key["online_reach"]["label"] == "线上触达（人）"
    assert {d["key"]: d for d in english}["online_reach"]["label"] == "Online reach (people)"
