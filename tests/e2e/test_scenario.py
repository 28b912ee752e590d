"""The scenario player in a real browser: played with the keyboard only on a 375 px phone, to
a safe and to a scammed ending, with its reach events, its live region, axe-core, and the
same scenario without JavaScript."""

import re

import pytest

from tests.e2e.helpers import FOCUSED_HEADING, choose

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
RECORD_EVENTS = """
window.__simEvents = [];
for (const name of ["scamsense:scenario_start", "scamsense:choice", "scamsense:scenario_end"]) {
  document.addEventListener(name, (event) => window.__simEvents.push(
    {type: event.type, detail: JSON.parse(JSON.stringify(event.detail))}));
}
"""


@pytest.fixture
def phone(new_context):
    """A 375 px phone that records the player's events from the first script on."""
    def make(**options):
        context = new_context(**{**PHONE, **options})
        context.add_init_script(RECORD_EVENTS)
        return context.new_page()
    return make




def events(page):
    return page.evaluate("window.__simEvents")


def start(page, slug, check_no_hscroll):
    page.goto(f"/lessons/{slug}/")
    page.evaluate("window.__samePage = true")
    check_no_hscroll(page, f"{slug} intro at 375 px")
    page_id = int(page.locator("[data-sim-player]").get_attribute("data-page"))
    choose(page, "Start the simulation", "")
    return page_id


def test_keyboard_only_to_a_safe_ending_on_a_phone(phone, check_no_hscroll, check_axe):
    page = phone(reduced_motion="reduce")
    page_id = start(page, "bank-card-frozen-text", check_no_hscroll)
    assert page.locator(".sim-msg").count() == 1  # the bank text, in the conversation
    check_no_hscroll(page, "first step at 375 px")
    check_axe(page, "scenario step screen (JS player, 375 px)")

    choose(page, "Call the number on the back of my card", "Well spotted")
    assert page.locator(".sim-feedback--safe").is_visible()
    choose(page, "Continue", "What do you do?")
    assert "your card is not frozen" in page.locator(".sim__messages").inner_text()
    choose(page, "Say thank you and hang up", "Well done")
    choose(page, "See how it ends", "Your money and your card are safe")

    outcome = page.locator("[data-sim-ending]")
    assert outcome.get_attribute("data-outcome") == "safe"
    assert "Score: 100%" in page.locator(".sim-debrief").inner_text()
    assert page.locator(".report-box").is_visible()  # what to do in real life
    assert page.evaluate("window.__samePage") is True, "the player reloaded the page"
    assert re.search(r"/step/safe-ending/\?p=32#sim-now$", page.url), page.url
    check_no_hscroll(page, "safe ending at 375 px")
    check_axe(page, "scenario ending screen (JS player, 375 px)")

    assert events(page) == [
        {"type": "scamsense:scenario_start", "detail": {"page": page_id}},
        {"type": "scamsense:choice", "detail": {
            "page": page_id, "step": "the-text", "choice": 3, "safe": True,
            "red_flag": "unexpected-link"}},
        {"type": "scamsense:choice", "detail": {
            "page": page_id, "step": "bank-call", "choice": 2, "safe": True,
            "red_flag": None}},
        {"type": "scamsense:scenario_end", "detail": {
            "page": page_id, "outcome": "safe", "score": 100}},
    ]
    assert page.context.cookies() == []


def test_keyboard_only_to_a_scammed_ending_stepping_back_once(phone, check_no_hscroll,
                                                              check_axe):
    page = phone()  # with motion: messages appear in turn
    page_id = start(page, "customs-police-call", check_no_hscroll)

    choose(page, "Stay on the line to clear my name", "Red flag missed")
    check_axe(page, "risky-choice feedback (JS player, 375 px)")
    choose(page, "Step back and choose again", "What do you do?")
    assert "You stepped back" in page.locator(".sim__messages").inner_text()
    choose(page, "Stay on the line to clear my name", "Red flag missed")
    choose(page, "Carry on anyway", "What do you do?")
    choose(page, "Agree to keep it secret", "Red flag missed")
    choose(page, "Carry on anyway", "What do you do?")
    check_no_hscroll(page, "the 'warrant' step at 375 px")
    choose(page, "Move my savings", "Red flag missed")
    choose(page, "Carry on anyway", "Your savings went to the scammers")

    assert page.locator("[data-sim-ending]").get_attribute("data-outcome") == "scammed"
    assert "Score: 0%" in page.locator(".sim-debrief").inner_text()
    assert page.locator(".flag--missed").count() == 3
    assert page.evaluate("window.__samePage") is True
    check_no_hscroll(page, "scammed ending at 375 px")
    check_axe(page, "scammed ending (JS player, 375 px)")

    recorded = events(page)
    assert [e["type"] for e in recorded] == [
        "scamsense:scenario_start", "scamsense:choice", "scamsense:choice",
        "scamsense:choice", "scamsense:choice", "scamsense:scenario_end",
    ]
    assert recorded[1]["detail"] == {"page": page_id, "step": "the-call", "choice": 1,
                                     "safe": False, "red_flag": "official-threat"}
    assert recorded[-1]["detail"] == {"page": page_id, "outcome": "scammed", "score": 0}


def test_messages_appear_in_turn_in_a_polite_live_region(phone):
    page = phone()
    page.goto("/lessons/customs-police-call/")
    log = page.locator(".sim__thread")
    assert log.get_attribute("aria-live") == "polite"
    page.evaluate("""() => {
        window.__added = [];
        new MutationObserver((records) => {
          for (const r of records) for (const node of r.addedNodes)
            if (node.classList && node.classList.contains('sim-msg'))
              window.__added.push(performance.now());
        }).observe(document.querySelector('.sim__messages'), {childList: true});
    }""")
    page.get_by_role("link", name="Start the simulation").click()
    page.wait_for_function(FOCUSED_HEADING, arg="What do you do?", timeout=15_000)
    added = page.evaluate("window.__added")
    assert len(added) == 2
    assert added[1] - added[0] > 300, "the caller's two lines arrived at the same moment"
    assert page.locator(".sim-typing").count() == 0  # the typing dots are gone


def test_with_reduced_motion_messages_appear_at_once(phone):
    page = phone(reduced_motion="reduce")
    page.goto("/lessons/customs-police-call/")
    page.get_by_role("link", name="Start the simulation").click()
    page.wait_for_function(FOCUSED_HEADING, arg="What do you do?", timeout=3_000)
    assert page.locator(".sim-msg").count() == 2


def test_without_javascript_every_screen_is_a_page(new_context, check_no_hscroll):
    # (axe needs JavaScript: the same pages are checked in test_axe_on_scenario_pages…)
    context = new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto("/lessons/supplier-new-bank-email/")
    page.get_by_role("link", name="Start the simulation").click()
    page.wait_for_url(re.compile(r"/step/the-email/#sim-now$"))
    page.get_by_role("link", name="Look closely at the sender's address first").click()
    page.wait_for_url(re.compile(r"/choice/3/#sim-now$"))
    assert "Well spotted" in page.locator("main").inner_text()
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("link", name="Call Fresh Valley on the number I already have").click()
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("link", name="Forward it to Lucy and pay the usual account").click()
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("link", name="Report it to the police").click()
    page.get_by_role("link", name="See how it ends").click()
    page.wait_for_url(re.compile(r"/step/safe-ending/\?p=\d+#sim-now$"))
    main = page.locator("main").inner_text()
    assert "You paid the real supplier" in main and "Score: 100%" in main
    assert "Simulation" in page.locator(".sim-notice").text_content()
    check_no_hscroll(page, "ending page without JS at 375 px")
    assert context.cookies() == []


@pytest.mark.parametrize("path", [
    "/lessons/bank-card-frozen-text/",
    "/lessons/supplier-new-bank-email/step/the-email/",
    "/lessons/customs-police-call/step/warrant/?p=11",
    "/lessons/bank-card-frozen-text/step/fake-page/choice/1/?p=1",
    "/lessons/supplier-new-bank-email/step/money-lost/?p=12",
])
def test_axe_on_scenario_pages_with_larger_text(phone, check_axe, check_no_hscroll, path):
    page = phone()
    page.goto("/")
    page.evaluate("localStorage.setItem('scamsense:text-size', 'large')")
    page.goto(path)
    assert "text-large" in page.locator("html").get_attribute("class")
    check_axe(page, f"{path} at 375 px, larger text")
    check_no_hscroll(page, f"{path} at 375 px, larger text")
