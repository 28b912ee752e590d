"""Learning at the moment of the mistake, in a real browser on a 375 px phone, in English and
Chinese: the feedback highlights what gave the scam away in the simulated message, a red flag
praised after a step back is not called missed at the end, the "Remember" box waits for the
end, and the language switcher keeps the learner's place."""

import re

import pytest

from tests.e2e.helpers import FOCUSED_HEADING, choose

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
LINK = "bank-refund-help.top/card"


@pytest.fixture
def phone(new_context):
    def make(**options):
        return new_context(**{**PHONE, **options}).new_page()
    return make




def marks(page):
    return page.locator(".sim__messages mark.sim-mark")


def marked_words(page):
    """The highlighted words, without the label for screen readers before them."""
    return marks(page).first.evaluate("el => el.lastChild.textContent")


def test_feedback_highlights_the_giveaway_and_the_ending_keeps_the_praise(
    phone, check_axe, check_no_hscroll
):
    page = phone(reduced_motion="reduce")
    page.goto("/en/lessons/bank-card-frozen-text/")
    assert page.locator(".takeaways").count() == 0, "the answers were shown before playing"
    choose(page, "Start the simulation", "What do you do?")
    assert marks(page).count() == 0

    choose(page, "Tap the link to sort it out", "Red flag missed")
    assert marks(page).count() == 1
    mark = marks(page).first
    assert marked_words(page) == LINK and mark.is_visible()
    assert "What gave it away:" in mark.text_content()  # its label for screen readers
    assert LINK in page.locator(".sim-feedback__giveaway").inner_text()
    check_no_hscroll(page, "risky feedback with the giveaway at 375 px")
    check_axe(page, "feedback with the giveaway highlighted (JS player, 375 px)")

    choose(page, "Step back and choose again", "What do you do?")
    assert marks(page).count() == 0, "the highlight stayed after stepping back"
    choose(page, "Call the number on the back of my card", "Well spotted")
    assert marks(page).count() == 1 and marked_words(page) == LINK
    choose(page, "Continue", "What do you do?")
    assert marks(page).count() == 0
    choose(page, "Say thank you and hang up", "Well done")
    choose(page, "See how it ends", "Your money and your card are safe")

    debrief = page.locator(".sim-debrief")
    assert page.locator(".flag--missed").count() == 0
    assert "Spotted on a second look" in debrief.text_content()  # (upper case on screen)
    assert "Score: 100%" in debrief.inner_text()
    assert page.locator(".takeaways").is_visible()  # "Remember", now that it is over
    check_no_hscroll(page, "ending at 375 px")
    check_axe(page, "ending after a step back (JS player, 375 px)")


def test_in_chinese_the_giveaway_is_highlighted_and_the_switch_keeps_the_step(
    phone, check_axe, check_no_hscroll
):
    page = phone(reduced_motion="reduce", locale="zh-CN")
    page.goto("/zh-hans/lessons/bank-card-frozen-text/")
    assert page.locator(".takeaways").count() == 0
    page.locator('[data-sim-nav="start"]').click()
    page.wait_for_function(FOCUSED_HEADING, arg="", timeout=15_000)
    page.get_by_role("link", name="点开链接处理一下").click()
    page.wait_for_selector(".sim-feedback--risky")
    assert marks(page).count() == 1 and marked_words(page) == LINK
    check_no_hscroll(page, "Chinese feedback with the giveaway at 375 px")
    check_axe(page, "Chinese feedback with the giveaway (JS player, 375 px)")

    # Step back, then "reply": the giveaway of the urgency is in the Chinese text.
    page.locator('[data-sim-nav="back"]').click()
    page.wait_for_selector(".sim-choices")
    page.get_by_role("link", name="回复短信，问问是不是真的").click()
    page.wait_for_selector(".sim-feedback")
    page.locator('[data-sim-nav="continue"]').click()
    page.wait_for_selector(".sim-choices")
    step_url = page.url
    assert re.search(
        r"/zh-hans/lessons/bank-card-frozen-text/step/reply/\?p=1-2(#sim-now)?$", step_url
    )

    # The switcher leads to the same step in English, path and all, and back.
    page.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/en/lessons/bank-card-frozen-text/step/reply/?p=1-2"), page.url
    assert "Is this message real?" in page.locator(".sim__messages").inner_text()
    assert "You stepped back" not in page.locator("main").inner_text()
    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    page.wait_for_load_state("load")
    assert page.url == step_url.split("#")[0]  # the same step; the switcher drops the anchor


def test_without_javascript_the_feedback_page_highlights_the_giveaway(new_context,
                                                                     check_no_hscroll):
    context = new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto("/zh-hans/lessons/customs-police-call/step/the-call/choice/1/")
    assert marks(page).count() == 1 and marked_words(page) == "我现在把电话转给公安"
    page.locator(".sim-feedback__giveaway a").click()
    assert page.url.endswith("#giveaway")
    check_no_hscroll(page, "Chinese feedback page without JS at 375 px")
    # Switching language on this screen keeps it.
    page.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()
    assert page.url.endswith("/en/lessons/customs-police-call/step/the-call/choice/1/")
    assert marked_words(page) == "I will transfer you to the police now"
