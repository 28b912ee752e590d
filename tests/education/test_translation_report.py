"""The lesson translation report (Reports menu): each lesson's state per language, how "out of
date" is decided (wagtail-localize sync and strings; publication dates without it), filters,
exports, who may see it, and a query count that does not grow with the lessons."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from education import translation_report as report

pytestmark = pytest.mark.django_db

URL = "/admin/reports/lesson-translations/"


def localize(page, zh):
    """Translate the page into Chinese with wagtail-localize (as "Translate this page" does)."""
    source, _created = TranslationSource.get_or_create_from_instance(page.specific)
    translation = Translation.objects.create(source=source, target_locale=zh)
    publish(translation)
    return source, translation


def publish(translation):
    """save_target publishes when the transaction commits: run that in the test."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)


def translate_strings(source, zh):
    """Translate every string of the source into Chinese."""
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string, locale=zh, context=segment.context,
            defaults={"data": f"中文 {segment.string.data}", "translation_type": "manual"},
        )


def republish(page):
    page = page.specific
    page.refresh_from_db()
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def cells_by_title(rows):
    return {row.title: {c.language: c for c in row.cells} for row in rows}


@pytest.fixture
def lessons(zh, zh_site, translate, make_video, make_comic, make_case, make_scenario):
    """One lesson in each state for Chinese (English is every lesson's source)."""
    up_to_date = make_video(title="Synced and translated")
    source, _t = localize(up_to_date, zh)
    translate_strings(source, zh)
    publish(Translation.objects.get(source=source))

    strings_missing = make_comic(title="Strings missing")
    localize(strings_missing, zh)

    source_changed = make_case(title="Source changed", slug="source-changed")
    changed_source, _t = localize(source_changed, zh)
    translate_strings(changed_source, zh)
    publish(Translation.objects.get(source=changed_source))
    TranslationSource.objects.filter(pk=changed_source.pk).update(  # synced an hour ago
        last_updated_at=timezone.now() - dt.timedelta(hours=1))
    changed_source.refresh_from_db()
    republish(source_changed)

    copied_ok = make_scenario(title="Copied, newer than source")
    translate(copied_ok, title="复制的场景")

    copied_stale = make_case(title="Copied, source newer", slug="copied-stale")
    stale_copy = translate(copied_stale, title="旧的复制")
    type(stale_copy).objects.filter(pk=stale_copy.pk).update(
        last_published_at=timezone.now() - dt.timedelta(hours=1))

    draft = make_case(title="Draft translation", slug="draft-translation")
    zh_draft = draft.specific.copy_for_translation(zh)
    zh_draft.save_revision()

    missing = make_video(title="Not translated", slug="not-translated")
    return {"up_to_date": up_to_date, "strings_missing": strings_missing,
            "source_changed": source_changed, "copied_ok": copied_ok,
            "copied_stale": copied_stale, "draft": draft, "missing": missing,
            "changed_source": changed_source}


# --- the statuses ------------------------------------------------------------------------------


def test_each_lesson_gets_its_status_per_language(lessons):
    rows = cells_by_title(report.lesson_rows())
    expected = {
        "Synced and translated": report.UP_TO_DATE,
        "Strings missing": report.OUT_OF_DATE,
        "Source changed": report.OUT_OF_DATE,
        "Copied, newer than source": report.UP_TO_DATE,
        "Copied, source newer": report.OUT_OF_DATE,
        "Draft translation": report.DRAFT,
        "Not translated": report.MISSING,
    }
    assert {title: rows[title]["zh-hans"].status for title in expected} == expected
    assert all(rows[title]["en"].status == report.SOURCE for title in expected)
    # only lessons: the home and library translations are not rows
    assert set(rows) == set(expected)

    synced = rows["Synced and translated"]["zh-hans"]
    assert synced.synced and synced.untranslated == 0 and not synced.source_changed
    missing_strings = rows["Strings missing"]["zh-hans"]
    assert missing_strings.untranslated > 0 and not missing_strings.source_changed
    assert any("untranslated" in d for d in missing_strings.details)
    changed = rows["Source changed"]["zh-hans"]
    assert changed.source_changed and changed.untranslated == 0
    assert changed.sync_url == reverse("wagtail_localize:update_translations",
                                       args=(lessons["changed_source"].pk,))
    copied = rows["Copied, newer than source"]["zh-hans"]
    assert not copied.synced and any("freshness unknown" in d for d in copied.details)
    assert rows["Copied, source newer"]["zh-hans"].newer_source
    assert rows["Not translated"]["zh-hans"].page_id is None


def test_untranslated_strings_are_counted_as_wagtail_localize_counts_them(lessons, zh):
    rows = cells_by_title(report.lesson_rows())
    for title, page in [("Strings missing", lessons["strings_missing"]),
                        ("Synced and translated", lessons["up_to_date"])]:
        translation = Translation.objects.get(source__object_id=page.translation_key)
        total, done = translation.get_progress()
        assert rows[title]["zh-hans"].untranslated == total - done


def test_syncing_and_translating_brings_a_lesson_up_to_date(lessons, zh):
    source = lessons["changed_source"]
    source.update_from_db()  # "Sync translated pages"
    translate_strings(source, zh)
    publish(Translation.objects.get(source=source))
    rows = cells_by_title(report.lesson_rows())
    assert rows["Source changed"]["zh-hans"].status == report.UP_TO_DATE

    # synced again, but the translation was not published since: out of date
    source.update_from_db()
    cell = cells_by_title(report.lesson_rows())["Source changed"]["zh-hans"]
    assert cell.status == report.OUT_OF_DATE and cell.not_published_since_sync


def test_a_chinese_source_is_judged_from_chinese(zh, zh_site, make_case, library):
    """The source is the TranslationSource's locale, not the default language."""
    english = make_case(title="Started in English", slug="started-in-english")
    chinese = english.specific.copy_for_translation(zh)
    chinese.title = "中文原文"
    chinese.save_revision().publish()
    chinese.refresh_from_db()
    TranslationSource.get_or_create_from_instance(chinese)
    Translation.objects.create(
        source=TranslationSource.objects.get(locale=zh), target_locale=english.locale)
    row = next(r for r in report.lesson_rows() if r.translation_key == str(english.translation_key))
    assert row.source_language == "zh-hans" and row.title == "中文原文"
    assert {c.language: c.status for c in row.cells}["zh-hans"] == report.SOURCE


# --- the screen, filters and exports ------------------------------------------------------------


@pytest.fixture
def editor_client(client_for, editor):
    return client_for(editor)


def test_the_report_lists_lessons_with_status_and_links(lessons, editor_client):
    response = editor_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lesson translations" in html
    for title in ["Synced and translated", "Strings missing", "Not translated"]:
        assert title in html
    assert 'data-status="out_of_date"' in html and 'data-status="missing"' in html
    assert 'data-status="draft"' in html and 'data-status="up_to_date"' in html
    edit = reverse("wagtailadmin_pages:edit", args=(lessons["missing"].pk,))
    assert edit in html
    assert "Open the translation editor" in html


def test_sync_and_translate_links_need_the_localize_permission(lessons, client_for, editor,
                                                                make_user):
    sync = reverse("wagtail_localize:update_translations", args=(lessons["changed_source"].pk,))
    submit = reverse("wagtail_localize:submit_page_translation", args=(lessons["missing"].pk,))
    from django.contrib.auth.models import Permission

    submit_permission = Permission.objects.get(codename="submit_translation")
    for group in editor.groups.all():  # whatever the role migrations grant
        group.permissions.remove(submit_permission)
    assert not type(editor).objects.get(pk=editor.pk).has_perm(
        "wagtail_localize.submit_translation")
    html = client_for(editor).get(URL).content.decode()
    assert sync not in html and submit not in html
    html = client_for(make_user("root", superuser=True)).get(URL).content.decode()
    assert sync in html and submit in html
    # only where the source changed since the last sync
    other = reverse("wagtail_localize:update_translations",
                    args=(TranslationSource.objects.get(
                        object_id=lessons["strings_missing"].translation_key).pk,))
    assert other not in html


@pytest.mark.parametrize("query, titles", [
    ("status=missing", {"Not translated"}),
    ("status=draft", {"Draft translation"}),
    ("status=out_of_date", {"Strings missing", "Source changed", "Copied, source newer"}),
    ("status=up_to_date", {"Synced and translated", "Copied, newer than source"}),
    ("status=missing&language=en", set()),
    ("status=out_of_date&lesson_format=comic", {"Strings missing"}),
    ("lesson_format=video", {"Synced and translated", "Not translated"}),
])
def test_filters_by_status_language_and_format(lessons, editor_client, query, titles):
    response = editor_client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert {row.title for row in response.context["object_list"]} == titles
    results = editor_client.get(f"{URL}results/?{query}")
    assert results.status_code == 200


def test_a_bad_filter_value_is_ignored_with_a_message(lessons, editor_client):
    response = editor_client.get(f"{URL}?status=nonsense")
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 7


def test_csv_and_xlsx_exports(lessons, editor_client, make_case):
    make_case(title="=HYPERLINK(\"http://evil.example\")", slug="evil")
    response = editor_client.get(f"{URL}?export=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Lesson", "Format", "Source language"]
    assert "Status (简体中文)" in rows[0] and "Details (English)" in rows[0]
    by_title = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_title["Not translated"]["Status (简体中文)"] == "Missing"
    assert by_title["Strings missing"]["Status (简体中文)"] == "Out of date"
    assert "untranslated" in by_title["Strings missing"]["Details (简体中文)"]
    assert "'=HYPERLINK(\"http://evil.example\")" in by_title  # neutralised

    response = editor_client.get(f"{URL}?export=xlsx&status=missing")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Lesson"
    assert {row[0] for row in values[1:]} == {"Not translated", "=HYPERLINK(\"http://evil.example\")"}


# --- permissions ------------------------------------------------------------------------------


ROLES = ["anonymous", "editor", "reviewer", "marketing", "administrators group", "superuser"]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_the_report(lessons, role, client, client_for, editor, reviewer, marketer,
                                administrator, make_user):
    users = {"editor": editor, "reviewer": reviewer, "marketing": marketer,
             "administrators group": administrator,
             "superuser": make_user("root", superuser=True)}
    browser = client if role == "anonymous" else client_for(users[role])
    for url in [URL, f"{URL}results/", f"{URL}?export=csv", f"{URL}?export=xlsx"]:
        response = browser.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        elif role == "marketing":
            assert response.status_code == 403, url
            assert "Not translated" not in response.content.decode()
            if url == URL:  # the page says who may see it and how to get access
                assert "editors, reviewers and administrators" in response.content.decode()
        else:
            assert response.status_code == 200, (role, url)
    if role != "anonymous":
        menu = browser.get("/admin/").content.decode()
        assert (URL in menu) == (role != "marketing")


# --- query counts -------------------------------------------------------------------------------

ROW_QUERIES = 6  # education.translation_report.lesson_rows, whatever the number of lessons


def test_query_count_does_not_grow_with_lessons(lessons, zh, editor_client, make_video,
                                                django_assert_num_queries):
    with django_assert_num_queries(ROW_QUERIES):
        report.lesson_rows()

    def page_queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(URL).status_code == 200
        return len(captured)

    def export_queries():
        with CaptureQueriesContext(connection) as captured:
            response = editor_client.get(f"{URL}?export=xlsx")
            b"".join(response.streaming_content)
        return len(captured)

    before = (page_queries(), export_queries())
    for n in range(4):
        page = make_video(title=f"More {n}", slug=f"more-{n}")
        source, _t = localize(page, zh)
        if n % 2:
            translate_strings(source, zh)
    assert (page_queries(), export_queries()) == before
    with django_assert_num_queries(ROW_QUERIES):
        assert len(report.lesson_rows()) == 11
