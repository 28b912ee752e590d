"""Content-Security-Policy in a real browser: no page type reports a violation, public or
admin (the browser fires `securitypolicyviolation` and logs an error for each)."""

import re

import pytest

from tests.e2e.test_accessibility import find_urls
from tests.e2e.test_reports import log_in, marketing_site  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
                              + ` at ${e.sourceFile || ''}:${e.lineNumber || ''}`);
});
"""


@pytest.fixture
def watched(new_context):
    """A page that records CSP violations, from events and from the console."""
    context = new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.csp_console = console
    return page


def violations(page):
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # let deferred scripts run and report
    return page.evaluate("window.__cspViolations || []") + page.csp_console


def scenario_urls(page, language):
    page.goto(f"/{language}/lessons/?format=scenario")
    lesson = page.locator(".lesson-card--scenario .lesson-card__title a").first
    url = lesson.get_attribute("href")
    page.goto(url)
    step = page.locator("a[href*='/step/']").first
    return {"scenario": url, "scenario-step": step.get_attribute("href")}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_public_page_type_reports_a_violation(watched, language):
    urls = {**find_urls(watched, language), **scenario_urls(watched, language)}
    seen = {}
    for name, url in urls.items():
        watched.csp_console.clear()
        response = watched.goto(url)
        assert response.ok, f"{url} answered {response.status}"
        header = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in header and "unsafe-inline" not in header, (url, header)
        found = violations(watched)
        if found:
            seen[f"{name} ({url})"] = found
    assert not seen, seen


def test_no_admin_page_reports_a_violation(new_context, marketing_site):  # noqa: F811
    context = new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = log_in(context)
    console = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text else None)
    seen = {}
    for url in ("/admin/", "/admin/pages/", "/admin/campaigns/reports/",
                "/admin/campaigns/reports/annual/"):
        console.clear()
        response = page.goto(url)
        assert response.ok, f"{url} answered {response.status}"
        assert response.headers.get("content-security-policy"), url
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        found = page.evaluate("window.__cspViolations || []") + console
        if found:
            seen[url] = found
    assert not seen, seen
    assert re.search(r"/admin/", page.url)
