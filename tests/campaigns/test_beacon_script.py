"""The page script that sends reach events: small, ours, on every lesson page only."""

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from campaigns.models import ReachEvent

SCRIPT = Path(__file__).resolve().parents[2] / "site" / "static" / "js" / "reach.js"
pytestmark = pytest.mark.django_db


# 3 KB until issue 17 added campaign tags and learning checks to it.
SCRIPT_BUDGET = 3.5 * 1024


def test_the_script_is_at_most_3_5_kb_gzipped():
    assert len(gzip.compress(SCRIPT.read_bytes(), 9)) <= SCRIPT_BUDGET


def test_the_script_sets_no_cookie_and_loads_nothing_from_elsewhere():
    source = SCRIPT.read_text()
    assert "document.cookie" not in source
    assert not re.search(r"https?://", source)


@pytest.mark.parametrize("kind", ["video", "comic", "case"])
def test_every_lesson_page_carries_the_script_and_its_page_id(client, kind, make_video,
                                                               make_comic, make_case):
    page = {"video": make_video, "comic": make_comic, "case": make_case}[kind]()
    html = client.get(page.url).content.decode()
    assert f'data-reach-page="{page.pk}"' in html
    assert "/static/js/reach.js" in html


def test_pages_that_are_not_lessons_carry_no_beacon(client):
    for url in ("/", "/en/lessons/", "/en/search/?q=refund"):
        html = client.get(url).content.decode()
        assert "reach.js" not in html and "data-reach-page" not in html


def test_comic_pages_tell_the_script_how_many_panels_there_are(client, make_comic):
    page = make_comic(panels=4)
    strip = client.get(page.url).content.decode()
    assert 'data-comic-panels="4"' in strip and strip.count("data-comic-panel-id") == 4
    last = client.get(page.url + "?panel=4").content.decode()
    assert 'data-comic-panel="4"' in last


# --- campaign tags, run in Node with a stand-in page (tests/campaigns/js/run_reach.js) -------

NODE = shutil.which("node")
RUNNER = Path(__file__).resolve().parent / "js" / "run_reach.js"


def run_script(href, referrer="", session=None):
    """What reach.js queued, kept in sessionStorage and left in the address bar on a page."""
    if NODE is None:
        pytest.skip("Node.js is not installed")
    given = json.dumps({"href": href, "referrer": referrer, "session": session or {}})
    result = subprocess.run([NODE, str(RUNNER), str(SCRIPT), given], capture_output=True,
                            text=True, timeout=30, check=True)
    return json.loads(result.stdout)


LANDING = "https://scamsense.example/en/lessons/courier-fee/"


def test_the_script_sends_the_three_tags_and_the_referring_host_only():
    ran = run_script(
        LANDING + "?utm_source=WeChat&utm_medium=Social&utm_campaign=Spring-Week"
        "&utm_term=abc&utm_content=banner&text=large#panel-2",
        referrer="https://News.Example.org:8443/inbox/4711?q=my-name#x",
    )
    (view,) = ran["queue"]
    assert view["type"] == "view"
    assert view["utm"] == {"source": "wechat", "medium": "social", "campaign": "spring-week"}
    assert view["ref"] == "news.example.org"  # no scheme, port, path, query or fragment
    assert "inbox" not in json.dumps(ran) and "my-name" not in json.dumps(ran)
    # the three tags leave the address bar; everything else stays
    assert ran["replaced"][-1] == "/en/lessons/courier-fee/?utm_term=abc&utm_content=banner" \
                                  "&text=large#panel-2"
    assert json.loads(ran["session"]["scamsense:tags"]) == {
        "utm": view["utm"], "ref": "news.example.org"}


def test_tags_the_server_would_refuse_are_not_sent():
    ran = run_script(LANDING + "?utm_source=%E5%BE%AE%E4%BF%A1&utm_medium=we+chat"
                     "&utm_campaign=" + "a" * 81)
    (view,) = ran["queue"]
    assert view["utm"] == {} and "ref" not in view
    assert ran["replaced"] == ["/en/lessons/courier-fee/"]


def test_a_referrer_on_this_site_and_a_page_without_tags_send_nothing_new():
    ran = run_script(LANDING + "?text=large", referrer="https://scamsense.example/en/lessons/")
    (view,) = ran["queue"]
    assert "utm" not in view and "ref" not in view
    assert ran["replaced"] == []  # the address is left alone


def test_the_tags_stay_with_the_tab_for_the_next_pages():
    kept = {"scamsense:tags": json.dumps({"utm": {"source": "wechat"}, "ref": "weibo.com"})}
    ran = run_script(LANDING, referrer="https://scamsense.example/en/lessons/", session=kept)
    (view,) = ran["queue"]
    assert view["utm"] == {"source": "wechat"} and view["ref"] == "weibo.com"
    # a new tagged landing in the same tab replaces them
    ran = run_script(LANDING + "?utm_source=sms", referrer="https://t.co/abc", session=kept)
    (view,) = ran["queue"]
    assert view["utm"] == {"source": "sms"} and view["ref"] == "t.co"


def test_what_the_script_sends_is_what_the_beacon_takes(beacon, lesson, campaign):
    ran = run_script(LANDING + f"?utm_source=WeChat&utm_campaign={campaign.slug.upper()}",
                     referrer="https://mp.weixin.qq.com/s/abc")
    (view,) = ran["queue"]
    view["page"] = lesson.pk
    response = beacon([view])
    assert response.status_code == 202 and response.json()["accepted"] == 1
    stored = ReachEvent.objects.get()
    assert (stored.utm_source, stored.referrer_host, stored.campaign_id) == (
        "wechat", "mp.weixin.qq.com", campaign.pk)
