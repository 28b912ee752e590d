"""The "How to report a scam" box: one entry per language, translated with wagtail-localize,
shown in the reader's language (else the default language's), edited under Settings."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale

from education.models import ReportScamBox
from staff.roles import ADMINISTRATORS, EDITORS, MARKETING, REVIEWERS
from tests.reviews.helpers import localize

pytestmark = pytest.mark.django_db

ADVICE_EN = "Hang up and call your bank."
ADVICE_ZH = "挂断电话，打给你的银行。"


def box_html(client, url):
    html = client.get(url).content.decode()
    assert 'class="report-box"' in html, url
    return html.split('class="report-box"', 1)[1].split("</aside>", 1)[0]


@pytest.fixture
def english_box(db):
    """The default language's entry (the migration made it from the old setting)."""
    box = ReportScamBox.objects.get(locale=Locale.get_default())
    box.heading = "How to report a scam"
    box.advice = f"<p>{ADVICE_EN}</p>"
    box.channels = [("channel", {"name": "Police", "phone": "110", "url": "",
                                 "note": "If you have lost money"})]
    box.save()
    return box


@pytest.fixture
def chinese_box(english_box, zh):
    return localize(english_box, zh, {
        "How to report a scam": "如何举报诈骗", ADVICE_EN: ADVICE_ZH, "Police": "报警",
        "If you have lost money": "如果已经被骗钱",
    })


def test_the_migration_left_one_entry_in_the_default_language(db):
    box = ReportScamBox.objects.get()
    assert box.locale == Locale.get_default()


def test_each_language_shows_its_own_box(client, chinese_box, make_case, zh_site):
    assert chinese_box.locale.language_code == "zh-hans"
    assert chinese_box.translation_key == ReportScamBox.objects.get(locale__language_code="en") \
        .translation_key
    chinese = box_html(client, "/zh-hans/")
    assert "如何举报诈骗" in chinese and ADVICE_ZH in chinese and "报警" in chinese
    assert 'href="tel:110"' in chinese and ADVICE_EN not in chinese and "lang=" not in chinese
    english = box_html(client, "/en/")
    assert ADVICE_EN in english and "Police" in english and ADVICE_ZH not in english
    assert "lang=" not in english
    lesson = make_case()
    assert ADVICE_EN in box_html(client, lesson.url)


def test_a_language_without_its_box_gets_the_default_one_marked_with_its_language(
    client, english_box, zh_site
):
    chinese = box_html(client, "/zh-hans/")
    assert f'<div lang="en"><p>{ADVICE_EN}</p></div>' in chinese
    assert 'id="report-heading" lang="en">How to report a scam</h2>' in chinese
    assert '<strong lang="en">Police</strong>' in chinese


def test_with_no_box_at_all_the_page_still_says_what_to_do(client, home):
    ReportScamBox.objects.all().delete()
    assert "Call your bank" in box_html(client, "/en/")


def test_an_empty_default_box_gives_way_to_the_readers_own_default_text(client, zh_site):
    """An entry nobody filled in says nothing but its English default heading."""
    chinese = box_html(client, "/zh-hans/")
    assert "怎样举报诈骗" in chinese and "lang=" not in chinese
    assert "How to report a scam" in box_html(client, "/en/")


def test_saving_or_deleting_a_box_updates_every_page(
    client, chinese_box, zh_site, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    assert ADVICE_ZH in box_html(client, "/zh-hans/")  # now cached
    chinese_box.advice = "<p>先挂断。</p>"
    with django_capture_on_commit_callbacks(execute=True):
        chinese_box.save()
    assert "先挂断。" in box_html(client, "/zh-hans/")
    with django_capture_on_commit_callbacks(execute=True):
        chinese_box.delete()
    assert ADVICE_EN in box_html(client, "/zh-hans/")


def test_the_box_costs_no_query_once_cached(english_box, django_assert_num_queries):
    from django.template import Context, Template
    from django.test import RequestFactory

    template = Template("{% load education_tags %}{% report_scam_box %}")
    request = RequestFactory().get("/")
    first = template.render(Context({"request": request}))
    with django_assert_num_queries(0):
        assert template.render(Context({"request": request})) == first


def test_a_second_box_in_the_same_language_is_refused(admin_client, english_box):
    url = reverse("wagtailsnippets_education_reportscambox:add") + "?locale=en"
    response = admin_client.post(url, {
        "heading": "Another", "advice": '{"blocks": [], "entityMap": {}}',
        "channels-count": "0",
    })
    assert response.status_code == 200
    assert "already has its" in response.content.decode()
    assert ReportScamBox.objects.count() == 1


# --- Admin: under Settings, for whoever could change the setting ---------------------------

ROLES = {EDITORS: False, REVIEWERS: False, MARKETING: False, ADMINISTRATORS: True}


@pytest.mark.parametrize("group", list(ROLES))
def test_who_can_edit_and_translate_the_box(make_user, client_for, english_box, zh, group):
    user = make_user("someone", group)
    client = client_for(user)
    allowed = ROLES[group]
    edit = reverse("wagtailsnippets_education_reportscambox:edit", args=(english_box.pk,))
    menu = client.get("/admin/").content.decode()
    assert (reverse("wagtailsnippets_education_reportscambox:list") in menu) is allowed
    response = client.post(edit, {
        "heading": "Report a scam", "advice": '{"blocks": [], "entityMap": {}}',
        "channels-count": "0",
    })
    english_box.refresh_from_db()
    assert (english_box.heading == "Report a scam") is allowed, response.status_code
    listing = client.get(reverse("wagtailsnippets_education_reportscambox:list"))
    submit = reverse("wagtail_localize:submit_snippet_translation",
                     args=("education", "reportscambox", english_box.pk))
    assert (listing.status_code == 200 and submit in listing.content.decode()) is allowed
    if allowed:
        assert client.post(submit, {"locales": [zh.pk]}).status_code == 302
        assert ReportScamBox.objects.filter(locale=zh).exists()


def test_the_groups_hold_the_box_permissions():
    holders = {
        group.name for group in Group.objects.filter(
            permissions__codename="change_reportscambox"
        )
    }
    assert holders == {ADMINISTRATORS}
