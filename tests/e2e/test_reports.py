"""Reach reports in a real browser: a Marketing user opens a campaign's report (charts drawn,
axe-clean), narrows the dates, and downloads the XLSX, whose figures match the page."""

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest

from tests.e2e.helpers import manage

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "e2e-Marketing-pw-42"

MAKE_MARKETER = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user, _ = get_user_model().objects.get_or_create(username="e2e-marketer")
user.set_password("{PASSWORD}")
user.is_superuser = user.is_staff = False
user.save()
user.groups.set([Group.objects.get(name="Marketing")])
"""




@pytest.fixture(scope="module")
def marketing_site(site_env, site_url):
    manage(site_env, "load_demo_reach")
    manage(site_env, "shell", "-c", MAKE_MARKETER)
    return site_url


def log_in(context):
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "e2e-marketer")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def as_date(value):
    return value.date() if isinstance(value, dt.datetime) else value


def card_value(page, key):
    return page.locator(f'[data-figure="{key}"] .reach-card__value').get_attribute("data-value")


def test_marketing_opens_a_report_narrows_the_dates_and_downloads_the_xlsx(
        marketing_site, new_context, check_axe):
    context = new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = log_in(context)
    # the dashboard panel and the Campaigns menu lead to the reports
    assert page.get_by_role("heading", name="Campaign reach this week").is_visible()
    page.get_by_role("button", name="Campaigns").click()
    page.get_by_role("link", name="Reach reports", exact=True).click()
    page.get_by_role("link", name="Spring anti-fraud week").click()
    page.wait_for_selector("canvas[data-chart-drawn]")
    assert page.locator("canvas[data-chart-drawn]").count() >= 1
    assert "Showing the whole campaign" in page.locator("#period-shown").inner_text()
    whole_views = int(card_value(page, "views"))
    assert whole_views > 0
    check_axe(page, "campaign report")

    start = dt.date.fromisoformat(page.locator("#id_start").input_value())
    end = start + dt.timedelta(days=6)
    page.fill("#id_start", start.isoformat())
    page.fill("#id_end", end.isoformat())
    page.get_by_role("button", name="Show these dates").click()
    page.wait_for_url(re.compile(rf"start={start.isoformat()}&end={end.isoformat()}"))
    assert f"Showing {start.isoformat()} to {end.isoformat()}" in page.locator(
        "#period-shown").inner_text()
    views = int(card_value(page, "views"))
    visitor_days = int(card_value(page, "visitor_days"))
    assert 0 < views < whole_views
    page.wait_for_selector("canvas[data-chart-drawn]")
    check_axe(page, "campaign report, a week")

    page.get_by_role("button", name="Actions").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download all tables (XLSX)").click()
    download = info.value
    assert download.suggested_filename == (
        f"reach-spring-anti-fraud-week-{start.isoformat()}-{end.isoformat()}.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row}
    assert [as_date(about["From"]), as_date(about["To (inclusive)"])] == [start, end]
    figures = {row[0]: row[1] for row in book["Headline figures"].iter_rows(
        min_row=2, values_only=True)}
    assert figures["Views"] == views and figures["Visitor-days"] == visitor_days
    daily = list(book["Daily figures"].iter_rows(min_row=2, values_only=True))
    assert len(daily) == 7 and sum(row[2] for row in daily) == views


def test_a_bad_date_gets_a_message_not_an_error_page(marketing_site, new_context):
    page = log_in(new_context(viewport={"width": 1280, "height": 900}))
    page.goto("/admin/campaigns/reports/")
    page.get_by_role("link", name="Spring anti-fraud week").click()
    page.goto(page.url + "?start=2026-02-30&end=2026-01-01")
    alert = page.get_by_role("alert").filter(has_text="could not be filtered")
    assert "Enter the start as YYYY-MM-DD." in alert.inner_text()
    assert "Showing the whole campaign" in page.locator("#period-shown").inner_text()


def test_the_other_report_screens_are_accessible(marketing_site, new_context, check_axe):
    page = log_in(new_context(viewport={"width": 1280, "height": 900}))
    page.goto("/admin/campaigns/reports/")
    check_axe(page, "reach reports")
    for box in page.get_by_role("checkbox").all()[:2]:
        box.check()
    page.get_by_role("button", name="Compare the ticked campaigns").click()
    page.get_by_role("heading", name="Campaigns compared (whole campaigns)").wait_for()
    check_axe(page, "comparison")
    page.goto("/admin/campaigns/reports/annual/")
    page.locator('[data-figure="lessons_published"]').wait_for()
    check_axe(page, "annual report")
    page.get_by_role("link", name="Print-ready page").first.click()
    page.get_by_role("button", name="Print").wait_for(state="visible")  # shown by the script
    check_axe(page, "annual report, print page")
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Print").is_visible()


def test_the_report_fits_a_narrow_screen(marketing_site, new_context, check_no_hscroll):
    """200 % zoom on a 1280 px screen: wide tables scroll in their own region, not the page."""
    page = log_in(new_context(viewport={"width": 640, "height": 900}))
    for url in ("/admin/campaigns/reports/", "/admin/campaigns/reports/annual/", "/admin/"):
        page.goto(url)
        check_no_hscroll(page)
    page.goto("/admin/campaigns/reports/")
    page.get_by_role("link", name="Spring anti-fraud week").click()
    page.wait_for_selector("canvas[data-chart-drawn]")
    check_no_hscroll(page, "campaign report at 640 px")
