"""Reach split by language (the language of the lesson page read): events per language add up
to the campaign's events, people per language are counted from the visitor set per language
(each at most the deduplicated total; a person who read in both languages counts once in the
total), the campaign and annual reports and their exports show the split, and the query
counts stay fixed."""

import csv
import datetime as dt
import io
import random
from collections import Counter, defaultdict

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from campaigns import figures
from campaigns.days import today as site_today
from campaigns.ingest import record_link_open
from campaigns.models import Campaign, ReachEvent, TrackingLink
from tests.campaigns.test_reports import lesson_events, send, visit

pytestmark = pytest.mark.django_db

EN, ZH = "en", "zh-hans"
ALL = "*"  # the "All languages" row


@pytest.fixture
def bilingual_world(zh_site, translate, taxonomy, make_video, make_comic, make_case):
    video = make_video(title="Stop, check, call", segments=[taxonomy["seniors"]])
    comic = make_comic(title="The refund that wasn't")
    case = make_case(title="Courier fee scam")
    zh_video = translate(video, title="先挂断，再核实")
    zh_comic = translate(comic, title="没有到账的退款")
    today = site_today()  # reach days are days in SITE_TIME_ZONE
    campaign = Campaign.objects.create(
        name="Bilingual week", slug="bilingual-week", reach_goal=500,
        starts_on=today - dt.timedelta(days=7), ends_on=today + dt.timedelta(days=7),
    )
    other = Campaign.objects.create(
        name="Chinese posters", slug="chinese-posters",
        starts_on=today - dt.timedelta(days=5), ends_on=today + dt.timedelta(days=5),
    )
    links = [
        TrackingLink.objects.create(campaign=campaign, code="en-poster", channel="poster",
                                    label="English poster", destination=video),
        TrackingLink.objects.create(campaign=campaign, code="zh-poster", channel="poster",
                                    label="Chinese poster", destination=zh_video),
        TrackingLink.objects.create(campaign=other, code="zh-sms", channel="sms",
                                    label="Chinese SMS", destination=zh_comic),
    ]
    lessons = [video, comic, case, zh_video, zh_comic]
    rng = random.Random(11)
    now = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    for back in range(4, 0, -1):
        when = now - dt.timedelta(days=back)
        for who in range(30):
            if rng.random() < 0.4:
                continue
            link = rng.choice(links + [None])
            if link is not None and rng.random() < 0.7:
                record_link_open(link, visit(who), when)
            first = link.destination.specific if link else rng.choice(lessons)
            pages = [first] + rng.sample(lessons, k=rng.choice([0, 1, 1]))
            events = []
            for lesson in pages:
                events += lesson_events(rng, lesson.specific, link.code if link else None)
            send(events, who, when)
    call_command("rollup_reach")
    return {"campaign": campaign, "other": other, "today": today,
            "zh_video": zh_video, "video": video}


def languages_by_page():
    return dict(Page.objects.values_list("pk", "locale__language_code"))


def raw_by_language(campaign=None, year=None):
    """({language: Counter(event type)}, {language: set(visitor keys)}) from the raw events."""
    language = languages_by_page()
    events, people = defaultdict(Counter), defaultdict(set)
    rows = ReachEvent.objects.order_by()
    if campaign is not None:
        rows = rows.filter(campaign=campaign)
    if year is not None:
        rows = rows.filter(day__year=year)
    for e in rows:
        code = language.get(e.page_id, "")
        if e.event_type == "link_open":
            events[code]["link_open"] += 1
        elif e.qualified:
            events[code][e.event_type] += 1
            people[code].add(e.visitor_key)
    return events, people


def rows_by_language(table):
    return {row["language"]: row for row in table.rows}


# --- the figures -------------------------------------------------------------------------------


def test_campaign_events_by_language_add_up_and_reach_overlaps(bilingual_world):
    campaign = bilingual_world["campaign"]
    report = figures.campaign_report(campaign)
    rows = rows_by_language(report.table("languages"))
    assert list(rows) == [ZH, EN, ALL]  # the site's languages in settings order, then the total
    events, people = raw_by_language(campaign)
    for code in (EN, ZH):
        assert rows[code]["views"] == events[code]["view"] > 0
        assert rows[code]["link_opens"] == events[code]["link_open"]
        assert rows[code]["reach"] == len(people[code]) > 0
    # events add up to the campaign's
    for key in figures.EVENT_METRICS:
        assert rows[EN][key] + rows[ZH][key] == rows[ALL][key] == report.headline.events[key]
    # people: each language at most the deduplicated total; someone read in both languages
    total = report.headline.online_reach
    assert rows[ALL]["reach"] == total == len(people[EN] | people[ZH])
    assert rows[EN]["reach"] <= total and rows[ZH]["reach"] <= total
    assert people[EN] & people[ZH], "the fixture has people who read in both languages"
    assert rows[EN]["reach"] + rows[ZH]["reach"] > total


def test_a_date_range_splits_events_and_keeps_reach_whole(bilingual_world):
    campaign, today = bilingual_world["campaign"], bilingual_world["today"]
    start = today - dt.timedelta(days=2)
    report = figures.campaign_report(campaign, figures.Period(start, today))
    rows = rows_by_language(report.table("languages"))
    language = languages_by_page()
    views = Counter(language[e.page_id] for e in ReachEvent.objects.filter(
        campaign=campaign, event_type="view", qualified=True, day__gte=start))
    assert rows[EN]["views"] == views[EN] and rows[ZH]["views"] == views[ZH]
    whole = rows_by_language(figures.campaign_report(campaign).table("languages"))
    assert rows[EN]["reach"] == whole[EN]["reach"]


def test_annual_report_by_language(bilingual_world):
    year = bilingual_world["today"].year
    if (bilingual_world["today"] - dt.timedelta(days=7)).year != year:
        pytest.skip("the fixture's traffic straddles a new year")
    report = figures.annual_report(year)
    rows = rows_by_language(report.tables["by_language"])
    events, _people = raw_by_language(year=year)
    for code in (EN, ZH):
        assert rows[code]["views"] == events[code]["view"]
        assert rows[code]["scenario_completions"] == events[code]["scenario_end"]
    for key in ("views", "video_completions", "comic_completions", "scenario_completions"):
        assert rows[EN][key] + rows[ZH][key] == rows[ALL][key]
    # people per language: each campaign's own per-language set, summed over campaigns
    expected = defaultdict(int)
    for campaign in (bilingual_world["campaign"], bilingual_world["other"]):
        _e, people = raw_by_language(campaign)
        for code, keys in people.items():
            expected[code] += len(keys)
    assert rows[EN]["campaign_reach"] == expected[EN]
    assert rows[ZH]["campaign_reach"] == expected[ZH]
    summary = {row["key"]: row for row in report.summary}
    total = summary["campaign_reach"]["value"]
    assert rows[ALL]["campaign_reach"] == total
    assert rows[EN]["campaign_reach"] <= total and rows[ZH]["campaign_reach"] <= total


def test_language_reach_needs_the_rollup_of_the_visitor_set(bilingual_world):
    """Figures computed before this change have no language rows: reach shows 0 until the
    next rollup, events are split at once (they come from the daily rollups)."""
    from campaigns.models import CampaignReachFigure

    campaign = bilingual_world["campaign"]
    CampaignReachFigure.objects.filter(campaign=campaign, dimension="language").delete()
    rows = rows_by_language(figures.campaign_report(campaign).table("languages"))
    assert rows[EN]["reach"] == 0 and rows[EN]["views"] > 0
    call_command("rollup_reach", "--all")
    rows = rows_by_language(figures.campaign_report(campaign).table("languages"))
    assert rows[EN]["reach"] > 0


# --- the screens and exports -------------------------------------------------------------------


@pytest.fixture
def marketing(client_for, marketer):
    return client_for(marketer)


def test_the_campaign_report_and_its_exports_show_the_split(bilingual_world, marketing):
    campaign = bilingual_world["campaign"]
    url = reverse("campaigns_report", args=(campaign.pk,))
    html = marketing.get(url).content.decode()
    assert 'id="table-languages"' in html and "By language" in html
    assert "简体中文" in html and "All languages" in html
    assert "counts in each language but once" in html  # the note on overlapping reach
    rows = rows_by_language(figures.campaign_report(campaign).table("languages"))

    response = marketing.get(url + "?export=csv&table=languages")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    table = list(csv.reader(io.StringIO(text)))
    table = table[:table.index([])]  # then how each figure is counted
    assert table[0][0] == "Language" and table[0][-1] == "Reach in this language (people)"
    by_label = {row[0]: row for row in table[1:]}
    views = table[0].index("Views")
    assert int(by_label["English"][views]) == rows[EN]["views"]
    assert int(by_label["简体中文"][views]) == rows[ZH]["views"]
    assert int(by_label["All languages"][-1]) == rows[ALL]["reach"]

    response = marketing.get(url + "?export=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book["By language"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Language"
    assert {row[0]: row[-1] for row in values[1:]}["English"] == rows[EN]["reach"]
    about = [[c.value for c in row] for row in book["About"].iter_rows()]
    assert any(row[0] == "Reach in this language (people)" for row in about)


def test_the_annual_report_and_its_exports_show_the_split(bilingual_world, marketing):
    year = bilingual_world["today"].year
    annual = reverse("campaigns_annual_report") + f"?year={year}"
    html = marketing.get(annual).content.decode()
    assert 'id="table-by_language"' in html and "简体中文" in html
    printed = marketing.get(reverse("campaigns_annual_report_print") + f"?year={year}")
    assert 'id="table-by_language"' in printed.content.decode()
    rows = rows_by_language(figures.annual_report(year).tables["by_language"])
    response = marketing.get(annual + "&export=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [[c.value for c in row] for row in book["By language"].iter_rows()]
    by_label = {row[0]: row for row in values[1:]}
    assert by_label["English"][1] == rows[EN]["views"]
    assert by_label["All languages"][-1] == rows[ALL]["campaign_reach"]
    response = marketing.get(annual + "&export=csv&table=by_language")
    assert response.status_code == 200


# --- query counts --------------------------------------------------------------------------------

# As before the split: the language rides on queries the reports already ran (the pages, the
# reach figures). 16 here (14, the tag rollups and the learning rollup): no scenario was played,
# so no red-flag names are read (tests/campaigns/test_reports.py pins 17 for its world with
# scenarios), and no learning pair, so no more.
CAMPAIGN_QUERIES = 16
# The language reach comes with the campaigns' reach query; one is the learning gain's
# (campaigns' register_annual_report_figure hook).
ANNUAL_QUERIES = 14


def test_query_counts_do_not_grow_with_the_split(bilingual_world, django_assert_num_queries):
    campaign = bilingual_world["campaign"]
    with django_assert_num_queries(CAMPAIGN_QUERIES):
        figures.campaign_report(campaign)
    with django_assert_num_queries(ANNUAL_QUERIES):
        figures.annual_report(bilingual_world["today"].year)
