"""The public journey: home → audience → lesson → play the video → read a comic, on a desktop
and on a 375 px phone, plus the comic's panel-by-panel mode."""

import re

import pytest

pytestmark = pytest.mark.e2e

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone-375": {
        "viewport": {"width": 375, "height": 740}, "device_scale_factor": 2,
        "is_mobile": True, "has_touch": True,
    },
}

CARD_LINK = ".lesson-card--{kind} .lesson-card__title a"


def open_segment_with(page, kinds):
    """From the home page, follow the first audience link whose page lists every kind."""
    links = page.locator(".audience-list a")
    count = links.count()
    assert count > 0, "no audience links on the home page"
    for index in range(count):
        links.nth(index).click()
        page.wait_for_url(re.compile(r"/audiences/[\w-]+/$"))
        if all(page.locator(CARD_LINK.format(kind=kind)).count() for kind in kinds):
            return page.url
        page.go_back()
    pytest.fail(f"no audience page lists lessons of every format {kinds}")


def play_video(page):
    video = page.locator("video").first
    video.scroll_into_view_if_needed()
    video.click()  # the native controls: a click on the video plays it
    page.wait_for_function(
        "() => document.querySelector('video').currentTime > 0.5", timeout=15_000
    )
    tracks = page.evaluate(
        """() => [...document.querySelector('video').textTracks]
                 .map(t => ({kind: t.kind, mode: t.mode, lang: t.language}))"""
    )
    assert len(tracks) >= 1, "the video has no text track"
    assert tracks[0]["kind"] in ("captions", "subtitles"), tracks
    assert tracks[0]["mode"] == "showing", f"captions are not on by default: {tracks}"
    page.wait_for_function(
        """() => { const t = document.querySelector('video').textTracks[0];
                   return t.cues && t.cues.length > 0; }""",
        timeout=10_000,
    )
    assert page.locator("video track[kind=captions]").count() >= 1


def read_comic_strip(page):
    panels = page.locator(".comic__panel")
    count = panels.count()
    assert count >= 2, "the comic shows fewer than two panels"
    for index in range(count):
        panel = panels.nth(index)
        panel.scroll_into_view_if_needed()
        image = panel.locator("img")
        assert (image.get_attribute("alt") or "").strip(), f"panel {index + 1} has no alt text"
        image.evaluate(
            """img => img.complete && img.naturalWidth > 0 ? true
                : new Promise((ok, ko) => { img.onload = () => ok(true);
                                            img.onerror = () => ko(new Error(img.src)); })"""
        )
        assert panel.locator("figcaption").inner_text().strip()
    return count


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_home_segment_lesson_video_comic(new_context, check_no_hscroll, device):
    context = new_context(**VIEWPORTS[device])
    page = context.new_page()

    page.goto("/")
    check_no_hscroll(page, f"home ({device})")
    segment_url = open_segment_with(page, ["video", "comic"])
    check_no_hscroll(page, f"{segment_url} ({device})")

    page.locator(CARD_LINK.format(kind="video")).first.click()
    # From an audience that prefers large text, lessons keep it (?text=large).
    page.wait_for_url(re.compile(r"/lessons/[\w-]+/(\?text=large)?$"))
    assert page.locator("article.lesson--video h1").is_visible()
    check_no_hscroll(page, f"video lesson ({device})")
    play_video(page)
    check_no_hscroll(page, f"video lesson, playing ({device})")

    page.goto(segment_url)
    page.locator(CARD_LINK.format(kind="comic")).first.click()
    page.wait_for_url(re.compile(r"/lessons/[\w-]+/(\?text=large)?$"))
    assert page.locator("article.lesson--comic h1").is_visible()
    read_comic_strip(page)
    check_no_hscroll(page, f"comic lesson ({device})")

    assert context.cookies() == [], "the public site set a cookie"


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_comic_panel_by_panel(new_context, check_no_hscroll, device):
    context = new_context(**VIEWPORTS[device])
    page = context.new_page()
    page.goto("/lessons/?format=comic")
    page.locator(CARD_LINK.format(kind="comic")).first.click()
    page.wait_for_url(re.compile(r"/lessons/[\w-]+/$"))
    lesson_url = page.url
    total = read_comic_strip(page)

    page.get_by_role("link", name="Read panel by panel").click()
    page.wait_for_url(re.compile(r"\?panel=1#panel-1$"))
    seen = []
    while True:
        number = page.locator(".comic__number").inner_text()
        seen.append(number)
        assert number == f"Panel {len(seen)} of {total}"
        assert page.locator(".comic__panel").count() == 1
        image = page.locator(".comic__panel img")
        assert (image.get_attribute("alt") or "").strip()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        check_no_hscroll(page, f"{page.url} ({device})")
        if len(seen) > 1:
            assert page.get_by_role("link", name="Previous panel").count() == 1
        next_link = page.get_by_role("link", name="Next panel")
        if next_link.count() == 0:
            break
        assert len(seen) < total, "a Next panel link after the last panel"
        next_link.click()
        page.wait_for_url(re.compile(rf"\?panel={len(seen) + 1}#panel-{len(seen) + 1}$"))
    assert len(seen) == total

    page.get_by_role("link", name="Previous panel").click()
    page.wait_for_url(re.compile(rf"\?panel={total - 1}#panel-{total - 1}$"))
    page.get_by_role("link", name="Read as one strip").click()
    page.wait_for_url(f"{lesson_url}#panel-{total - 1}")  # the strip, at that panel
    assert page.locator(".comic__panel").count() == total
