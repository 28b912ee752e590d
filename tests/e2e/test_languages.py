"""Switching language on a lesson, in a real browser."""

import pytest

pytestmark = pytest.mark.e2e


def test_a_chinese_browser_lands_in_chinese_and_switches_to_the_same_lesson_in_english(
    new_context, check_no_hscroll,
):
    context = new_context(locale="zh-CN", viewport={"width": 375, "height": 740},
                          is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto("/")
    assert page.url.endswith("/zh-hans/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"

    page.goto("/zh-hans/lessons/?format=comic")
    page.locator(".lesson-card--comic .lesson-card__title a").first.click()
    chinese_url = page.url
    chinese_title = page.locator("h1").inner_text()
    check_no_hscroll(page, "Chinese comic at 375 px")

    switcher = page.get_by_role("navigation", name="语言")
    switcher.get_by_role("link", name="English").click()
    page.wait_for_load_state("load")
    assert "/en/lessons/" in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() != chinese_title

    # And back to the very same lesson in Chinese.
    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    page.wait_for_load_state("load")
    assert page.url == chinese_url
