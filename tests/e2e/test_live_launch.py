"""A launch seen in a real browser: a visitor lands on a lesson from a link tagged with the
running campaign's slug (no tracking link), and a Marketing user sees the campaign running on
the campaigns list, its reach against the goal, and the visit in the report's "Last 30
minutes" panel when it refreshes itself (axe-clean)."""

import re
import sqlite3

import pytest

from tests.e2e.helpers import manage
from tests.e2e.test_reach import PHONE_UA, wait_for
from tests.e2e.test_reports import MAKE_MARKETER, log_in

pytestmark = pytest.mark.e2e
RUNNING = "new-in-town"  # the demo campaign running today (demo/reach.py)


@pytest.fixture(scope="module")
def launch_site(site_env, site_url):
    manage(site_env, "load_demo_reach")  # once per site: a second call adds nothing
    manage(site_env, "shell", "-c", MAKE_MARKETER)
    return site_url


def stored(site_env, sql, *args):
    with sqlite3.connect(f"file:{site_env['db']}?mode=ro", uri=True, timeout=10) as db:
        return db.execute(sql, args).fetchall()


def test_a_tagged_visit_shows_up_in_the_live_panel(launch_site, site_env, new_context,
                                                    check_axe):
    visitor = new_context(viewport={"width": 375, "height": 812}, user_agent=PHONE_UA).new_page()
    visitor.goto("/lessons/?format=case")
    lesson = visitor.locator(".lesson-card--case .lesson-card__title a").first.get_attribute(
        "href")
    visitor.goto(f"{lesson}?utm_source=E2E-News&utm_medium=email&utm_campaign={RUNNING}",
                 referer="https://news.example.org/issue/42?reader=someone")
    assert "utm_" not in visitor.url  # the tags leave the address bar
    visitor.wait_for_timeout(2500)
    visitor.goto("/lessons/")  # flushes the lesson's batch
    tagged = ("SELECT e.referrer_host FROM campaigns_reachevent e JOIN campaigns_campaign c "
              "ON c.id = e.campaign_id WHERE c.slug = ? AND e.utm_source = 'e2e-news' "
              "AND e.link_id IS NULL AND e.event_type = 'view'")
    assert wait_for(lambda: stored(site_env, tagged, RUNNING), page=visitor)
    # only the host of the referring page (Chromium sends its origin across sites anyway)
    assert stored(site_env, tagged, RUNNING)[0][0] == "news.example.org"

    context = new_context(viewport={"width": 1280, "height": 900})
    page = log_in(context)
    page.goto("/admin/campaigns/")
    row = page.locator("tr", has_text="New in town: rent and job scams")
    assert row.locator('[data-status="running"]').text_content().strip() == "Running"
    assert re.search(r"of 2,000 \(\d+\.\d %\)", row.inner_text())
    assert row.locator("meter").count() == 1
    check_axe(page, "campaigns list")

    page.clock.install()
    page.goto("/admin/campaigns/reports/")
    page.get_by_role("link", name="New in town: rent and job scams").click()
    panel = page.locator("#live")
    heading = panel.get_by_role("heading", name="Last 30 minutes")
    heading.wait_for(state="visible")  # the report has opened (is_visible does not wait)
    assert heading.is_visible()
    check_axe(page, "campaign report with the live panel")
    before = panel.locator("[data-live-as-of]").get_attribute("data-live-as-of")
    with page.expect_response(re.compile(r"/admin/campaigns/reports/\d+/live/$")) as answer:
        page.clock.run_for(61_000)
    assert answer.value.status == 200
    assert wait_for(lambda: panel.locator("[data-live-as-of]").get_attribute(
        "data-live-as-of") != before, page=page)
    visitors = panel.locator('[data-figure="live-visitors"] .reach-card__value')
    assert int(visitors.get_attribute("data-value")) >= 1
