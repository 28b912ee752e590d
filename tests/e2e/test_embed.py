"""A lesson embedded in a partner's page on another origin, in a phone-sized browser: the
frame shows the lesson, the scenario plays inside it, the view counts for the tracking link,
and a site the link does not name cannot show the frame (CSP frame-ancestors)."""

import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
# Headless Chromium says "HeadlessChrome", which the crawler list rightly treats as a bot.
PHONE_UA = ("Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0.0.0 Mobile Safari/537.36")
PHONE = {"width": 375, "height": 812}
CODE = "e2e-embed"
SCENARIO_SLUG = "bank-card-frozen-text"

# Prints the snippet the admin shows for the link, on the address the browser uses.
MAKE_LINK = """
import datetime as dt
from django.test import override_settings
from campaigns.embedding import embed_snippet
from campaigns.models import Campaign, TrackingLink
from education.models import ScamScenario
today = dt.date.today()
campaign, _ = Campaign.objects.get_or_create(slug="e2e-embed-week", defaults=dict(
    name="E2E embed week", starts_on=today - dt.timedelta(days=3),
    ends_on=today + dt.timedelta(days=3)))
lesson = ScamScenario.objects.live().filter(slug="{slug}", locale__language_code="en").get()
link, _ = TrackingLink.objects.update_or_create(code="{code}", defaults=dict(
    campaign=campaign, channel="partner_app", label="E2E partner site", destination=lesson,
    embed_origins="{origin}"))
with override_settings(PUBLIC_BASE_URL="{site_url}"):
    print(embed_snippet(link))
"""


class PartnerPage(BaseHTTPRequestHandler):
    """A partner's page: their own heading and our snippet."""

    def __init__(self, snippet, *args, **kwargs):
        self.snippet = snippet
        super().__init__(*args, **kwargs)

    def do_GET(self):  # noqa: N802 (http.server's name)
        body = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Riverside council</title></head><body><h1>Riverside council</h1>"
            f"{self.snippet}</body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def partner_servers():
    """Two partner sites on other origins (localhost, other ports): (server, origin) pairs."""
    servers = []
    handler = {"snippet": ""}
    for _ in range(2):
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), lambda *a, **kw: PartnerPage(handler["snippet"], *a, **kw)
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append((server, f"http://localhost:{server.server_address[1]}"))
    yield handler, servers
    for server, _origin in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def embed(site_env, site_url, partner_servers):
    handler, ((_, allowed), (_, refused)) = partner_servers
    script = MAKE_LINK.format(slug=SCENARIO_SLUG, code=CODE, origin=allowed, site_url=site_url)
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT,
                            env=site_env["env"], check=True, capture_output=True, text=True,
                            timeout=120)
    snippet = result.stdout.strip().splitlines()[-1]
    assert snippet.startswith(f'<iframe src="{site_url}/embed/{CODE}/"'), snippet
    handler["snippet"] = snippet
    return {"allowed": allowed, "refused": refused}


def stored(site_env, sql, *args):
    with sqlite3.connect(f"file:{site_env['db']}?mode=ro", uri=True, timeout=10) as db:
        return db.execute(sql, args).fetchall()


def views_for_link(site_env):
    return stored(
        site_env,
        "SELECT COUNT(*), COUNT(e.campaign_id) FROM campaigns_reachevent e "
        "JOIN campaigns_trackinglink l ON l.id = e.link_id "
        "WHERE l.code = ? AND e.event_type = 'view'", CODE,
    )[0]


def wait_for(predicate, page, timeout=20):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        page.wait_for_timeout(300)
    return False


def test_a_partner_page_shows_the_lesson_and_its_view_counts(new_context, site_env, embed):
    before, _ = views_for_link(site_env)
    context = new_context(viewport=PHONE, user_agent=PHONE_UA)
    page = context.new_page()
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(f"{embed['allowed']}/safety/")
    frame = page.frame_locator("iframe")
    heading = frame.locator("h1")
    heading.wait_for()
    assert heading.inner_text().strip()
    assert frame.locator("[data-reach-link]").get_attribute("data-reach-link") == CODE
    assert frame.locator(".site-header").count() == 0
    attribution = frame.get_by_role("link", name="From ScamSense — open on the full site")
    assert attribution.get_attribute("target") == "_blank"

    # The view is counted for the link and its campaign (the frame's own storage is the
    # partner's partition: the page names the link itself).
    assert wait_for(lambda: views_for_link(site_env)[0] > before, page), views_for_link(site_env)
    total, attributed = views_for_link(site_env)
    assert attributed == total

    # The scenario is played inside the frame: no new tab, the frame stays under /embed/.
    frame.get_by_role("link", name="Start the simulation").click()
    frame.locator("[data-sim-player] [data-sim-nav='choice']").first.wait_for()
    assert len(context.pages) == 1
    child = next(f for f in page.frames if f != page.main_frame)
    assert f"/embed/{CODE}/" in child.url
    assert violations == []  # the frame is allowed, and our page breaks none of its policy


def test_a_site_the_link_does_not_name_cannot_frame_it(new_context, site_env, embed):
    page = new_context(viewport=PHONE, user_agent=PHONE_UA).new_page()
    refusals = []
    page.on("console", lambda message: refusals.append(message.text)
            if "frame-ancestors" in message.text else None)
    before = views_for_link(site_env)[0]
    page.goto(f"{embed['refused']}/safety/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(2500)
    assert refusals, "Chromium did not report the frame-ancestors refusal"
    child = next(f for f in page.frames if f != page.main_frame)
    assert "/embed/" not in (child.url or "") or child.locator("h1").count() == 0
    assert page.frame_locator("iframe").locator("[data-reach-page]").count() == 0
    assert views_for_link(site_env)[0] == before


def test_the_embed_page_is_accessible_at_phone_width(new_context, site_url, embed, check_axe,
                                                      check_no_hscroll):
    # reduced motion: axe reads a message's colours after its fade-in, not half-way through
    page = new_context(viewport=PHONE, user_agent=PHONE_UA, reduced_motion="reduce").new_page()
    for path in (f"/embed/{CODE}/", f"/embed/{CODE}/?text=large"):
        page.goto(f"{site_url}{path}")
        check_no_hscroll(page, path)
        check_axe(page, path)
    page.goto(f"{site_url}/embed/{CODE}/")
    page.get_by_role("link", name="Start the simulation").click()
    page.locator("[data-sim-nav='choice']").first.wait_for()
    assert f"/embed/{CODE}/" in page.url
    check_no_hscroll(page, "a scenario step in the frame")
    check_axe(page, "a scenario step in the frame")
