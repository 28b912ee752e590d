"""The library's filters work without JavaScript: a plain GET form."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.e2e


def card_links(page):
    return page.locator(".lesson-card__title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


def test_library_filters_without_javascript(new_context):
    context = new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/lessons/")
    # JavaScript really is off: the script-only "Larger text" button stays hidden.
    assert page.locator("[data-text-size-toggle]").is_hidden()
    before_count = page.locator(".result-count").inner_text()
    before = card_links(page)
    assert before, "the library lists no lessons"

    audience = page.locator("#id_audience option:not([value=''])").first.get_attribute("value")
    page.select_option("#id_audience", audience)
    page.select_option("#id_format", "comic")
    page.get_by_role("button", name="Show lessons").click()
    page.wait_for_url(re.compile(r"/lessons/\?.*format=comic"))

    query = parse_qs(urlparse(page.url).query)
    assert query.get("audience") == [audience], page.url
    assert query.get("format") == ["comic"], page.url

    after = card_links(page)
    assert after, f"no comic for {audience}"
    assert after != before
    assert page.locator(".result-count").inner_text() != before_count
    cards = page.locator(".card-grid .lesson-card")
    assert cards.count() == page.locator(".card-grid .lesson-card--comic").count()
    # The form shows the choices it applied.
    assert page.locator("#id_audience").input_value() == audience
    assert page.locator("#id_format").input_value() == "comic"
