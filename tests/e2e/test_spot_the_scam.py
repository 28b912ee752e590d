"""Spot the scam in a real browser on a 375 px phone: played from the keyboard in place (the
tell marked, the score, "Play again"), the `scamsense:check` event a replay dispatches, the
same quiz without JavaScript, in Chinese and in large text, and axe-core on every screen."""

import pytest

from tests.e2e.helpers import tab_to

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
RECORD_CHECKS = """
window.__checks = [];
document.addEventListener("scamsense:check", (event) =>
  window.__checks.push(JSON.parse(JSON.stringify(event.detail))));
"""
SLUG = "real-or-fake-bank-messages"  # demo: genuine, scam, scam, genuine
FOCUSED = """(text) => {
  const el = document.activeElement;
  return !!el && el.tagName.startsWith("H") && el.textContent.includes(text);
}"""


@pytest.fixture
def phone(new_context):
    def make(**options):
        context = new_context(**{**PHONE, **options})
        context.add_init_script(RECORD_CHECKS)
        return context.new_page()
    return make


def press(page, label, then_heading):
    """Tab to a button or link, press Enter, wait for focus on the next screen's heading."""
    tab_to(page, label)
    page.keyboard.press("Enter")
    page.wait_for_function(FOCUSED, arg=then_heading, timeout=15_000)


def answer(page, label, right, check_axe=None):
    press(page, label, "This message is")
    feedback = page.locator("[data-spot-feedback]")
    assert feedback.get_attribute("data-right") == ("true" if right else "false")
    tell = page.locator("#spot-tell")
    assert tell.is_visible() and tell.evaluate("el => el.tagName") == "MARK"
    assert "This is the tell:" in tell.inner_text()  # for screen readers, not colour alone
    assert "This is the tell:" in feedback.inner_text()
    assert page.locator("[data-spot-panel]").get_attribute("aria-live") == "polite"
    if check_axe:
        check_axe(page, "spot-the-scam feedback (JS, 375 px)")


def test_play_in_place_replay_and_the_check_event(phone, check_no_hscroll, check_axe):
    page = phone(reduced_motion="reduce")
    page.goto(f"/en/lessons/{SLUG}/")
    page.evaluate("window.__samePage = true")
    check_no_hscroll(page, "spot-the-scam lesson at 375 px")
    check_axe(page, "spot-the-scam lesson (375 px)")
    assert page.locator(".spot__progress").inner_text() == "Message 1 of 4"

    answer(page, "It’s a scam", right=False, check_axe=check_axe)  # 1 is genuine
    check_no_hscroll(page, "feedback at 375 px")
    press(page, "Next message", "Message 2 of 4")
    answer(page, "It’s a scam", right=True)
    press(page, "Next message", "Message 3 of 4")
    assert page.locator(".sim--call").is_visible()  # the phone-call skin
    answer(page, "It’s a scam", right=True)
    press(page, "Next message", "Message 4 of 4")
    answer(page, "It’s safe", right=True)
    press(page, "See your result", "You got 3 of 4 right")
    assert page.locator("[data-spot-result]").get_attribute("data-score") == "3"
    check_no_hscroll(page, "result at 375 px")
    check_axe(page, "spot-the-scam result (375 px)")
    assert page.evaluate("window.__samePage") is True  # played in place, no page load
    assert page.evaluate("window.__checks") == []  # nothing answered twice yet

    press(page, "Play again", "Message 1 of 4")
    answer(page, "It’s safe", right=True)
    assert page.evaluate("window.__checks") == [
        {"of": "message", "item": "1", "before": False, "after": True}
    ]
    press(page, "Next message", "Message 2 of 4")
    answer(page, "It’s safe", right=False)
    assert page.evaluate("window.__checks")[1:] == [
        {"of": "message", "item": "2", "before": True, "after": False}
    ]

    # once per message per tab: a third play adds nothing
    page.goto(f"/en/lessons/{SLUG}/")
    answer(page, "It’s safe", right=True)
    assert page.evaluate("window.__checks") == []  # a new page: its own record, empty …
    stored = page.evaluate("JSON.parse(sessionStorage.getItem('scamsense:spot:' + "
                           "document.querySelector('[data-spot-quiz]').dataset.page))")
    assert stored == {"first": {"1": False, "2": True, "3": True, "4": True},
                      "sent": {"1": True, "2": True}}  # … the tab's record: nothing more


def test_without_javascript_each_answer_is_a_page(phone, check_no_hscroll, check_axe):
    page = phone(java_script_enabled=False)
    page.goto(f"/en/lessons/{SLUG}/")
    page.get_by_role("button", name="It’s a scam").click()
    page.wait_for_url("**/message/1/?answer=scam*")
    assert page.locator("[data-spot-feedback]").get_attribute("data-right") == "false"
    assert page.locator("mark#spot-tell").is_visible()
    check_no_hscroll(page, "feedback page without JS at 375 px")
    page.get_by_role("link", name="Next message").click()
    page.wait_for_url("**/message/2/?r=0*")
    page.get_by_role("button", name="It’s a scam").click()
    page.wait_for_url("**/message/2/?r=0&answer=scam*")
    assert page.locator("[data-spot-feedback]").get_attribute("data-right") == "true"


@pytest.mark.parametrize("path", ["message/3/?answer=safe&r=01", "result/?r=0110", "result/"])
def test_the_quiz_s_own_pages_pass_axe(phone, check_no_hscroll, check_axe, path):
    """The pages a browser without JavaScript gets (axe-core itself needs JavaScript)."""
    page = phone()
    page.goto(f"/en/lessons/{SLUG}/{path}")
    check_no_hscroll(page, f"{path} at 375 px")
    check_axe(page, f"spot-the-scam {path} (375 px)")


def test_in_chinese_and_large_text(phone, check_no_hscroll, check_axe):
    page = phone(reduced_motion="reduce")
    page.goto(f"/zh-hans/lessons/{SLUG}/?text=large")
    assert page.locator(".spot__progress").inner_text() == "第 1 条，共 4 条"
    check_no_hscroll(page, "Chinese spot-the-scam lesson, large text, 375 px")
    check_axe(page, "Chinese spot-the-scam lesson (large text, 375 px)")
    tab_to(page, "是骗局")
    page.keyboard.press("Enter")
    page.wait_for_function(FOCUSED, arg="这条消息是", timeout=15_000)
    assert "这是破绽：" in page.locator("[data-spot-feedback]").inner_text()
    assert page.locator("#spot-tell").inner_text().endswith("卡背面的电话")
    check_no_hscroll(page, "Chinese feedback, large text, 375 px")
    check_axe(page, "Chinese spot-the-scam feedback (large text, 375 px)")
    next_href = page.locator("[data-spot-nav=next]").get_attribute("href")
    assert "text=large" in next_href
