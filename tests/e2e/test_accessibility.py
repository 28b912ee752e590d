"""axe-core on every public page type, keyboard access, larger text, 200 % zoom."""

import pytest

pytestmark = pytest.mark.e2e

LESSON_KINDS = ("video", "comic", "case", "spot")
SEARCH_WORDS = {"en": "refund", "zh-hans": "退款"}


def find_urls(page, language):
    """Paths of the pages under test in one language, found from the site itself."""
    prefix = f"/{language}"
    found = {"home": f"{prefix}/", "library": f"{prefix}/lessons/",
             "search": f"{prefix}/search/?q={SEARCH_WORDS[language]}",
             "search-empty": f"{prefix}/search/"}
    for kind in LESSON_KINDS:
        page.goto(f"{prefix}/lessons/?format={kind}")
        link = page.locator(f".lesson-card--{kind} .lesson-card__title a").first
        found[kind] = link.get_attribute("href")
    found["comic-panel"] = f"{found['comic']}?panel=2"
    page.goto(f"{prefix}/")
    found["audience"] = page.locator(".audience-list a").first.get_attribute("href")
    slug = found["audience"].rstrip("/").rsplit("/", 1)[-1]
    found["library-filtered"] = f"{prefix}/lessons/?audience={slug}&format=video"
    return found


@pytest.fixture(scope="module")
def all_urls(browser, site_url):
    page = browser.new_page(base_url=site_url)
    try:
        return {language: find_urls(page, language) for language in SEARCH_WORDS}
    finally:
        page.close()


@pytest.fixture(scope="module")
def urls(all_urls):
    return all_urls["en"]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(
    "name",
    ["home", "library", "library-filtered", "video", "comic", "comic-panel", "case", "spot",
     "search", "search-empty", "audience"],
)
def test_axe_no_serious_violations(page, all_urls, check_axe, name, language):
    url = all_urls[language][name]
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language
    check_axe(page, f"{name} ({url})")


def test_axe_on_phone_with_larger_text(new_context, urls, check_axe):
    context = new_context(viewport={"width": 375, "height": 740}, is_mobile=True,
                          has_touch=True)
    page = context.new_page()
    page.goto("/")
    page.evaluate("localStorage.setItem('scamsense:text-size', 'large')")
    for name in ("home", "video", "comic", "spot"):
        page.goto(urls[name])
        assert "text-large" in page.locator("html").get_attribute("class")
        check_axe(page, f"{name} at 375 px, larger text")


def test_skip_link_is_first_and_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const el = document.activeElement;
                   const box = el.getBoundingClientRect();
                   return {cls: el.className, href: el.getAttribute('href'),
                           visible: box.width > 0 && box.height > 0 && box.top >= 0
                                    && box.left >= 0 && box.bottom <= innerHeight}; }"""
    )
    assert "skip-link" in focused["cls"], f"first Tab stop is not the skip link: {focused}"
    assert focused["href"] == "#main"
    assert focused["visible"], "the focused skip link is not visible on screen"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


def test_larger_text_toggle_is_remembered_without_cookies(context, page, urls):
    root = page.locator("html")
    font_size = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"

    page.goto("/")
    toggle = page.locator("[data-text-size-toggle]")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-pressed") == "false"
    normal = page.evaluate(font_size)

    toggle.click()
    assert "text-large" in (root.get_attribute("class") or "")
    assert toggle.get_attribute("aria-pressed") == "true"
    large = page.evaluate(font_size)
    assert large > normal, f"text did not grow: {normal}px → {large}px"

    page.reload()
    assert "text-large" in (root.get_attribute("class") or "")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate(font_size) == large
    assert page.evaluate("localStorage.getItem('scamsense:text-size')") == "large"

    page.goto(urls["video"])  # remembered on the next page too
    assert "text-large" in (root.get_attribute("class") or "")

    toggle.click()
    assert "text-large" not in (root.get_attribute("class") or "")
    page.reload()
    assert "text-large" not in (root.get_attribute("class") or "")
    assert page.evaluate(font_size) == normal

    for name in ("library", "comic", "case", "search", "audience"):
        page.goto(urls[name])
    assert context.cookies() == [], f"the public site set cookies: {context.cookies()}"


@pytest.mark.parametrize("name", ["home", "library", "video", "comic", "case", "spot"])
def test_usable_at_200_percent_zoom(new_context, urls, check_no_hscroll, name):
    # 200 % zoom of a 1280 px window: a 640 px layout viewport at twice the pixel density,
    # and, stricter than browser zoom, the root font size doubled too (text-only resize).
    context = new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    page.goto(urls[name])
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page.evaluate("() => new Promise(requestAnimationFrame)")
    check_no_hscroll(page, f"{name} at 200 % zoom")
    # The main content is still reachable: the heading fits inside the viewport's width.
    box = page.locator("main h1").first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 640 + 0.5, box
