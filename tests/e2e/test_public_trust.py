"""Issue 14 in a real browser at 375 × 812, in both languages, with and without JavaScript:
each tap opens at what is new, large text carries into a seniors' lesson, the share box and
the one-page print view work without JS, and About / Privacy / Contact and the review date
say who stands behind the advice. axe-core on every new screen."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]

PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
LANGUAGES = ["en", "zh-hans"]
SCENARIO = "bank-card-frozen-text"
COMIC = "refund-screen-share"
CASE = "rental-deposit-scam"

BOX = """(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const box = el.getBoundingClientRect();
  return {top: box.top, bottom: box.bottom, height: innerHeight, scrollY: scrollY};
}"""


def assert_in_first_screen(page, selector, what):
    """The element starts on the screen the visitor sees, without scrolling."""
    page.wait_for_load_state("load")
    box = page.evaluate(BOX, selector)
    assert box is not None, f"{what}: no {selector} on {page.url}"
    assert -2 <= box["top"] < box["height"] - 40, f"{what}: {selector} is at {box} on {page.url}"


def font_size(page):
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


@pytest.fixture
def phone(new_context):
    def make(**options):
        return new_context(**{**PHONE, **options}).new_page()
    return make


@pytest.fixture
def axe(phone, check_axe):
    """axe-core on a page at 375 px (axe needs JS: the same address in a JS page)."""
    checker = {}

    def run(url, label):
        if "page" not in checker:
            checker["page"] = phone()
        page = checker["page"]
        page.goto(url)
        page.wait_for_load_state("load")
        check_axe(page, label)
    return run


# --------------------------------------------------------------------------- 1. stay in place


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_js_each_scenario_screen_opens_at_what_is_new(phone, language, axe):
    page = phone(java_script_enabled=False)
    page.goto(f"/{language}/lessons/{SCENARIO}/")
    page.locator("[data-sim-nav=start]").click()
    assert page.url.endswith("#sim-now")
    assert_in_first_screen(page, "#sim-now", "the first step's message")
    assert_in_first_screen(page, ".sim__question", "the first question")
    # Keyboard users carry on from there: the next Tab is a choice, not the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.sim-choice')")
    axe(page.url, f"step at 375 px without JS ({language})")

    page.locator("[data-sim-nav=choice]").first.click()  # the risky one
    assert_in_first_screen(page, "#feedback-heading", "the feedback")
    axe(page.url, f"feedback at 375 px without JS ({language})")
    page.locator("[data-sim-nav=back]").click()  # a screen with a conversation above it
    assert page.evaluate("scrollY") > 0
    assert_in_first_screen(page, "#sim-now", "the step after stepping back")
    assert_in_first_screen(page, ".sim__question", "the question after stepping back")

    for _ in range(15):  # on to an ending: the first choice, or carry on
        if page.locator("[data-sim-ending]").count():
            break
        page.locator("[data-sim-nav=choice], [data-sim-nav=continue]").first.click()
    assert page.locator("[data-sim-ending]").count(), "no ending reached"
    assert page.evaluate("scrollY") > 0, "the ending should open below the conversation"
    assert_in_first_screen(page, "#sim-now, #outcome-heading", "the ending")
    assert_in_first_screen(page, "#outcome-heading", "the outcome")
    axe(page.url, f"ending at 375 px without JS ({language})")


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_js_the_player_keeps_the_new_question_in_view(phone, language):
    page = phone(reduced_motion="reduce")
    page.goto(f"/{language}/lessons/{SCENARIO}/")
    page.locator("[data-sim-nav=start]").click()
    page.wait_for_function("() => document.activeElement.matches('.sim__question')")
    assert_in_first_screen(page, ".sim__question", "the first question (JS)")
    page.locator("[data-sim-nav=choice]").first.click()
    page.wait_for_function("() => document.activeElement.id === 'feedback-heading'")
    assert_in_first_screen(page, "#feedback-heading", "the feedback (JS)")
    assert page.locator("#sim-now").count() <= 1  # one id, one element


@pytest.mark.parametrize("javascript", [False, True])
@pytest.mark.parametrize("language", LANGUAGES)
def test_comic_panel_by_panel_opens_at_the_panel(phone, language, javascript, axe):
    page = phone(java_script_enabled=javascript)
    page.goto(f"/{language}/lessons/{COMIC}/")
    page.locator(".comic__modes a").click()
    assert_in_first_screen(page, "#panel-1", "panel 1")
    page.locator(".comic__nav a[rel=next]").click()
    assert page.evaluate("scrollY") > 0
    assert_in_first_screen(page, "#panel-2", "panel 2")
    assert_in_first_screen(page, ".comic__nav", "the panel buttons")
    if javascript:
        assert page.evaluate("document.activeElement.id") == "panel-2"
    else:
        page.keyboard.press("Tab")  # carries on from the panel: its Previous / Next links
        assert page.evaluate("!!document.activeElement.closest('.comic__nav')")
        axe(page.url, f"comic panel at 375 px without JS ({language})")


# --------------------------------------------------------------------------- 2. large text


@pytest.mark.parametrize("javascript", [False, True])
def test_a_seniors_lesson_keeps_large_text_until_the_reader_changes_it(phone, javascript):
    page = phone(java_script_enabled=javascript)
    page.goto("/en/")
    normal = font_size(page)
    page.goto("/en/audiences/seniors/")
    large = font_size(page)
    assert large > normal
    page.locator(".lesson-card--comic .lesson-card__title a").first.click()
    assert font_size(page) == large, "a lesson opened from the seniors' page"
    page.locator(".comic__modes a").click()
    assert font_size(page) == large, "the next panel of that lesson"
    if javascript:
        toggle = page.locator("[data-text-size-toggle]")
        assert toggle.get_attribute("aria-pressed") == "true"
        toggle.click()  # the reader's own choice wins, here and on the next page
        assert font_size(page) == normal
        page.goto("/en/audiences/seniors/")
        assert font_size(page) == normal


# --------------------------------------------------------------------------- 3. share


@pytest.mark.parametrize("language", LANGUAGES)
def test_share_without_js_offers_the_link_email_and_qr_code(phone, language, axe,
                                                            check_no_hscroll):
    page = phone(java_script_enabled=False)
    page.goto(f"/{language}/lessons/{CASE}/")
    box = page.locator("[data-share-box]")
    box.scroll_into_view_if_needed()
    assert box.is_visible()
    assert page.locator("[data-share]").is_hidden()  # the JS button waits for JS
    link = page.locator("[data-share-field]")
    assert link.is_visible() and link.input_value().endswith(f"/{language}/lessons/{CASE}/")
    assert page.locator(".share__email a").is_visible()
    assert page.locator(".share__qr svg[role=img]").is_visible()
    check_no_hscroll(page, f"lesson with the share box ({language})")
    axe(page.url, f"lesson at 375 px without JS ({language})")


def test_share_with_js_adds_one_button(phone, axe):
    page = phone()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"/en/lessons/{CASE}/")
    button = page.locator("[data-share]")
    assert button.is_visible()
    if page.evaluate("!navigator.share"):
        button.click()
        page.wait_for_function(
            "() => document.querySelector('[data-share-status]').textContent.length > 0"
        )
        assert page.evaluate("navigator.clipboard.readText()").endswith(f"/en/lessons/{CASE}/")
    axe(page.url, "lesson at 375 px with the share button")


# --------------------------------------------------------------------------- 4. print


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", [CASE, SCENARIO])
def test_the_one_page_summary_prints_on_one_a4_page(phone, language, slug, axe,
                                                    check_no_hscroll):
    page = phone(java_script_enabled=False)
    page.goto(f"/{language}/lessons/{slug}/")
    page.locator("[data-print-link]").click()
    assert page.url.endswith(f"/{language}/lessons/{slug}/print/")
    assert page.locator(".one-pager .qr-code").is_visible()
    assert page.locator(".one-pager .report-box").is_visible()
    check_no_hscroll(page, f"print view at 375 px ({language})")
    axe(page.url, f"print view ({language}, {slug})")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page\r") + pdf.count(
        b"/Type /Page>"
    ) + pdf.count(b"/Type /Page/") == 1, "the summary should fit one A4 page"


# --------------------------------------------------------------------------- 5. who stands behind


@pytest.mark.parametrize("language", LANGUAGES)
def test_about_privacy_and_contact_from_the_footer(phone, language, axe):
    page = phone(java_script_enabled=False)
    page.goto(f"/{language}/")
    footer_links = page.locator(".site-footer nav a")
    hrefs = [footer_links.nth(i).get_attribute("href") for i in range(footer_links.count())]
    for slug in ("about", "privacy", "contact"):
        assert f"/{language}/{slug}/" in hrefs
    for slug in ("about", "privacy", "contact"):
        page.goto(f"/{language}/")
        page.locator(f".site-footer a[href='/{language}/{slug}/']").click()
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").is_visible()
        axe(page.url, f"{slug} page at 375 px ({language})")
    page.goto(f"/{language}/privacy/")
    assert ("Do Not Track" if language == "en" else "请勿追踪") in page.locator("main").inner_text()


@pytest.fixture(scope="module")
def reviewed_case(site_env, site_url):
    """Record an approval of the case study in both languages, as a reviewer's would."""
    script = (
        "import datetime; from django.utils import timezone; "
        "from reviews.models import ReviewSchedule; from wagtail.models import Page; "
        "[ReviewSchedule.objects.update_or_create(page=p, defaults={"
        "'last_reviewed_at': timezone.make_aware(datetime.datetime(2026, 3, 2, 10)), "
        "'review_due': datetime.date(2027, 3, 2)}) "
        f"for p in Page.objects.filter(slug='{CASE}')]"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT,
                   env=site_env["env"], check=True, capture_output=True, timeout=120)
    return CASE


@pytest.mark.parametrize("language, words", [
    ("en", "Checked by consumer-protection review on March 2, 2026"),
    ("zh-hans", "已于 2026年3月2日 通过消保审核"),
])
def test_a_lesson_says_when_it_was_checked(phone, reviewed_case, language, words, axe):
    page = phone(java_script_enabled=False)
    page.goto(f"/{language}/lessons/{reviewed_case}/")
    for _ in range(10):  # the server re-reads the cache generation within a second
        if page.locator(".review-note").count():
            break
        page.wait_for_timeout(300)
        page.reload()
    note = " ".join(page.locator(".review-note").inner_text().split())
    assert words in note
    assert "2027" not in note  # the next review date is for editors only
    assert page.locator(".review-note").is_visible()
    axe(page.url, f"reviewed lesson ({language})")
