"""The site-wide scam alert: published through the same review, shown while it runs, cheap."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from reviews.models import ReviewDecision, ScamAlert
from tests.reviews.helpers import ALL_TICKED, localize, modal_post

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def snippet_url(name, *args):
    return reverse(f"wagtailsnippets_reviews_scamalert:{name}", args=args)


@pytest.fixture
def make_alert(db):
    def make(message="Texts about unpaid parcel fees are a scam.", live=True, starts=-HOUR,
             ends=24 * HOUR, **fields):
        now = timezone.now()
        alert = ScamAlert(
            title=fields.pop("title", message[:40]), message=message, live=live,
            starts_at=now + starts, ends_at=now + ends, **fields,
        )
        alert.save()
        alert.save_revision()
        return alert
    return make


def alert_form(action, **changes):
    now = timezone.now()
    data = {
        "title": "Parcel fee texts", "severity": "urgent",
        "message": "Texts asking for a parcel fee are a scam: do not click the link.",
        "link_page": "", "link_url": "https://www.example.gov/parcel-scam", "link_text": "",
        "starts_at": (now - HOUR).strftime("%Y-%m-%d %H:%M"),
        "ends_at": (now + 48 * HOUR).strftime("%Y-%m-%d %H:%M"),
    }
    data.update(changes)
    data[action] = "1"
    return data


def banner(client, url="/en/"):
    html = client.get(url).content.decode()
    if 'class="scam-alerts"' not in html:
        return ""
    return html.split('class="scam-alerts"', 1)[1].split("</section>", 1)[0]


def test_no_banner_without_an_alert(client, home):
    assert banner(client) == ""


def test_a_live_alert_shows_on_every_public_page_while_it_runs(client, make_alert, make_case,
                                                                library):
    lesson = make_case(title="Parcel scams", slug="parcel-scams")
    make_alert(link_page=lesson, link_text="How to spot it", severity="urgent")
    for url in ("/en/", "/en/lessons/", lesson.url, "/en/search/?q=parcel"):
        shown = banner(client, url)
        assert "Texts about unpaid parcel fees are a scam." in shown, url
        assert f'href="{lesson.url}"' in shown and "How to spot it" in shown
        assert "Urgent scam alert:" in shown


@pytest.mark.parametrize(
    "when", [{"live": False}, {"starts": HOUR}, {"starts": -48 * HOUR, "ends": -HOUR}],
    ids=["draft", "not-started", "ended"],
)
def test_an_alert_is_hidden_when_unpublished_or_outside_its_time(client, make_alert, home,
                                                                  when):
    make_alert(**when)
    assert banner(client) == ""


def test_urgent_alerts_come_first(client, make_alert, home):
    make_alert("A notice about fake prize draws.", severity="notice")
    make_alert("Fake police calls right now.", severity="urgent")
    shown = banner(client)
    assert shown.index("Fake police calls") < shown.index("fake prize draws")


def test_an_alert_goes_through_the_review_before_it_shows(
    client, client_for, editor, reviewer, home, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    editor_client = client_for(editor)
    response = editor_client.post(snippet_url("add"), alert_form("action-publish"))
    alert = ScamAlert.objects.get()
    assert not alert.live, "an editor's forged publish must not publish"
    assert banner(client) == ""  # and the home page is now in the page cache

    response = editor_client.post(snippet_url("edit", alert.pk), alert_form("action-submit"))
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.workflow_in_progress and not alert.live

    task_state = alert.current_workflow_task_state
    url = snippet_url("workflow_action", alert.pk, "approve", task_state.pk)
    refused = modal_post(client_for(reviewer), url, {"checklist": ALL_TICKED[2:]})
    assert refused["step"] == "action"
    with django_capture_on_commit_callbacks(execute=True):
        approved = modal_post(client_for(reviewer), url, {"checklist": ALL_TICKED})
    assert approved["step"] == "success"
    alert.refresh_from_db()
    assert alert.live
    assert ReviewDecision.objects.get().object_title == "Parcel fee texts"
    assert "Texts asking for a parcel fee are a scam" in banner(client)  # cache purged


def test_reviewers_preview_the_draft_alert_as_the_public_will_see_it(
    client_for, editor, reviewer, make_alert, review_workflow, home
):
    alert = make_alert(message="Draft: fake bank texts.", live=False)
    review_workflow.start(alert, editor)
    task = alert.current_workflow_task
    response = client_for(reviewer).get(snippet_url("workflow_preview", alert.pk, task.pk))
    assert response.status_code == 200
    assert "Draft: fake bank texts." in response.content.decode()


def test_the_banner_costs_no_query_once_cached(make_alert, home, django_assert_num_queries):
    make_alert()
    template = Template("{% load scam_alerts %}{% scam_alert_banner %}")
    request = RequestFactory().get("/")
    first = template.render(Context({"request": request}))
    with django_assert_num_queries(0):
        assert template.render(Context({"request": request})) == first
    assert "parcel fees" in first


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"ends_at": "2020-01-01 10:00"}, "must stop showing after it starts"),
        ({"link_page": "home"}, "not both"),
    ],
)
def test_a_badly_set_alert_is_refused_with_a_reason(client_for, editor, home, changes, message):
    if changes.get("link_page") == "home":
        changes = {"link_page": str(home.pk)}
    response = client_for(editor).post(snippet_url("add"), alert_form("action-submit", **changes))
    assert message in response.content.decode()
    assert not ScamAlert.objects.exists()


def test_the_not_found_page_stays_cheap_and_goes_without(client, make_alert, home):
    make_alert()
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert 'class="scam-alerts"' not in response.content.decode()


def test_a_database_error_leaves_the_banner_out(make_alert, home, monkeypatch):
    from django.db import OperationalError

    from reviews.templatetags import scam_alerts

    def broken():
        raise OperationalError("database is down")

    monkeypatch.setattr(scam_alerts, "_live_alerts", broken)
    template = Template("{% load scam_alerts %}{% scam_alert_banner %}")
    assert template.render(Context({"request": RequestFactory().get("/")})) == ""


# --- Languages: each alert in the reader's language, or its original ------------------------

EN_MESSAGE = "Texts about unpaid parcel fees are a scam."
ZH_MESSAGE = "催缴包裹费的短信是骗局。"


def test_a_chinese_page_shows_the_chinese_alert_and_an_english_page_the_english(
    client, make_alert, zh, zh_site
):
    alert = make_alert(EN_MESSAGE, link_url="https://www.example.gov/parcel",
                       link_text="Read the notice")
    translated = localize(alert, zh, {EN_MESSAGE: ZH_MESSAGE, "Read the notice": "阅读公告"})
    assert translated.live and translated.locale == zh
    assert translated.translation_key == alert.translation_key
    # synchronised (times to the millisecond a revision keeps)
    assert (translated.severity, translated.link_url) == (alert.severity, alert.link_url)
    assert abs(translated.starts_at - alert.starts_at) < datetime.timedelta(milliseconds=1)
    assert abs(translated.ends_at - alert.ends_at) < datetime.timedelta(milliseconds=1)

    chinese = banner(client, "/zh-hans/")
    assert ZH_MESSAGE in chinese and "阅读公告" in chinese
    assert EN_MESSAGE not in chinese and "lang=" not in chinese
    english = banner(client, "/en/")
    assert EN_MESSAGE in english and ZH_MESSAGE not in english and "lang=" not in english


@pytest.mark.parametrize("translation", ["none", "draft", "ended"])
def test_an_alert_not_yet_in_the_readers_language_shows_in_its_own_language(
    client, make_alert, zh, zh_site, translation
):
    alert = make_alert(EN_MESSAGE, link_url="https://www.example.gov/parcel",
                       link_text="Read the notice")
    if translation != "none":
        translated = localize(alert, zh, {EN_MESSAGE: ZH_MESSAGE},
                              publish=translation == "ended")
        if translation == "ended":  # a translation not synced since the original was extended
            ScamAlert.objects.filter(pk=translated.pk).update(ends_at=timezone.now() - HOUR)
    chinese = banner(client, "/zh-hans/")
    assert f'<span lang="en">{EN_MESSAGE}</span>' in chinese
    assert 'lang="en">Read the notice</a>' in chinese
    assert ZH_MESSAGE not in chinese
    assert chinese.count('class="scam-alert ') == 1


def test_an_alert_written_in_chinese_shows_on_english_pages_marked_as_chinese(
    client, make_alert, zh, zh_site
):
    make_alert(ZH_MESSAGE, locale=zh)
    assert f'<span lang="zh-hans">{ZH_MESSAGE}</span>' in banner(client, "/en/")
    assert "lang=" not in banner(client, "/zh-hans/")


def test_the_lesson_link_goes_to_the_lesson_in_the_readers_language(
    client, make_alert, make_case, library, zh, zh_site, translate
):
    lesson = make_case(title="Parcel scams", slug="parcel-scams")
    untranslated = make_case(title="Only in English", slug="only-in-english")
    zh_lesson = translate(lesson, title="包裹骗局")
    first = make_alert(EN_MESSAGE, link_page=lesson)
    second = make_alert("Fake courier calls.", link_page=untranslated)
    for alert in (first, second):
        localize(alert, zh, {EN_MESSAGE: ZH_MESSAGE, "Fake courier calls.": "假快递电话。"})
    assert ScamAlert.objects.get(locale=zh, translation_key=first.translation_key) \
        .link_page_id == lesson.pk  # the link is kept; the banner localises it
    chinese = banner(client, "/zh-hans/")
    assert f'href="{zh_lesson.url}"' in chinese
    assert f'href="{untranslated.url}"' in chinese  # no translation yet: the original
    english = banner(client, "/en/")
    assert f'href="{lesson.url}"' in english and zh_lesson.url not in english


def test_the_banner_reads_alerts_in_a_fixed_number_of_queries(
    make_alert, make_case, zh, zh_site, translate, django_assert_max_num_queries
):
    from django.utils import translation

    from reviews.templatetags.scam_alerts import _live_alerts

    for n in range(5):
        lesson = make_case(title=f"Lesson {n}", slug=f"lesson-{n}")
        translate(lesson, title=f"课程 {n}")
        alert = make_alert(f"Alert {n}.", link_page=lesson)
        localize(alert, zh, {f"Alert {n}.": f"警报 {n}。"})
    with translation.override("zh-hans"):
        _live_alerts()  # locale ids and page routing, once per generation
        with django_assert_max_num_queries(2):  # the alerts, the lessons in Chinese
            groups = _live_alerts()
    assert len(groups) == 5
    assert all("警报" in group[0][3] for group in groups)


def test_administrators_can_translate_an_alert_in_the_snippet_admin(
    client_for, administrator, editor, make_alert, zh
):
    alert = make_alert(EN_MESSAGE)
    listing = client_for(administrator).get(snippet_url("list")).content.decode()
    submit = reverse("wagtail_localize:submit_snippet_translation",
                     args=("reviews", "scamalert", alert.pk))
    assert submit in listing
    response = client_for(administrator).post(submit, {"locales": [zh.pk]})
    assert response.status_code == 302
    translated = ScamAlert.objects.get(locale=zh)
    assert translated.translation_key == alert.translation_key
    assert not translated.live, "a translation is a draft until it is reviewed or published"
    editor_view = client_for(administrator).get(snippet_url("edit", translated.pk))
    assert editor_view.status_code == 200
    assert "wagtail-localize" in editor_view.content.decode().lower()
