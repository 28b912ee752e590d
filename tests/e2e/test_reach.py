"""The reach beacon in a real browser: attribution from a tracking link through a visit,
and a batch that meets a 503 is kept and resent without being counted twice."""

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
# Headless Chromium says "HeadlessChrome", which the crawler list rightly treats as a bot.
PHONE_UA = ("Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0.0.0 Mobile Safari/537.36")

MAKE_LINK = """
import datetime as dt
from campaigns.models import Campaign, TrackingLink
from education.models import LessonPage
today = dt.date.today()
campaign, _ = Campaign.objects.get_or_create(slug="e2e-week", defaults=dict(
    name="E2E week", starts_on=today - dt.timedelta(days=3), ends_on=today + dt.timedelta(days=3)))
lesson = LessonPage.objects.live().filter(lesson_format="case").order_by("pk").first()
TrackingLink.objects.get_or_create(code="e2e-poster", defaults=dict(
    campaign=campaign, channel="poster", label="E2E poster", destination=lesson))
"""


@pytest.fixture(scope="module")
def tracking_link(site_env, site_url):
    subprocess.run([sys.executable, "manage.py", "shell", "-c", MAKE_LINK], cwd=ROOT,
                   env=site_env["env"], check=True, capture_output=True, timeout=120)
    return "e2e-poster"


def stored(site_env, sql, *args):
    with sqlite3.connect(f"file:{site_env['db']}?mode=ro", uri=True, timeout=10) as db:
        return db.execute(sql, args).fetchall()


def wait_for(predicate, timeout=15, page=None):
    """Poll; with a page, wait through Playwright so its route handlers keep running."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        if page is not None:
            page.wait_for_timeout(300)
        else:
            time.sleep(0.3)
    return False


def test_a_poster_scan_attributes_a_three_page_visit(new_context, site_url, site_env,
                                                      tracking_link):
    page = new_context(viewport={"width": 1280, "height": 900}, user_agent=PHONE_UA).new_page()
    page.goto(f"{site_url}/go/{tracking_link}")
    assert "via=" not in page.url  # the code is kept in the tab, not in the address bar
    first = page.url
    page.goto(f"{site_url}/lessons/?format=video")
    page.locator(".lesson-card--video .lesson-card__title a").first.click()
    second = page.url
    page.goto(f"{site_url}/lessons/?format=comic")
    page.locator(".lesson-card--comic .lesson-card__title a").first.click()
    page.wait_for_timeout(2500)
    page.goto(first)  # navigating away flushes the last page's batch with sendBeacon
    assert len({first, second, page.url}) == 2

    campaign_views = (
        "SELECT COUNT(DISTINCT e.page_id), COUNT(DISTINCT e.visitor_key) "
        "FROM campaigns_reachevent e JOIN campaigns_campaign c ON c.id = e.campaign_id "
        "WHERE c.slug = 'e2e-week' AND e.event_type = 'view'"
    )
    assert wait_for(lambda: stored(site_env, campaign_views)[0][0] >= 3), \
        stored(site_env, campaign_views)
    pages, visitors = stored(site_env, campaign_views)[0]
    assert visitors == 1


def test_a_batch_refused_with_503_is_resent_and_counted_once(new_context, site_url, site_env):
    context = new_context(viewport={"width": 1280, "height": 900}, user_agent=PHONE_UA)
    page = context.new_page()
    answers = []

    def first_refused(route):
        if not answers:
            answers.append(503)
            route.fulfill(status=503, content_type="application/json",
                          body='{"error": "Storage is unavailable"}',
                          headers={"Retry-After": "1"})
        else:
            answers.append("through")
            route.continue_()

    page.route("**/api/reach/events", first_refused)
    page.goto(f"{site_url}/lessons/?format=case")
    page.locator(".lesson-card--case .lesson-card__title a").first.click()
    page_id = page.locator("[data-reach-page]").get_attribute("data-reach-page")
    ids_sent = page.evaluate("() => JSON.parse(localStorage.getItem('scamsense:reach-queue') "
                             "|| '[]').map(e => e.id)")
    assert wait_for(lambda: "through" in answers, timeout=20, page=page), answers
    assert answers[0] == 503
    assert wait_for(lambda: page.evaluate(
        "() => (JSON.parse(localStorage.getItem('scamsense:reach-queue') || '[]')).length") == 0,
        page=page)
    for event_id in ids_sent:
        rows = stored(site_env, "SELECT COUNT(*) FROM campaigns_reachevent WHERE "
                                "REPLACE(event_id, '-', '') = ?", event_id.replace("-", ""))
        assert rows[0][0] == 1
    views = stored(site_env, "SELECT COUNT(*) FROM campaigns_reachevent WHERE page_id = ? "
                             "AND event_type = 'view'", int(page_id))
    assert views[0][0] >= 1


def test_what_the_real_scripts_send_is_all_counted(new_context, site_url, site_env):
    """A scenario played with the player and a comic read to the end: every event the page
    scripts send fits the beacon's closed vocabulary (none dropped as invalid_prop)."""
    # Other browser tests play the same lessons on this site: count only this test's events.
    (before,), = stored(site_env, "SELECT COALESCE(MAX(id), 0) FROM campaigns_reachevent")
    page = new_context(viewport={"width": 1280, "height": 900}, user_agent=PHONE_UA,
                       reduced_motion="reduce").new_page()
    page.goto(f"{site_url}/lessons/bank-card-frozen-text/")
    scenario_id = int(page.locator("[data-reach-page]").get_attribute("data-reach-page"))
    for label in ("Start the simulation", "Call the number on the back of my card", "Continue",
                  "Say thank you and hang up", "See how it ends"):
        page.get_by_role("link", name=label).first.click()
        page.wait_for_timeout(400)
    page.locator("[data-sim-ending]").wait_for()

    page.goto(f"{site_url}/lessons/?format=comic")  # flushes the scenario's batch
    page.locator(".lesson-card--comic .lesson-card__title a").first.click()
    comic_id = int(page.locator("[data-reach-page]").get_attribute("data-reach-page"))
    for panel in page.locator("[data-comic-panel-id]").all():
        panel.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
    page.wait_for_timeout(2500)
    page.goto(f"{site_url}/lessons/")

    def types(page_id):
        return sorted(row[0] for row in stored(
            site_env, "SELECT event_type FROM campaigns_reachevent WHERE page_id = ? "
                      "AND event_type != 'link_open' AND id > ?", page_id, before))

    expected = ["choice", "choice", "scenario_end", "scenario_start", "view"]
    assert wait_for(lambda: [t for t in types(scenario_id) if t != "engaged"] == expected,
                    page=page), types(scenario_id)
    assert wait_for(lambda: {"complete", "progress", "view"} <= set(types(comic_id)),
                    page=page), types(comic_id)
    invalid = stored(site_env, "SELECT COALESCE(SUM(count), 0) FROM campaigns_droppedevent "
                               "WHERE reason = 'invalid_prop'")
    assert invalid[0][0] == 0
