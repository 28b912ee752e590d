"""The beacon contract: every answer, and nothing counted twice, lost or personal."""

import json
import uuid

import pytest
from django.core.management import call_command
from django.db import OperationalError

from campaigns.models import CampaignVisitor, DroppedEvent, ReachEvent
from tests.campaigns.conftest import BOTS_AND_SCANNERS, VISITOR_IP, event

pytestmark = pytest.mark.django_db


def test_a_valid_batch_is_accepted_and_stored(beacon, lesson):
    response = beacon([event(lesson), event(lesson, "engaged")])
    assert response.status_code == 202
    assert response.json() == {"accepted": 2, "dropped": 0}
    stored = ReachEvent.objects.order_by("event_type")
    assert [e.event_type for e in stored] == ["engaged", "view"]
    assert all(e.qualified and len(e.visitor_key) == 32 for e in stored)
    assert "Set-Cookie" not in response and not response.cookies


def test_text_plain_bodies_are_accepted_as_sendbeacon_sends_them(beacon, lesson):
    response = beacon([event(lesson)], content_type="text/plain;charset=UTF-8")
    assert response.status_code == 202


def one_event(**fields):
    """A batch of one event, with fields replaced or added."""
    return json.dumps(
        {"events": [{"id": str(uuid.uuid4()), "type": "view", "page": 1, **fields}]}
    )


@pytest.mark.parametrize(
    "raw, message",
    [
        ("not json", "not valid JSON"),
        ("[]", "object with an \"events\" list"),
        ('{"events": []}', "events"),
        (json.dumps({"events": json.loads(one_event())["events"], "extra": 1}), "extra"),
        (one_event(id="x"), "UUID"),
        (one_event(id=str(uuid.uuid1())), "UUID version 4"),
        (one_event(props={"n": float("nan")}), "NaN"),
        (one_event(page="1"), "page"),
        (one_event(page=0), "page"),
        (one_event(type="teleport"), "type"),
        (one_event(ip="1.2.3.4"), "ip"),
        (one_event(ts=1), "ts"),
        (one_event(type="progress", props={"percent": {"a": 1}}), "percent"),
        (one_event(type="progress", props={"percent": 101}), "percent"),
        (one_event(props={"x": 1}), "x"),
        (one_event(type="choice", props={"step": "s" * 65, "choice": "a"}), "step"),
        (one_event(type="share", props={"method": "a\x00"}), "control characters"),
        (one_event(link="../../etc"), "link"),
    ],
)
def test_bad_input_is_a_400_with_a_message(beacon, lesson, raw, message):
    response = beacon(None, raw=raw)
    assert response.status_code == 400
    assert message.lower() in response.json()["error"].lower()
    assert not ReachEvent.objects.exists()


def test_more_than_20_events_is_a_400(beacon, lesson):
    response = beacon([event(lesson) for _ in range(21)])
    assert response.status_code == 400
    assert "at most 20" in response.json()["error"]


def test_a_body_over_16_kib_is_a_413(beacon, lesson):
    response = beacon(None, raw=json.dumps({"events": [event(lesson)], "pad": "x" * 17000}))
    assert response.status_code == 413
    assert not ReachEvent.objects.exists()


def test_other_content_types_and_methods_are_refused(beacon, client, lesson):
    assert beacon([event(lesson)], content_type="application/x-www-form-urlencoded"
                  ).status_code == 400
    assert client.get("/api/reach/events").status_code == 405


def test_cross_site_posts_are_refused(beacon, lesson):
    response = beacon([event(lesson)], HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 400
    assert beacon([event(lesson)], HTTP_ORIGIN="http://testserver").status_code == 202


def test_the_rate_limit_answers_429_with_retry_after(beacon, lesson, settings):
    settings.REACH_RATE_LIMIT = 5
    assert beacon([event(lesson) for _ in range(5)]).status_code == 202
    response = beacon([event(lesson)])
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert ReachEvent.objects.count() == 5
    # another visitor is not limited
    assert beacon([event(lesson)], ip="198.51.100.4").status_code == 202


def test_the_rate_limit_fails_open_when_the_cache_is_down(beacon, lesson, settings, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    settings.REACH_RATE_LIMIT = 1
    monkeypatch.setattr(cache, "add", down)
    assert beacon([event(lesson), event(lesson)]).status_code == 202


def test_storage_down_is_a_503_and_nothing_is_half_stored(beacon, lesson, link, monkeypatch):
    from campaigns.models import CampaignVisitor as Visitor

    def fail(*args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr(Visitor.objects, "bulk_create", fail)
    response = beacon([event(lesson, link="poster1")])
    assert response.status_code == 503
    assert "retry" in response.json()["error"].lower()
    assert not ReachEvent.objects.exists()  # the event insert was rolled back too


def test_the_same_event_id_sent_100_times_counts_once(beacon, lesson):
    the_id = uuid.uuid4()
    for _ in range(100):
        assert beacon([event(lesson, event_id=the_id)]).status_code == 202
    assert ReachEvent.objects.filter(event_id=the_id).count() == 1


@pytest.mark.parametrize("attributed", [False, True], ids=["unattributed", "campaign"])
def test_accepted_counts_only_events_newly_stored(beacon, lesson, link, attributed):
    code = "poster1" if attributed else None
    batch = [event(lesson, link=code), event(lesson, "engaged", link=code)]
    batch += [event(lesson, "share", link=code, props={"method": "copy"}) for _ in range(10)]
    assert beacon(batch).json() == {"accepted": 12, "dropped": 0}
    assert beacon(batch).json() == {"accepted": 0, "dropped": 0}  # resent: nothing new
    fresh = [event(lesson, link=code), event(lesson, link=code)]
    assert beacon(batch[:3] + fresh).json() == {"accepted": 2, "dropped": 0}  # a short batch
    assert beacon(batch[:8] + fresh + [event(lesson, link=code)]).json() == {
        "accepted": 1, "dropped": 0}
    assert ReachEvent.objects.count() == 15


def test_client_sent_ip_user_agent_and_time_are_ignored(beacon, lesson):
    raw = json.dumps({"events": [{**event(lesson), "ua": "x"}]})
    assert beacon(None, raw=raw).status_code == 400  # unknown fields are refused outright


def test_a_forged_x_forwarded_for_is_ignored(beacon, lesson):
    beacon([event(lesson)], ip=VISITOR_IP)
    beacon([event(lesson)], ip=VISITOR_IP, HTTP_X_FORWARDED_FOR="192.0.2.1")
    keys = set(ReachEvent.objects.values_list("visitor_key", flat=True))
    assert len(keys) == 1  # same visitor: the header changed nothing


def test_x_forwarded_for_is_used_behind_a_trusted_proxy(beacon, lesson, settings):
    settings.REACH_TRUSTED_PROXIES = ["10.0.0.0/8"]
    beacon([event(lesson)], ip="10.0.0.5", HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.9")
    beacon([event(lesson)], ip="10.0.0.6", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")
    beacon([event(lesson)], ip="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.10")
    keys = list(ReachEvent.objects.order_by("id").values_list("visitor_key", flat=True))
    assert keys[0] == keys[1]  # the client-written left part is not trusted
    assert keys[2] != keys[0]


@pytest.mark.parametrize("ua", BOTS_AND_SCANNERS)
def test_bots_and_scanners_never_count(beacon, lesson, ua):
    response = beacon([event(lesson), event(lesson)], ua=ua)
    assert response.status_code == 202
    assert response.json() == {"accepted": 0, "dropped": 2}
    assert not ReachEvent.objects.exists()
    assert DroppedEvent.objects.get(reason="bot").count == 2


@pytest.mark.parametrize("header", [{"HTTP_DNT": "1"}, {"HTTP_SEC_GPC": "1"}])
def test_do_not_track_and_global_privacy_control_are_honoured(beacon, lesson, header):
    response = beacon([event(lesson)], **header)
    assert response.json() == {"accepted": 0, "dropped": 1}
    assert not ReachEvent.objects.exists()
    assert DroppedEvent.objects.get(reason="do_not_track").count == 1


def test_unknown_pages_drafts_and_unknown_links_are_dropped_by_reason(beacon, lesson, make_case):
    draft = make_case(title="Draft", live=False)
    response = beacon([event(lesson), event(999999), event(draft), event(lesson, link="nope123")])
    assert response.json() == {"accepted": 1, "dropped": 3}
    assert DroppedEvent.objects.get(reason="unknown_page").count == 2
    assert DroppedEvent.objects.get(reason="unknown_link").count == 1


def test_link_events_count_for_the_campaign_across_a_three_page_visit(
    beacon, link, lesson, make_case, campaign
):
    other, third = make_case(title="Second"), make_case(title="Third")
    for page in (lesson, other, third):
        assert beacon([event(page, link="poster1"), event(page, "engaged", link="poster1")]
                      ).status_code == 202
    attributed = ReachEvent.objects.filter(campaign=campaign)
    assert attributed.count() == 6
    assert CampaignVisitor.objects.filter(campaign=campaign).count() == 1


def test_events_outside_the_campaign_window_are_counted_unattributed(beacon, link, campaign):
    import datetime as dt

    campaign.ends_on = campaign.starts_on = campaign.starts_on - dt.timedelta(days=30)
    campaign.save()
    from django.core.cache import cache

    cache.clear()
    beacon([event(link.destination_id, link="poster1")])
    stored = ReachEvent.objects.get()
    assert stored.campaign_id is None and stored.link_id == link.pk


def test_no_raw_ip_or_user_agent_anywhere_in_the_database(beacon, client, link, lesson,
                                                           tmp_path):
    beacon([event(lesson, link="poster1")])
    client.get("/go/poster1", HTTP_USER_AGENT="Mozilla/5.0 UniqueAgent/9.9",
               REMOTE_ADDR=VISITOR_IP)
    call_command("rollup_reach")
    dump = tmp_path / "dump.json"
    call_command("dumpdata", output=str(dump))
    text = dump.read_text()
    assert VISITOR_IP not in text
    assert "UniqueAgent" not in text and "SM-A135F" not in text


def test_an_unattributed_batch_is_one_insert(beacon, lesson, django_assert_max_num_queries):
    beacon([event(lesson)])  # the day's salt and the live-page list are now at hand
    # one INSERT … ON CONFLICT DO NOTHING; at most one more to re-read the cache generation
    with django_assert_max_num_queries(2):
        assert beacon([event(lesson) for _ in range(20)]).status_code == 202
    assert ReachEvent.objects.count() == 21


def test_the_beacon_answers_without_the_page_machinery(beacon, lesson, admin_client):
    """No session, user, language or page cache runs for it: nothing varies by cookie or
    language, no cookie is set even for a signed-in editor, security headers stay."""
    response = beacon([event(lesson)])
    assert response.status_code == 202
    assert "Vary" not in response
    assert response["Content-Length"] == str(len(response.content))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("max-age=0")
    signed_in = admin_client.post(
        "/api/reach/events", data=json.dumps({"events": [event(lesson)]}),
        content_type="application/json",
    )
    assert signed_in.status_code == 202 and not signed_in.cookies


def test_a_beacon_for_an_unknown_host_is_refused(beacon, lesson, settings):
    settings.ALLOWED_HOSTS = ["scamsense.example"]
    response = beacon([event(lesson)], HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert not ReachEvent.objects.exists()


def test_a_scenario_ending_without_a_score_is_accepted(beacon, make_scenario):
    scenario = make_scenario()
    response = beacon([event(scenario, "scenario_end", props={"outcome": "safe", "score": None})])
    assert response.status_code == 202
    assert ReachEvent.objects.get().props == {"outcome": "safe"}


@pytest.mark.parametrize("ua", [
    "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
])
def test_real_browsers_are_not_taken_for_scanners(beacon, lesson, ua):
    assert beacon([event(lesson)], ua=ua).json() == {"accepted": 1, "dropped": 0}
