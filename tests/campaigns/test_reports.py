"""Reach reports: every figure on the screens and in the exports equals the same figure counted
independently, in Python, from the raw events of a fixture sent through the real ingest; the
exports parse back to the same numbers and are safe against formula injection; dates are
validated; the roles get exactly what they should; query counts do not grow with the data."""

import csv
import datetime as dt
import io
import json
import random
import uuid
from collections import Counter, defaultdict

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail import hooks

from campaigns import figures
from campaigns.days import site_zone
from campaigns.days import today as site_today
from campaigns.exports import neutralise_csv
from campaigns.ingest import Visit, ingest, parse_batch, record_link_open
from campaigns.models import (
    Campaign,
    ChannelFigure,
    OfflineEvent,
    ReachEvent,
    TrackingLink,
)
from education.models import LessonPage
from tests.campaigns.conftest import BROWSER_UA

pytestmark = pytest.mark.django_db

INJECTED = "=HYPERLINK(\"http://evil.example\",\"x\")"
# The choices of the scenario fixture (tests.conftest.frozen_card_steps), as the page sends
# them: (step, choice number, safe, red flag).
SCENARIO_CHOICES = [
    ("first-text", 1, False, "unexpected-link"), ("first-text", 2, True, "unexpected-link"),
    ("fake-page", 1, False, "card-details"), ("fake-page", 2, True, "card-details"),
    ("code-request", 1, False, "one-time-code"), ("code-request", 2, True, "one-time-code"),
    ("bank-call", 1, True, None), ("bank-call", 2, True, "unexpected-link"),
]


# --- the fixture: lessons, two campaigns, a week of traffic through the real ingest -------------


def visit(n):
    return Visit(ip=f"198.51.{n // 250}.{n % 250 + 1}", user_agent=BROWSER_UA, site="testserver")


def send(events, who, when):
    for start in range(0, len(events), 20):
        ingest(parse_batch(json.dumps({"events": events[start:start + 20]}).encode()),
               visit(who), when)


def lesson_events(rng, lesson, code):
    """What a visit to a lesson sends (as the page script would)."""
    events = [{"type": "view"}]
    if rng.random() < 0.6:
        events.append({"type": "engaged"})
    if lesson.lesson_format == "video" and rng.random() < 0.8:
        events.append({"type": "play"})
        if rng.random() < 0.5:
            events.append({"type": "complete", "props": {"percent": 90}})
    if lesson.lesson_format == "comic" and rng.random() < 0.7:
        events.append({"type": "complete", "props": {"percent": 100}})
    if lesson.lesson_format == "scenario" and rng.random() < 0.8:
        events.append({"type": "scenario_start"})
        for _ in range(rng.randint(1, 3)):
            step, number, safe, flag = rng.choice(SCENARIO_CHOICES)
            events.append({"type": "choice", "props": {
                "step": step, "choice": str(number), "safe": safe, "red_flag": flag}})
        events.append({"type": "scenario_end", "props": {
            "outcome": rng.choice(["safe", "safe", "partly", "scammed"]), "score": 50}})
    for event in events:
        event.update(id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), page=lesson.pk,
                     link=code)
        event.setdefault("props", {})
    return events


@pytest.fixture
def lessons(taxonomy, make_video, make_comic, make_scenario, make_case):
    seniors, residents = taxonomy["seniors"], taxonomy["residents"]
    return {
        "video": make_video(title="Stop, check, call", segments=[seniors]),
        "comic": make_comic(title="The refund that wasn't", segments=[seniors, residents]),
        "scenario": make_scenario(segments=[residents]),
        "case": make_case(title="Courier fee scam"),
    }


@pytest.fixture
def world(lessons, taxonomy):
    """Two overlapping campaigns with links, offline events, partner figures, and traffic."""
    today = site_today()  # reach days are days in SITE_TIME_ZONE
    spring = Campaign.objects.create(
        name="Spring safety week", slug="spring-safety-week", reach_goal=1000,
        starts_on=today - dt.timedelta(days=10), ends_on=today + dt.timedelta(days=10),
    )
    autumn = Campaign.objects.create(
        name="Autumn talks", slug="autumn-talks", reach_goal=None,
        starts_on=today - dt.timedelta(days=8), ends_on=today + dt.timedelta(days=2),
    )
    links = {
        "poster1": TrackingLink.objects.create(
            campaign=spring, code="poster1", channel="poster", label="Library notice board",
            destination=lessons["case"]),
        "evil": TrackingLink.objects.create(
            campaign=spring, code="poster2", channel="poster", label=INJECTED,
            destination=lessons["video"]),
        "sms1": TrackingLink.objects.create(
            campaign=spring, code="sms1", channel="sms", label="SMS to customers",
            destination=lessons["scenario"]),
        "autumn": TrackingLink.objects.create(
            campaign=autumn, code="autumn1", channel="social", label="Social post",
            destination=lessons["comic"]),
    }
    OfflineEvent.objects.create(campaign=spring, date=today - dt.timedelta(days=3),
                                place="Riverside library", format="talk", attendance=40,
                                materials_handed_out=55, segment=taxonomy["seniors"])
    OfflineEvent.objects.create(campaign=spring, date=today - dt.timedelta(days=9),
                                place="@market square", format="booth", attendance=120,
                                materials_handed_out=300)
    OfflineEvent.objects.create(campaign=autumn, date=today - dt.timedelta(days=1),
                                place="Town hall", format="workshop", attendance=12)
    ChannelFigure.objects.create(
        campaign=spring, channel="partner_app", partner="+Pharmacy app", metric="reach",
        value=5000, period_start=today - dt.timedelta(days=10), period_end=today,
        source="-Partner monthly report", method="\tUnique logged-in users shown the banner",
    )
    ChannelFigure.objects.create(
        campaign=spring, channel="social", partner="City page", metric="impressions",
        value=22000, period_start=today - dt.timedelta(days=9),
        period_end=today - dt.timedelta(days=5), source="\rPlatform analytics",
        method="Post impressions as the platform counts them",
    )
    rng = random.Random(7)
    now = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    all_lessons = list(lessons.values())
    spring_links = [links["poster1"], links["evil"], links["sms1"]]
    for back in range(6, 0, -1):
        when = now - dt.timedelta(days=back)
        for who in range(40):
            if rng.random() < 0.5:
                continue  # not everyone comes every day: some people come on several days
            roll = rng.random()
            link = (rng.choice(spring_links) if roll < 0.55
                    else links["autumn"] if roll < 0.7 else None)
            if link is not None and rng.random() < 0.8:
                record_link_open(link, visit(who), when)
            first = link.destination.specific if link else rng.choice(all_lessons)
            pages = [first] + rng.sample(all_lessons, k=rng.choice([0, 0, 1]))
            events = []
            for lesson in pages:
                events += lesson_events(rng, lesson, link.code if link else None)
            send(events, who, when)
    call_command("rollup_reach")
    return {"spring": spring, "autumn": autumn, "links": links, "lessons": lessons,
            "today": today}


# --- figures counted independently from the raw events ----------------------------------------


def raw_events(campaign=None, unattributed=False, days=None):
    events = ReachEvent.objects.order_by()
    events = events.filter(campaign__isnull=True) if unattributed else events.filter(
        campaign=campaign)
    return [e for e in events if days is None or e.day in days]


def formats_by_page():
    return {p.pk: p.lesson_format for p in LessonPage.objects.all()}


def segments_by_page():
    return {p.pk: {s.slug for s in p.segments.all()} for p in LessonPage.objects.all()}


def expected_headline(campaign, days=None):
    """The headline figures, counted in Python from the raw events."""
    events = raw_events(campaign, days=days)
    all_events = raw_events(campaign)
    formats = formats_by_page()
    qualified = [e for e in events if e.qualified]
    kinds = Counter((e.event_type, formats.get(e.page_id)) for e in qualified)

    def of_type(kind):
        return sum(n for (t, _f), n in kinds.items() if t == kind)

    endings = [e for e in qualified if e.event_type == "scenario_end"]
    safe = sum(1 for e in endings if e.props.get("outcome") == "safe")
    reach = len({e.visitor_key for e in all_events if e.qualified})
    per_day = defaultdict(set)
    for e in qualified:
        per_day[e.day].add(e.visitor_key)
    offline = [o for o in OfflineEvent.objects.filter(campaign=campaign)
               if days is None or o.date in days]
    return {
        "online_reach": reach,
        "visitor_days": sum(len(keys) for keys in per_day.values()),
        "views": of_type("view"),
        "engaged_views": of_type("engaged"),
        "video_plays": kinds[("play", "video")],
        "video_completions": kinds[("complete", "video")],
        "comic_completions": kinds[("complete", "comic")],
        "scenario_starts": of_type("scenario_start"),
        "scenario_completions": len(endings),
        "safe_outcome_rate": round(100 * safe / len(endings), 1) if endings else None,
        "link_opens": sum(1 for e in events if e.event_type == "link_open"),
        "offline_events": len(offline),
        "offline_attendance": sum(o.attendance for o in offline),
        "materials_handed_out": sum(o.materials_handed_out for o in offline),
        "goal_progress": round(100 * reach / campaign.reach_goal, 1)
        if campaign.reach_goal else None,
    }


def expected_breakdown(campaign, key_of):
    """{row key: (views, reach)} where key_of(event) gives the event's row keys."""
    views, people = Counter(), defaultdict(set)
    for e in raw_events(campaign):
        if not e.qualified:
            continue
        for key in key_of(e):
            people[key].add(e.visitor_key)
            if e.event_type == "view":
                views[key] += 1
    return {key: (views[key], len(people[key])) for key in people}


def expected_flags(campaign, segment_of=None):
    choices, safe = Counter(), Counter()
    segments = segments_by_page()
    for e in raw_events(campaign):
        if e.qualified and e.event_type == "choice" and e.props.get("red_flag"):
            keys = [e.props["red_flag"]]
            if segment_of:
                keys = [(s, e.props["red_flag"]) for s in segments.get(e.page_id) or [""]]
            for key in keys:
                choices[key] += 1
                safe[key] += bool(e.props.get("safe"))
    return {key: (choices[key], safe[key], round(100 * safe[key] / choices[key], 1))
            for key in choices}


# --- clients ------------------------------------------------------------------------------


@pytest.fixture
def marketing(client_for, marketer):
    return client_for(marketer)


def report_url(campaign, **params):
    url = reverse("campaigns_report", args=(campaign.pk,))
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params)
    return url


def csv_file(response):
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def csv_rows(response):
    """The table of a one-table CSV export: the rows above the definitions' blank row."""
    rows = csv_file(response)
    return rows[:rows.index([])] if [] in rows else rows


def csv_definitions(rows):
    """{figure label: how it is counted} from the block after the table."""
    block = rows[rows.index([]) + 1:]
    assert block[:2] == [["How it is counted"],
                         ["Figure", "How it is counted", "From which data"]]
    return {row[0]: row[1] for row in block[2:]}


def xlsx_book(response):
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    return openpyxl.load_workbook(io.BytesIO(data))


# --- the campaign report equals the raw events --------------------------------------------------


def test_the_report_shows_the_figures_counted_from_the_raw_events(world, marketing):
    spring = world["spring"]
    response = marketing.get(report_url(spring))
    assert response.status_code == 200
    report = response.context["report"]
    expected = expected_headline(spring)
    assert expected["online_reach"] > 10 and expected["visitor_days"] > expected["online_reach"]
    assert expected["video_completions"] and expected["comic_completions"]
    assert expected["scenario_completions"] and expected["link_opens"]
    got = {key: report.headline.value(key) for key in expected}
    assert got == expected
    # the page prints them: one card per figure with its value
    html = response.content.decode()
    for key, value in expected.items():
        assert f'data-figure="{key}"' in html
        assert f'data-value="{"" if value is None else value}"' in html, key
    # partner figures: by metric, never added to online reach
    groups = {g["metric"]: g["total"] for g in report.headline.partner_by_metric}
    assert groups == {"reach": 5000, "impressions": 22000}
    assert report.headline.online_reach == expected["online_reach"]  # not + 5000
    # the other campaign's traffic stays its own
    autumn = figures.campaign_report(world["autumn"]).headline
    assert autumn.online_reach == expected_headline(world["autumn"])["online_reach"]


def test_breakdowns_equal_the_raw_events(world, marketing):
    spring = world["spring"]
    report = marketing.get(report_url(spring)).context["report"]
    links = {link.pk: link for link in TrackingLink.objects.all()}
    formats = formats_by_page()
    segments = segments_by_page()
    titles = {p.pk: p.title for p in LessonPage.objects.all()}

    def rows(table, key="label"):
        return {str(row[key]): (row["views"], row["reach"]) for row in report.tables[table].rows}

    by_link = expected_breakdown(spring, lambda e: [links[e.link_id].label])
    assert rows("links") == by_link
    channel_names = {"poster": "QR poster", "sms": "SMS"}
    assert rows("channels") == {
        channel_names[c]: v
        for c, v in expected_breakdown(spring, lambda e: [links[e.link_id].channel]).items()
    }
    assert rows("lessons") == {
        titles[pk]: v for pk, v in expected_breakdown(spring, lambda e: [e.page_id]).items()
    }
    format_names = {"video": "Video", "comic": "Comic", "scenario": "Scenario",
                    "case": "Case study"}
    assert rows("formats") == {
        format_names[f]: v
        for f, v in expected_breakdown(spring, lambda e: [formats[e.page_id]]).items()
    }
    by_segment = expected_breakdown(spring, lambda e: segments[e.page_id] or [""])
    names = {"seniors": "Seniors", "new-residents": "New residents", "": "No audience set"}
    got = rows("segments")
    assert {k: v[0] for k, v in got.items()} == {names[k]: v[0] for k, v in by_segment.items()}
    assert {k: v[1] for k, v in got.items() if k != "No audience set"} == {
        names[k]: v[1] for k, v in by_segment.items() if k
    }
    # red flags: safe choices ÷ choices at steps testing each flag, and per audience
    flag_names = dict(__import__("education.models", fromlist=["RedFlag"]).RedFlag.objects
                      .values_list("slug", "name"))
    assert {row["label"]: (row["choices"], row["safe_choices"], row["rate"])
            for row in report.tables["red_flags"].rows} == {
        flag_names[slug]: v for slug, v in expected_flags(spring).items()
    }
    assert {(row["segment"], row["label"]): (row["choices"], row["safe_choices"], row["rate"])
            for row in report.tables["red_flags_by_segment"].rows} == {
        (names[s], flag_names[f]): v for (s, f), v in expected_flags(spring, True).items()
    }
    # the daily series: each day's unique visitors and views
    per_day = defaultdict(lambda: [set(), 0])
    for e in raw_events(spring):
        if e.qualified:
            per_day[e.day][0].add(e.visitor_key)
            per_day[e.day][1] += e.event_type == "view"
    daily = {row["day"]: (row["visitors"], row["views"]) for row in report.daily}
    assert {d: v for d, v in daily.items() if v != (0, 0)} == {
        d: (len(keys), views) for d, (keys, views) in per_day.items()
    }
    assert min(daily) == spring.starts_on and max(daily) == world["today"]


def test_a_date_range_filters_events_and_keeps_reach_whole(world, marketing):
    spring, today = world["spring"], world["today"]
    start, end = today - dt.timedelta(days=4), today - dt.timedelta(days=2)
    days = {start + dt.timedelta(days=n) for n in range(3)}
    response = marketing.get(report_url(spring, start=start.isoformat(), end=end.isoformat()))
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.period.start, report.period.end, report.period.whole_campaign) == (
        start, end, False)
    expected = expected_headline(spring, days=days)
    got = {key: report.headline.value(key) for key in expected}
    assert got == expected
    assert got["views"] < expected_headline(spring)["views"]
    assert [row["day"] for row in report.daily] == sorted(days)
    assert "Online reach and the reach columns are for the whole campaign" in \
        response.content.decode()
    # the export of the same range says the same
    rows = csv_rows(marketing.get(report_url(spring, start=start.isoformat(),
                                             end=end.isoformat(), export="csv",
                                             table="headline")))
    exported = {row[0]: row[1] for row in rows[1:]}
    assert exported[str(figures.label("views"))] == str(expected["views"])
    assert exported[str(figures.label("visitor_days"))] == str(expected["visitor_days"])


@pytest.mark.parametrize("params, message", [
    ({"start": "2026-02-30", "end": ""}, "Enter the start as YYYY-MM-DD."),
    ({"start": "yesterday"}, "Enter the start as YYYY-MM-DD."),
    ({"end": "12/01/2026"}, "Enter the end as YYYY-MM-DD."),
    ({"start": "2026-03-10", "end": "2026-03-01"}, "must not be after the end date"),
    ({"start": "1990-01-01", "end": "2026-01-01"}, "at most"),
    ({"start": "9999-12-31"}, "range would end before it starts"),
])
def test_bad_dates_get_a_clear_message_and_the_whole_campaign(world, marketing, params,
                                                             message):
    spring = world["spring"]
    response = marketing.get(report_url(spring, **params))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'role="alert"' in html
    assert response.context["report"].period.whole_campaign
    export = marketing.get(report_url(spring, export="csv", table="headline", **params))
    assert export.status_code == 400
    assert message in export.content.decode()


# --- exports ----------------------------------------------------------------------------------


def test_csv_and_xlsx_exports_parse_back_to_the_same_numbers(world, marketing):
    spring = world["spring"]
    expected = expected_headline(spring)
    labels = {str(figures.label(key)): key for key in expected}
    rows = csv_rows(marketing.get(report_url(spring, export="csv", table="headline")))
    assert rows[0] == ["Figure", "Value", "How it is counted"]
    from_csv = {labels[row[0]]: row[1] for row in rows[1:] if row[0] in labels}
    assert from_csv == {k: "" if v is None else str(v) for k, v in expected.items()}

    book = xlsx_book(marketing.get(report_url(spring, export="xlsx")))
    assert book.sheetnames[:3] == ["About", "Headline figures", "Daily figures"]
    assert {"By audience", "By channel", "By tracking link (location)", "By lesson",
            "By format", "Red-flag detection", "Offline events",
            "Partner-reported figures"} <= set(book.sheetnames)
    sheet = book["Headline figures"]
    from_xlsx = {labels[row[0]]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)
                 if row[0] in labels}
    assert from_xlsx == expected  # numbers are numbers, empty rates are empty
    assert isinstance(from_xlsx["views"], int)
    links = list(book["By tracking link (location)"].iter_rows(values_only=True))
    by_link = expected_breakdown(spring, lambda e: [e.link_id])
    codes = {link.code: link.pk for link in TrackingLink.objects.all()}
    header = links[0]
    for row in links[1:]:
        record = dict(zip(header, row, strict=True))
        assert (record["Views"], record["Reach in this row (people)"]) == by_link[
            codes[record["Code"]]]
    daily = {row[0]: row[1] for row in book["Daily figures"].iter_rows(min_row=2,
                                                                        values_only=True)}
    assert sum(daily.values()) == expected["visitor_days"]
    about = [row for row in book["About"].iter_rows(values_only=True)]
    assert ("Campaign", spring.name) in [tuple(r[:2]) for r in about]
    assert any(r[0] == str(figures.label("online_reach")) for r in about)  # definitions


def test_every_table_exports_as_csv_and_xlsx(world, marketing):
    spring = world["spring"]
    report = figures.campaign_report(spring)
    for key, table in report.tables.items():
        whole = csv_file(marketing.get(report_url(spring, export="csv", table=key)))
        rows = whole[:whole.index([])]
        assert rows[0] == [str(c.heading) for c in table.columns]
        assert len(rows) == len(table.rows) + 1
        # Each CSV carries how its figures are counted, as the XLSX does.
        assert table.definitions(), key
        assert csv_definitions(whole) == {
            str(figures.DEFINITIONS[k]["label"]): str(figures.DEFINITIONS[k]["counted"])
            for k in table.definitions()}
        book = xlsx_book(marketing.get(report_url(spring, export="xlsx", table=key)))
        assert book.active.max_row == len(table.rows) + 1
    assert marketing.get(report_url(spring, export="csv")).status_code == 400  # which table?
    assert marketing.get(report_url(spring, export="csv", table="nope")).status_code == 400


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_prefixes_are_neutralised_in_csv(text):
    assert neutralise_csv(text) == "'" + text
    assert neutralise_csv("Library notice board") == "Library notice board"
    assert neutralise_csv(-5) == -5  # numbers stay numbers


def test_exports_are_safe_against_formula_injection(world, marketing):
    spring = world["spring"]
    rows = csv_rows(marketing.get(report_url(spring, export="csv", table="links")))
    labels = [row[0] for row in rows[1:]]
    assert "'" + INJECTED in labels and INJECTED not in labels
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
               for row in rows for cell in row)
    partner = csv_rows(marketing.get(report_url(spring, export="csv", table="partner")))
    cells = [cell for row in partner[1:] for cell in row]
    assert {"'+Pharmacy app", "'-Partner monthly report", "'\rPlatform analytics",
            "'\tUnique logged-in users shown the banner"} <= set(cells)
    assert "5000" in cells  # a number is not text: no apostrophe
    offline = csv_rows(marketing.get(report_url(spring, export="csv", table="offline")))
    assert "'@market square" in [cell for row in offline for cell in row]
    # XLSX: the cell holds the text as text (never a formula), numbers stay numbers
    book = xlsx_book(marketing.get(report_url(spring, export="xlsx")))
    sheet = book["By tracking link (location)"]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    injected = [cell for cell in cells if cell.value == INJECTED]
    assert injected and all(cell.data_type == "s" for cell in injected)
    assert any(cell.data_type == "n" and isinstance(cell.value, int) for cell in cells)


# --- comparison ---------------------------------------------------------------------------------


def test_two_campaigns_compared_side_by_side(world, marketing):
    spring, autumn = world["spring"], world["autumn"]
    url = reverse("campaigns_compare")
    response = marketing.get(url, {"campaign": [spring.pk, autumn.pk]})
    assert response.status_code == 200
    table = response.context["table"]
    rows = {row["key"]: row for row in table.rows}
    for campaign in (spring, autumn):
        for key, value in expected_headline(campaign).items():
            assert rows[key][f"c{campaign.pk}"] == value, (campaign, key)
    assert rows["partner_reach"][f"c{spring.pk}"] == 5000
    assert rows["partner_reach"][f"c{autumn.pk}"] is None
    assert rows["partner_impressions"][f"c{spring.pk}"] == 22000
    exported = csv_rows(marketing.get(url, {"campaign": [spring.pk, autumn.pk],
                                            "export": "csv"}))
    assert exported[0] == ["Figure", spring.name, autumn.name]  # by start date
    views = next(row for row in exported if row[0] == str(figures.label("views")))
    assert views[1:] == [str(expected_headline(spring)["views"]),
                         str(expected_headline(autumn)["views"])]
    counted = csv_definitions(csv_file(marketing.get(
        url, {"campaign": [spring.pk, autumn.pk], "export": "csv"})))
    assert counted[str(figures.label("views"))] == str(figures.DEFINITIONS["views"]["counted"])
    assert str(figures.label("partner_figures")) in counted


@pytest.mark.parametrize("query, message", [
    ({"campaign": ["SPRING"]}, "Choose at least two campaigns to compare."),
    ({"campaign": ["SPRING", "999999"]}, "does not exist"),
    ({"campaign": ["SPRING", "abc"]}, "is not a campaign"),
    ({"campaign": []}, "Choose at least two campaigns to compare."),
])
def test_a_comparison_needs_two_existing_campaigns(world, marketing, query, message):
    ids = [str(world["spring"].pk) if c == "SPRING" else c for c in query["campaign"]]
    response = marketing.get(reverse("campaigns_compare"), {"campaign": ids} if ids else
                             {"campaign": ""})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["table"] is None
    export = marketing.get(reverse("campaigns_compare"), {"campaign": ids, "export": "xlsx"})
    assert export.status_code == 400


# --- the annual report --------------------------------------------------------------------------


def test_the_annual_report_counts_each_figure_from_its_data(world, marketing, lessons,
                                                            make_case, make_video):
    year = world["today"].year
    old = make_video(title="Last year's video")
    LessonPage.objects.filter(pk=old.pk).update(
        # 23:59 on 31 December in the site's time zone: last year's, whatever UTC says.
        first_published_at=dt.datetime(year - 1, 12, 31, 23, 59, tzinfo=site_zone()))
    make_case(title="A draft", live=False)
    OfflineEvent.objects.create(date=dt.date(year, 1, 5), place="No campaign hall",
                                format="talk", attendance=7)
    OfflineEvent.objects.create(date=dt.date(year - 1, 6, 1), place="Last year", format="talk",
                                attendance=1000)

    response = marketing.get(reverse("campaigns_annual_report"), {"year": year})
    assert response.status_code == 200
    report = response.context["report"]
    summary = {row["key"]: row for row in report.summary}

    published = Counter(
        page.lesson_format for page in LessonPage.objects.all()
        if page.live and page.first_published_at
        and page.first_published_at.astimezone(site_zone()).year == year
    )
    assert summary["lessons_published"]["value"] == sum(published.values()) == 4
    assert {row["label"]: row["published"] for row in report.tables["lessons_by_format"].rows} \
        == {"Video": published["video"], "Comic": published["comic"],
            "Scenario": published["scenario"], "Case study": published["case"],
            "Spot the scam": published["spot"]}

    campaigns = [c for c in Campaign.objects.all() if c.starts_on.year == year]
    campaign_reach = sum(expected_headline(c)["online_reach"] for c in campaigns)
    per_day = defaultdict(set)
    for e in raw_events(unattributed=True):
        if e.qualified and e.day.year == year:
            per_day[e.day].add(e.visitor_key)
    other = sum(len(keys) for keys in per_day.values())
    assert summary["campaign_reach"]["value"] == campaign_reach
    assert summary["other_visitor_days"]["value"] == other
    offline = sum(o.attendance for o in OfflineEvent.objects.all() if o.date.year == year)
    assert summary["offline_reach"]["value"] == offline  # 1,000 people last year left out
    partner = sum(f.value for f in ChannelFigure.objects.all()
                  if f.metric == "reach" and f.period_start.year == year)
    assert summary["partner_reach"]["value"] == partner
    # The four kinds side by side; their total is contacts, never people.
    contacts = summary["contacts_total"]
    assert contacts["value"] == campaign_reach + other + offline + partner
    assert str(contacts["figure"]) == "Contacts online and offline (not people)"
    assert [(str(name), value) for name, value in contacts["parts"]] == [
        ("People reached by campaigns (online) (people, deduplicated within each campaign)",
         campaign_reach),
        ("Visitor-days outside campaigns (online) (visitor-days: a person once per day)", other),
        ("Offline reach (attendance) (counted attendance: a person once per event)", offline),
        ("Partner-reported reach (partner claims, not checked by us)", partner),
    ]
    html = response.content.decode()
    assert "People covered" not in html and "sum of the parts" not in html
    assert "Contacts online and offline (not people)" in html
    assert escape(str(figures.DEFINITIONS["contacts_total"]["counted"])) in html
    assert "Never report this total as a number of people." in html
    for row in report.summary:
        assert row["kind"], row["key"]
        assert "people" not in str(row["figure"]).lower() or row["key"] in {
            "campaign_reach", "contacts_total"}
    assert summary["campaigns_run"]["value"] == len(campaigns)
    ends = [e for e in ReachEvent.objects.all()
            if e.qualified and e.event_type == "scenario_end" and e.day.year == year]
    assert summary["scenario_completions"]["value"] == len(ends)
    starters = defaultdict(set)
    for e in ReachEvent.objects.all():
        if e.qualified and e.event_type == "scenario_start" and e.day.year == year:
            starters[(e.day, e.campaign_id, e.page_id, e.link_id)].add(e.visitor_key)
    assert summary["scenario_participants"]["value"] == sum(len(k) for k in starters.values())
    from reviews.figures import reviews_completed

    assert summary["reviews_completed"]["value"] == reviews_completed(year)

    book = xlsx_book(marketing.get(reverse("campaigns_annual_report"),
                                   {"year": year, "export": "xlsx"}))
    values = {row[0]: row[1] for row in book[f"Annual figures {year}"].iter_rows(
        min_row=2, values_only=True)}
    assert values[str(figures.label("campaign_reach"))] == campaign_reach
    assert values[str(figures.label("contacts_total"))] == contacts["value"]
    assert values[str(figures.label("lessons_published"))] == 4
    printed = marketing.get(reverse("campaigns_annual_report_print"), {"year": year})
    assert printed.status_code == 200
    html = printed.content.decode()
    assert "reports-print.css" in html and "Appendix" in html
    assert escape(str(figures.DEFINITIONS["contacts_total"]["counted"])) in html
    assert "contacts (not people)" in html


def test_every_annual_table_exports_as_csv_with_how_it_is_counted(world, marketing):
    year = world["today"].year
    report = figures.annual_report(year)
    for key, table in report.tables.items():
        whole = csv_file(marketing.get(reverse("campaigns_annual_report"),
                                       {"year": year, "export": "csv", "table": key}))
        if key == "summary":  # each row also carries its kind and its definition
            rows = whole[:whole.index([])]
            assert rows[0][2:] == ["What is counted", "Parts", "How it is counted"]
            assert all(row[2] and row[4] for row in rows[1:])
        assert table.definitions(), key
        assert csv_definitions(whole) == {
            str(figures.DEFINITIONS[k]["label"]): str(figures.DEFINITIONS[k]["counted"])
            for k in table.definitions()}, key


def test_reviews_show_not_available_until_the_workflow_exists(world, marketing, monkeypatch):
    # No app answers the hook (as without the reviews app): the figure is not available.
    get_hooks = hooks.get_hooks
    monkeypatch.setattr(hooks, "get_hooks", lambda name: [] if name == figures.ANNUAL_FIGURE_HOOK
                        else get_hooks(name))
    response = marketing.get(reverse("campaigns_annual_report"),
                             {"year": world["today"].year})
    assert "not available yet" in response.content.decode()


def test_an_annual_figure_comes_from_the_app_registered_for_it(world):
    year = world["today"].year
    with hooks.register_temporarily(figures.ANNUAL_FIGURE_HOOK,
                                    lambda asked: {"reviews_completed": asked - 2000}):
        summary = {row["key"]: row for row in figures.annual_report(year).summary}
    assert summary["reviews_completed"]["value"] == year - 2000
    with hooks.register_temporarily(figures.ANNUAL_FIGURE_HOOK, lambda asked: {"typo": 1}):
        with pytest.raises(ValueError, match="typo"):
            figures.annual_report(year)


@pytest.mark.parametrize("year", ["1850", "abc", ""])
def test_a_bad_year_gets_a_message(world, marketing, year):
    response = marketing.get(reverse("campaigns_annual_report"), {"year": year})
    assert response.status_code == 200
    assert "Choose a year from the list." in response.content.decode() or \
        "This field is required." in response.content.decode()
    assert marketing.get(reverse("campaigns_annual_report"),
                         {"year": year, "export": "xlsx"}).status_code == 400


# --- the dashboard panel and the menu ---------------------------------------------------------


def test_the_dashboard_panel_shows_running_campaigns_week_on_week(world, marketing, client_for,
                                                                  editor):
    today = world["today"]
    response = marketing.get("/admin/")
    html = response.content.decode()
    assert "Campaign reach this week" in html
    rows = {row["campaign"].pk: row for row in figures.weekly_reach(today)}
    spring = world["spring"]

    def visitor_days(first, last):
        per_day = defaultdict(set)
        for e in raw_events(spring):
            if e.qualified and first <= e.day <= last:
                per_day[e.day].add(e.visitor_key)
        return sum(len(keys) for keys in per_day.values())

    yesterday = today - dt.timedelta(days=1)
    assert rows[spring.pk]["this_week"] == visitor_days(yesterday - dt.timedelta(days=6),
                                                        yesterday)
    assert rows[spring.pk]["last_week"] == visitor_days(yesterday - dt.timedelta(days=13),
                                                        yesterday - dt.timedelta(days=7))
    assert f'data-campaign="{spring.pk}"' in html
    assert "Campaign reach this week" not in client_for(editor).get("/admin/").content.decode()


def test_reports_are_in_the_campaigns_menu_and_on_the_campaign(world, marketing, client_for,
                                                                editor):
    html = marketing.get("/admin/").content.decode()
    assert "Reach reports" in html and "Annual report" in html
    assert "Reach reports" not in client_for(editor).get("/admin/").content.decode()
    spring = world["spring"]
    url = reverse("campaigns_report", args=(spring.pk,))
    assert url in marketing.get(f"/admin/campaigns/edit/{spring.pk}/").content.decode()
    assert url in marketing.get("/admin/campaigns/").content.decode()


# --- permissions ------------------------------------------------------------------------------


def report_urls(world):
    spring, autumn = world["spring"], world["autumn"]
    compare = reverse("campaigns_compare") + f"?campaign={spring.pk}&campaign={autumn.pk}"
    annual = reverse("campaigns_annual_report") + f"?year={world['today'].year}"
    return {
        "index": reverse("campaigns_reports"),
        "report": report_url(spring),
        "another campaign's report": report_url(autumn),
        "report csv": report_url(spring, export="csv", table="headline"),
        "report xlsx": report_url(autumn, export="xlsx"),
        "compare": compare,
        "compare csv": compare + "&export=csv",
        "annual": annual,
        "annual xlsx": annual + "&export=xlsx",
        "annual print": reverse("campaigns_annual_report_print") + f"?year={world['today'].year}",
    }


ROLES = ["anonymous", "editor", "marketing", "administrators group", "superuser"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_on_every_report_url_and_export(world, role, client, client_for, editor,
                                                  marketer, administrator, make_user):
    users = {"editor": editor, "marketing": marketer, "administrators group": administrator,
             "superuser": make_user("root", superuser=True)}
    browser = client if role == "anonymous" else client_for(users[role])
    for name, url in report_urls(world).items():
        response = browser.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/admin/login/" in response["Location"], name
        elif role == "editor":
            assert response.status_code == 403, name
            if "export" not in url:  # says which permission gives access
                assert "Can view reach reports" in response.content.decode(), name
        else:
            assert response.status_code == 200, (name, response.status_code)
    missing = reverse("campaigns_report", args=(999999,))
    expected = {"anonymous": 302, "editor": 403}.get(role, 404)
    assert browser.get(missing).status_code == expected
    assert browser.get(missing + "?export=xlsx").status_code == expected


def test_marketing_group_can_manage_campaigns_and_read_reports_but_not_edit_pages(
        marketer, lessons):
    group = Group.objects.get(name="Marketing")
    codenames = set(group.permissions.filter(content_type__app_label="campaigns")
                    .values_list("codename", flat=True))
    assert codenames == {f"{a}_{m}" for a in ("add", "change", "delete", "view")
                         for m in ("campaign", "trackinglink", "offlineevent",
                                   "channelfigure")} | {"view_reach_reports"}
    administrators = Group.objects.get(name="Administrators")
    assert set(administrators.permissions.filter(content_type__app_label="campaigns")
               .values_list("codename", flat=True)) >= codenames
    assert marketer.has_perm("wagtailadmin.access_admin")
    assert marketer.has_perm("campaigns.view_reach_reports")
    for lesson in lessons.values():
        permissions = lesson.permissions_for_user(marketer)
        assert not permissions.can_edit() and not permissions.can_publish()
    assert Permission.objects.get(codename="view_reach_reports").name == "Can view reach reports"


# --- query counts -----------------------------------------------------------------------------

FIGURE_QUERIES = 17  # campaigns.figures.campaign_report, whatever the data (tag rollups: 1;
# no learning pairs)


def add_days_of_traffic(world, days):
    rng = random.Random(99)
    now = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    for back in range(days, 0, -1):
        for who in range(300, 312):
            link = rng.choice([world["links"]["poster1"], world["links"]["sms1"]])
            send(lesson_events(rng, link.destination.specific, link.code), who,
                 now - dt.timedelta(days=back))
    call_command("rollup_reach", "--all")


def test_report_query_counts_do_not_grow_with_days_or_events(world, marketing,
                                                              django_assert_num_queries):
    spring = world["spring"]
    with django_assert_num_queries(FIGURE_QUERIES):
        figures.campaign_report(spring)

    def page_queries():
        with CaptureQueriesContext(connection) as captured:
            assert marketing.get(report_url(spring)).status_code == 200
        return len(captured)

    def export_queries():
        with CaptureQueriesContext(connection) as captured:
            xlsx_book(marketing.get(report_url(spring, export="xlsx")))
        return len(captured)

    before = (page_queries(), export_queries())
    events_before = ReachEvent.objects.count()
    add_days_of_traffic(world, 9)
    assert ReachEvent.objects.count() > 1.5 * events_before
    assert (page_queries(), export_queries()) == before
    with django_assert_num_queries(FIGURE_QUERIES):
        figures.campaign_report(spring, figures.Period(spring.starts_on, world["today"]))


def test_the_report_permission_can_be_granted_in_the_group_editor(admin_client):
    group = Group.objects.get(name="Marketing")
    html = admin_client.get(reverse("wagtailusers_groups:edit", args=(group.pk,))).content
    assert b"Can view reach reports" in html


def test_compare_from_a_report_starts_with_that_campaign_ticked(world, marketing):
    spring = world["spring"]
    html = marketing.get(report_url(spring)).content.decode()
    link = reverse("campaigns_compare") + f"?with={spring.pk}"
    assert link in html
    response = marketing.get(link)
    assert response.status_code == 200 and response.context["table"] is None
    page = response.content.decode()
    assert f'value="{spring.pk}"' in page and "checked" in page
    assert "Choose at least two campaigns" not in page
