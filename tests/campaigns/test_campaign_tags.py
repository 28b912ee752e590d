"""Campaign tags without tracking links: utm_source / utm_medium / utm_campaign and the
referring host on the beacon, what is kept of them, attribution by utm_campaign, and the
report's breakdowns by source, medium and referring site."""

import datetime as dt
import importlib
import json
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns import figures
from campaigns.ingest import Visit, ingest, parse_batch
from campaigns.models import (
    TAG_CHANNEL,
    Campaign,
    CampaignReachFigure,
    CampaignVisitor,
    CampaignVisitorTouch,
    DailyTagRollup,
    ReachEvent,
    TrackingLink,
)
from tests.campaigns.conftest import BROWSER_UA, event

pytestmark = pytest.mark.django_db
report_module = importlib.import_module("campaigns.figures.campaign_report")
SITE = "scamsense.example"


def tagged(page, utm=None, ref=None, **kwargs):
    body = event(page, **kwargs)
    if utm is not None:
        body["utm"] = utm
    if ref is not None:
        body["ref"] = ref
    return body


def send(events, who=1, when=None, site=SITE):
    visit = Visit(ip=f"198.51.100.{who}", user_agent=BROWSER_UA, site=site)
    return ingest(parse_batch(json.dumps({"events": events}).encode()), visit,
                  when or timezone.now())


def stored():
    return ReachEvent.objects.get()


# --- what is kept --------------------------------------------------------------------------


def test_tags_and_the_referring_host_are_stored_lower_cased(beacon, lesson):
    response = beacon([tagged(lesson, {"source": "WeChat", "medium": "Social"},
                              "News.Example.ORG")])
    assert response.status_code == 202 and response.json() == {"accepted": 1, "dropped": 0}
    row = stored()
    assert (row.utm_source, row.utm_medium, row.referrer_host) == (
        "wechat", "social", "news.example.org")


def test_events_without_tags_store_none(beacon, lesson):
    assert beacon([event(lesson)]).status_code == 202
    row = stored()
    assert (row.utm_source, row.utm_medium, row.referrer_host) == ("", "", "")


@pytest.mark.parametrize("value, kept", [
    ("newsletter_2026.spring-a", "newsletter_2026.spring-a"),
    ("a" * 64, "a" * 64),
    ("a" * 65, ""),  # longer than 64: a campaign slug may have 80, a source not
    ("we chat", ""),
    ("微信", ""),
    ("wechat!", ""),
    ("user@example.com", ""),
    ("13800138000", ""),  # a phone number
    ("card-4111111111111111", ""),
    ("order-12345", "order-12345"),  # five digits in a row are fine
    ("", ""),
])
def test_only_bounded_tokens_are_kept_as_source_and_medium(lesson, value, kept):
    outcome = send([tagged(lesson, {"source": value, "medium": value})])
    assert outcome.accepted == 1  # a refused tag never costs the event
    row = stored()
    assert (row.utm_source, row.utm_medium) == (kept, kept)


@pytest.mark.parametrize("value, kept", [
    ("news.example.org", "news.example.org"),
    ("News.Example.Org.", "news.example.org"),  # the root's trailing dot
    ("xn--fiqs8s.xn--fiqz9s", "xn--fiqs8s.xn--fiqz9s"),  # an IDN in its ASCII form
    ("例子.中国", ""),  # an IDN must come as xn--
    ("news.example.org:8443", ""),  # a port
    ("news.example.org/a/b", ""),  # a path
    ("https://news.example.org/a?q=secret", ""),  # a whole address
    ("192.168.1.10", ""),  # an IP address
    ("[::1]", ""),
    ("localhost", ""),
    ("-bad.example.org", ""),
    (SITE, ""),  # this site itself: not a referring site
    (SITE.upper(), ""),
])
def test_only_a_host_name_of_another_site_is_kept_as_referrer(lesson, value, kept):
    assert send([tagged(lesson, ref=value)]).accepted == 1
    assert stored().referrer_host == kept


@pytest.mark.parametrize("fields, where", [
    ({"utm": {"source": "a" * 81}}, "utm.source"),
    ({"utm": {"source": 5}}, "utm.source"),
    ({"utm": {"term": "spring"}}, "utm.term"),  # only the three tags the script reads
    ({"utm": "wechat"}, "utm"),
    ({"ref": "a" * 254}, "ref"),
    ({"ref": ["news.example.org"]}, "ref"),
    ({"referrer": "https://news.example.org/a"}, "referrer"),
])
def test_a_tag_of_the_wrong_shape_is_a_400_naming_it(beacon, lesson, fields, where):
    body = {**event(lesson), **fields}
    response = beacon([body])
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"events.0.{where}")
    assert not ReachEvent.objects.exists()


def test_no_full_referring_address_is_stored_anywhere(lesson, campaign):
    secret = "https://news.example.org/inbox/4711?q=my-name#frag"
    send([tagged(lesson, {"source": "wechat", "campaign": campaign.slug}, secret),
          tagged(lesson, {"source": secret[:80]}, "news.example.org", type_="engaged")])
    call_command("rollup_reach", "--all")
    for model in (ReachEvent, DailyTagRollup, CampaignVisitorTouch, CampaignReachFigure):
        for row in model.objects.values():
            text = json.dumps(row, default=str)
            assert "inbox" not in text and "my-name" not in text and "https" not in text
    assert set(ReachEvent.objects.values_list("referrer_host", flat=True)) == {
        "", "news.example.org"}


# --- attribution by utm_campaign -----------------------------------------------------------


def test_a_matching_utm_campaign_attributes_a_visit_without_a_link(lesson, campaign, link):
    send([tagged(lesson, {"campaign": "Spring-Safety-Week"})])
    row = stored()
    assert row.campaign_id == campaign.pk and row.link_id is None
    assert CampaignVisitor.objects.filter(campaign=campaign, visitor_key=row.visitor_key).exists()
    touch = CampaignVisitorTouch.objects.get()
    assert (touch.link_id, touch.channel, touch.lesson_id) == (0, TAG_CHANNEL, lesson.pk)
    # the campaign's key: the same visitor through the campaign's link is the same person
    send([event(lesson, "engaged", link=link.code)])
    assert ReachEvent.objects.filter(link=link).get().visitor_key == row.visitor_key
    call_command("rollup_reach", "--all")
    reach = dict(CampaignReachFigure.objects.filter(campaign=campaign, dimension="channel")
                 .values_list("key", "unique_visitors"))
    assert reach == {TAG_CHANNEL: 1, "poster": 1}
    assert CampaignReachFigure.objects.get(campaign=campaign, dimension="all").unique_visitors == 1


def test_a_slug_with_a_date_in_it_still_attributes(lesson):
    today = timezone.now().date()
    dated = Campaign.objects.create(name="Launch", slug="launch-20261206",
                                    starts_on=today - dt.timedelta(days=2),
                                    ends_on=today + dt.timedelta(days=2))
    send([tagged(lesson, {"campaign": "launch-20261206", "source": "sms-20261206"})])
    row = stored()
    assert (row.campaign_id, row.utm_source) == (dated.pk, "")  # a source never holds one


def test_a_utm_campaign_matching_no_slug_leaves_the_visit_unattributed(lesson, campaign):
    send([tagged(lesson, {"campaign": "spring-safety-weak", "source": "wechat"})])
    row = stored()
    assert row.campaign_id is None and row.utm_source == "wechat"
    assert not CampaignVisitor.objects.exists() and not CampaignVisitorTouch.objects.exists()


def test_a_utm_campaign_outside_the_campaigns_window_is_not_attributed(lesson, campaign):
    after = timezone.now() + dt.timedelta(days=11)  # the campaign ends in 10 days
    before = timezone.now() - dt.timedelta(days=11)
    send([tagged(lesson, {"campaign": campaign.slug})], when=after)
    send([tagged(lesson, {"campaign": campaign.slug})], when=before)
    assert list(ReachEvent.objects.values_list("campaign_id", flat=True)) == [None, None]
    assert not CampaignVisitor.objects.exists()


def test_a_tracking_link_wins_over_utm_campaign(lesson, campaign):
    other = Campaign.objects.create(
        name="Bank week", slug="bank-week", starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
    )
    link = TrackingLink.objects.create(campaign=other, code="bank-sms", channel="sms",
                                       destination=lesson)
    send([tagged(lesson, {"campaign": campaign.slug}, link=link.code)])
    row = stored()
    assert (row.campaign_id, row.link_id) == (other.pk, link.pk)
    assert CampaignVisitorTouch.objects.get().channel == "sms"
    assert not CampaignVisitor.objects.filter(campaign=campaign).exists()


def test_a_link_whose_campaign_does_not_run_still_wins(lesson, campaign):
    today = campaign.starts_on + dt.timedelta(days=10)
    ended = Campaign.objects.create(name="Old", slug="old", starts_on=today - dt.timedelta(60),
                                    ends_on=today - dt.timedelta(30))
    link = TrackingLink.objects.create(campaign=ended, code="old-poster", channel="poster",
                                       destination=lesson)
    send([tagged(lesson, {"campaign": campaign.slug}, link=link.code)])
    row = stored()
    assert (row.campaign_id, row.link_id) == (None, link.pk)


def test_the_slug_lookup_is_cached(lesson, campaign):
    send([tagged(lesson, {"campaign": campaign.slug})])
    with CaptureQueriesContext(connection) as captured:
        send([tagged(lesson, {"campaign": campaign.slug}, type_="engaged")], who=2)
    assert not [q for q in captured if '"campaigns_campaign"' in q["sql"]
                and "FROM" in q["sql"] and "slug" in q["sql"]]
    assert ReachEvent.objects.filter(campaign=campaign).count() == 2


# --- the breakdowns ------------------------------------------------------------------------


@pytest.fixture
def tagged_traffic(lesson, campaign, link):
    """Visitors with and without tags, attributed by tag and by link, over two days."""
    yesterday = timezone.now() - dt.timedelta(days=1)
    plan = [
        # who, when, utm, ref, link
        (1, None, {"source": "wechat", "medium": "social", "campaign": campaign.slug},
         "mp.weixin.qq.com", None),
        (2, None, {"source": "wechat", "medium": "social", "campaign": campaign.slug},
         "mp.weixin.qq.com", None),
        (3, None, {"source": "newsletter", "medium": "email"}, None, link.code),
        (4, yesterday, {"source": "wechat", "medium": "social", "campaign": campaign.slug},
         "weibo.com", None),
        (1, yesterday, {"source": "wechat", "medium": "social", "campaign": campaign.slug},
         "mp.weixin.qq.com", None),
        (5, None, None, None, link.code),
        (6, None, {"source": "partner-a", "medium": "", "campaign": campaign.slug},
         "partner-a.example.org", None),
    ]
    for who, when, utm, ref, code in plan:
        send([tagged(lesson, utm, ref, link=code), tagged(lesson, utm, ref, type_="engaged",
                                                           link=code)], who=who, when=when)
    call_command("rollup_reach", "--all")
    return plan


def expected_by(column, campaign):
    """{key: (visitor-days, views, events)} straight from the raw events."""
    found = {}
    for row in ReachEvent.objects.filter(campaign=campaign, qualified=True):
        key = getattr(row, column)
        found.setdefault(key, [set(), 0, 0])
        found[key][0].add((row.day, row.visitor_key))
        found[key][1] += row.event_type == "view"
        found[key][2] += 1
    return {key: (len(keys), views, n) for key, (keys, views, n) in found.items()}


def by_label(table):
    return {row["label"]: (row["visitors"], row["views"], row["events"]) for row in table.rows}


def test_the_breakdowns_equal_the_raw_events_and_add_up(tagged_traffic, campaign):
    report = figures.campaign_report(campaign)
    qualified = ReachEvent.objects.filter(campaign=campaign, qualified=True).count()
    views = ReachEvent.objects.filter(campaign=campaign, qualified=True,
                                      event_type="view").count()
    for key, column in [("sources", "utm_source"), ("mediums", "utm_medium"),
                        ("referrers", "referrer_host")]:
        table = report.table(key)
        expected = expected_by(column, campaign)
        got = by_label(table)
        no_tag = got.pop(table.rows[-1]["label"])  # events without one come last
        assert no_tag == expected.pop("")
        assert got == expected
        assert sum(row["events"] for row in table.rows) == qualified
        assert sum(row["views"] for row in table.rows) == views
    assert by_label(report.table("sources"))["wechat"] == (4, 4, 8)  # visitor 1 on two days


def test_the_referrer_table_keeps_the_top_sites_and_sums_the_rest(tagged_traffic, campaign,
                                                                   monkeypatch):
    monkeypatch.setattr(report_module, "TOP_REFERRERS", 1)
    table = figures.campaign_report(campaign).table("referrers")
    labels = [str(row["label"]) for row in table.rows]
    assert labels[0] == "mp.weixin.qq.com"
    assert labels[1] == "Other sites (2)"
    assert table.rows[1]["events"] == 4  # weibo.com and partner-a.example.org, two each
    assert sum(row["events"] for row in table.rows) == ReachEvent.objects.filter(
        campaign=campaign, qualified=True).count()


def test_the_channel_table_names_visits_attributed_by_tag(tagged_traffic, campaign):
    channels = {str(row["label"]): row for row in
                figures.campaign_report(campaign).table("channels").rows}
    tag_row = channels["Campaign tag (utm_campaign), no tracking link"]
    assert tag_row["reach"] == 4  # visitors 1, 2, 4 and 6
    assert tag_row["views"] == ReachEvent.objects.filter(
        campaign=campaign, link__isnull=True, event_type="view").count()
    assert channels["QR poster"]["reach"] == 2


def test_the_report_shows_and_exports_the_tag_tables(tagged_traffic, campaign, client_for,
                                                     marketer):
    client = client_for(marketer)
    url = reverse("campaigns_report", args=(campaign.pk,))
    html = client.get(url).content.decode()
    for text in ["By source (utm_source)", "By medium (utm_medium)", "By referring site",
                 "mp.weixin.qq.com", "partner-a", "Visitor-days with the tag"]:
        assert text in html
    response = client.get(url, {"export": "csv", "table": "sources"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    assert "wechat" in text and "newsletter" in text


def test_unattributed_tagged_traffic_is_rolled_up_too(lesson):
    send([tagged(lesson, {"source": "wechat"}, "weibo.com")])
    call_command("rollup_reach", "--all")
    rows = set(DailyTagRollup.objects.filter(campaign=None).values_list(
        "dimension", "key", "events", "unique_visitors"))
    assert rows == {("source", "wechat", 1, 1), ("medium", "", 1, 1),
                    ("referrer", "weibo.com", 1, 1)}


def test_an_event_id_in_the_batch_keeps_its_tags_when_resent(lesson):
    body = tagged(lesson, {"source": "wechat"}, event_id=uuid.uuid4())
    send([body])
    assert send([body]).accepted == 0
    assert ReachEvent.objects.get().utm_source == "wechat"
