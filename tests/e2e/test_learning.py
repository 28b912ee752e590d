"""Check questions in a real browser on a 375 px phone: answered before and after the lesson,
checked in place with feedback, the one ``check`` event per question reaching the server with
only whether each answer was right; without JavaScript the form shows the answers on their own
page. axe-clean throughout, in larger text too."""

import json
import sqlite3
import time

import pytest

pytestmark = pytest.mark.e2e
PHONE_UA = ("Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0.0.0 Mobile Safari/537.36")
LESSON = "/en/lessons/refund-call-scam/"  # the demo's video with two check questions
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True,
         "user_agent": PHONE_UA}


def check_rows(site_env, where, params=()):
    """{event id: props} of the stored check events matching ``where`` (other tests of the
    shared site may have loaded the demo's own check events: compare what is new)."""
    with sqlite3.connect(f"file:{site_env['db']}?mode=ro", uri=True, timeout=10) as db:
        rows = db.execute(
            "SELECT e.event_id, e.props FROM campaigns_reachevent e JOIN wagtailcore_page p "
            f"ON p.id = e.page_id WHERE e.event_type = 'check' AND {where}", params
        ).fetchall()
    return {event_id: json.loads(props) for event_id, props in rows}


def checks_stored(site_env, earlier=()):
    rows = check_rows(site_env, "p.slug = 'refund-call-scam'")
    return sorted((props for event_id, props in rows.items() if event_id not in earlier),
                  key=lambda p: p["item"])


def wait_for(predicate, page, timeout=15):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        page.wait_for_timeout(300)
    return False


def test_before_and_after_on_a_phone_send_one_check_per_question(new_context, site_env,
                                                                 check_axe, check_no_hscroll):
    earlier = set(check_rows(site_env, "p.slug = 'refund-call-scam'"))
    page = new_context(**PHONE).new_page()
    page.goto(LESSON)
    before = page.locator("#check-before")
    assert before.get_by_role("heading", name="Check what you know").is_visible()
    check_axe(page, "lesson with check questions at 375 px")
    check_no_hscroll(page, "lesson with check questions at 375 px")

    # Before the lesson: question 1 wrong, question 2 right.
    before.get_by_label("Read out the code so the refund arrives faster").check()
    before.get_by_label("No, never share your screen with a caller").check()
    before.get_by_role("button", name="Check my answers").click()
    status = before.locator("[data-check-status]")
    assert status.inner_text() == "You got 1 of 2 right."
    assert status.get_attribute("role") == "status"
    first = before.locator("[data-check-question='1']")
    assert first.locator("[data-check-wrong]").is_visible()
    assert "Hang up and check the order" in first.locator("[data-check-wrong]").inner_text()
    assert first.locator(".check__explanation").is_visible()
    assert first.locator("input").first.is_disabled()  # answered: locked
    check_axe(page, "feedback before the lesson at 375 px")

    # After the lesson: both right.
    after = page.locator("#check-after")
    after.scroll_into_view_if_needed()
    after.get_by_label("Hang up and check the order in the shop's own app").check()
    after.get_by_label("No, never share your screen with a caller").check()
    after.get_by_role("button", name="Check my answers").click()
    assert after.locator("[data-check-status]").inner_text() == "You got 2 of 2 right."
    check_axe(page, "feedback after the lesson at 375 px")
    check_no_hscroll(page, "feedback after the lesson at 375 px")

    page.wait_for_timeout(2500)  # reach.js sends about 2 s after the last event
    assert wait_for(lambda: len(checks_stored(site_env, earlier)) >= 2, page), (
        checks_stored(site_env, earlier))
    assert checks_stored(site_env, earlier) == [
        {"of": "question", "item": "1", "before": False, "after": True},
        {"of": "question", "item": "2", "before": True, "after": True},
    ]
    # Answering again in the same tab sends nothing more.
    page.reload()
    page.locator("#check-after").get_by_label("Yes, if they are from the shop").check()
    page.locator("#check-after").get_by_role("button", name="Check my answers").click()
    page.wait_for_timeout(3000)
    assert len(checks_stored(site_env, earlier)) == 2


def test_without_javascript_the_answers_get_their_own_page(new_context, check_axe,
                                                           check_no_hscroll):
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    page.goto(LESSON + "?text=large")
    before = page.locator("#check-before")
    before.get_by_label("Hang up and check the order in the shop's own app").check()
    before.get_by_role("button", name="Check my answers").click()
    page.wait_for_load_state()
    assert "/check/" in page.url and "box=before" in page.url
    assert page.get_by_role("heading", name="What you knew before the lesson").is_visible()
    assert "You got 1 of 2 right." in page.content()
    assert "You did not answer this one." in page.content()
    check_no_hscroll(page, "answers page at 375 px")
    answers = page.url
    page.get_by_role("link", name="Now read the lesson").click()
    assert page.url.endswith("?text=large#lesson-body")
    # axe-core needs JavaScript: the same address in a page with it
    checker = new_context(**PHONE).new_page()
    checker.goto(answers)
    check_axe(checker, "answers page, larger text, 375 px")


def test_skip_goes_to_the_lesson_and_larger_text_is_axe_clean(new_context, check_axe,
                                                               check_no_hscroll):
    page = new_context(**PHONE).new_page()
    page.goto(LESSON + "?text=large")
    page.locator("#check-before").get_by_role("link", name="Skip").click()
    assert page.url.endswith("#lesson-body")
    check_axe(page, "lesson with check questions, larger text, 375 px")
    check_no_hscroll(page, "lesson with check questions, larger text, 375 px")


RECORD_CHECKS = """
window.__checks = [];
document.addEventListener("scamsense:check", (event) =>
  window.__checks.push(JSON.parse(JSON.stringify(event.detail))));
"""


def play_safely(page):
    """The demo bank-card scenario's safe path (as in test_scenario.py)."""
    from tests.e2e.helpers import choose

    choose(page, "Call the number on the back of my card", "Well spotted")
    choose(page, "Continue", "What do you do?")
    choose(page, "Say thank you and hang up", "Well done")
    choose(page, "See how it ends", "Your money and your card are safe")


def test_a_replayed_scenario_reports_its_red_flags_once(new_context, site_env):
    from tests.e2e.helpers import choose

    context = new_context(reduced_motion="reduce", **PHONE)
    context.add_init_script(RECORD_CHECKS)
    page = context.new_page()
    page.goto("/en/lessons/bank-card-frozen-text/")
    page_id = page.locator("[data-sim-player]").get_attribute("data-page")
    earlier = set(check_rows(site_env, "e.page_id = ?", (int(page_id),)))
    choose(page, "Start the simulation", "")
    play_safely(page)
    assert page.evaluate("window.__checks") == []  # a first play has nothing to compare
    choose(page, "Play again", "")
    play_safely(page)
    found = page.evaluate("window.__checks")
    assert found, "a replay's ending reports the red flags met in both plays"
    assert {check["of"] for check in found} == {"red_flag"}
    assert all(check["before"] is True and check["after"] is True for check in found)
    assert len({check["item"] for check in found}) == len(found)
    choose(page, "Play again", "")
    play_safely(page)
    assert page.evaluate("window.__checks") == found  # once per red flag per tab

    def stored():
        rows = check_rows(site_env, "e.page_id = ?", (int(page_id),))
        return [props for event_id, props in rows.items() if event_id not in earlier]
    page.wait_for_timeout(2500)
    assert wait_for(lambda: len(stored()) >= len(found), page)
    assert sorted(props["item"] for props in stored()) == sorted(
        check["item"] for check in found)
