"""Audience and red-flag names on the campaign report follow the admin user's language, with
the default language's name when a term has no translation (issue 12, part 3)."""

import pytest
from django.utils import translation

from campaigns import figures
from education.models import RedFlag
from tests.campaigns.test_reports import (  # noqa: F401
    csv_rows,
    lessons,  # noqa: F401
    report_url,
    world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def chinese_terms(world, taxonomy, translate):  # noqa: F811
    """Chinese translations made after the English terms (so they are the newer rows)."""
    translate(taxonomy["seniors"], name="老年群体")
    translate(taxonomy["residents"], name="新市民")
    flag = RedFlag.objects.get(slug="unexpected-link")
    translate(flag, name="意外短信里的链接")
    return world


def labels(table, column="label"):
    return {str(row[column]) for row in table.rows}


def test_english_admin_sees_english_names(chinese_terms, marketing_en):
    response = marketing_en.get(report_url(chinese_terms["spring"]))
    report = response.context["report"]
    segments = labels(report.tables["segments"])
    assert {"Seniors", "New residents"} <= segments
    assert not segments & {"老年群体", "新市民"}
    flags = labels(report.tables["red_flags"])
    assert "A link in a text you did not expect" in flags and "意外短信里的链接" not in flags
    assert {str(row["label"]) for row in report.red_flag_chart} == flags
    by_segment = labels(report.tables["red_flags_by_segment"], "segment")
    assert "老年群体" not in by_segment and "新市民" not in by_segment
    offline = labels(report.tables["offline"], "segment")
    assert "Seniors" in offline
    exported = csv_rows(marketing_en.get(
        report_url(chinese_terms["spring"], export="csv", table="segments")))
    assert "老年群体" not in {row[0] for row in exported}
    assert "Seniors" in {row[0] for row in exported}


def test_chinese_admin_sees_chinese_names_and_english_where_untranslated(chinese_terms):
    with translation.override("zh-hans"):
        report = figures.campaign_report(chinese_terms["spring"])
    segments = labels(report.tables["segments"])
    assert "老年群体" in segments and "新市民" in segments
    flags = labels(report.tables["red_flags"])
    assert "意外短信里的链接" in flags
    assert "A page asking for your card number" in flags  # no translation: the English name
    assert "老年群体" in labels(report.tables["offline"], "segment")


@pytest.fixture
def marketing_en(client_for, marketer):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(marketer)
    profile.preferred_language = "en"
    profile.save()
    return client_for(marketer)
