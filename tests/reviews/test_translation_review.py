"""Every language goes through the consumer-protection review, and the same roles work on it.

An editor translates with wagtail-localize, sends the translation to the review, a reviewer
approves it and it is live: for a lesson and for a scam alert, and for a language added later.
"""

import datetime
from urllib.parse import urlencode

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation

from reviews.models import ReviewDecision, ScamAlert
from staff.roles import WORKFLOW_NAME
from tests.reviews.helpers import ALL_TICKED, modal_post

pytestmark = pytest.mark.django_db

ZH_TITLE = "发票换了银行账户"


def type_translations(client, translation, words=None, leave_out=0):
    """Type a Chinese text for each source text, as the translation editor's fields do.

    ``words`` maps source texts to translations (others get "译：" + the source text); the
    last ``leave_out`` texts are left untranslated.
    """
    words = words or {}
    segments = list(
        StringSegment.objects.filter(source=translation.source)
        .select_related("string").order_by("order")
    )
    for segment in segments[: len(segments) - leave_out]:
        url = reverse("wagtail_localize:edit_string_translation",
                      args=(translation.pk, segment.pk))
        text = segment.string.data
        response = client.put(url, urlencode({"value": words.get(text, f"译：{text}")}),
                              content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 201), response.content[:300]
    return len(segments)


def review_url(instance):
    if isinstance(instance, Page):
        return reverse("reviews_submit_page_translation", args=(instance.pk,))
    return reverse("reviews_submit_snippet_translation",
                   args=("reviews", "scamalert", instance.pk))


def approve(client, url_name, obj, task_state):
    url = reverse(url_name, args=(obj.pk, "approve", task_state.pk))
    return modal_post(client, url, {"checklist": ALL_TICKED, "comment": "Checked."})


def test_an_editor_translates_a_lesson_and_its_chinese_page_goes_live_after_review(
    client, client_for, editor, reviewer, make_case, zh, zh_site,
    django_capture_on_commit_callbacks,
):
    lesson = make_case(slug="invoice")
    as_editor = client_for(editor)
    submit = reverse("wagtail_localize:submit_page_translation", args=(lesson.pk,))
    assert submit in as_editor.get(f"/admin/pages/{lesson.pk}/edit/").content.decode(), (
        "Translate this page, in the lesson's menu"
    )
    response = as_editor.post(submit, {"locales": [zh.pk]})
    assert response.status_code == 302
    zh_lesson = Page.objects.get(locale=zh, translation_key=lesson.translation_key).specific
    assert not zh_lesson.live, "a translation is a draft until it is reviewed"

    # The editor is not bounced: the Chinese draft opens in the translation editor, with the
    # way to the review (the editor may not publish, so there is no "Publish" there).
    editor_view = as_editor.get(response["Location"], follow=True)
    assert editor_view.status_code == 200
    assert review_url(zh_lesson) in editor_view.content.decode()
    translation = Translation.objects.get(
        target_locale=zh, source__object_id=lesson.translation_key
    )
    type_translations(as_editor, translation, {lesson.title: ZH_TITLE})

    confirm = as_editor.get(review_url(zh_lesson))
    assert confirm.status_code == 200
    assert "Submit to Consumer-protection review" in confirm.content.decode()
    assert as_editor.post(review_url(zh_lesson)).status_code == 302
    zh_lesson.refresh_from_db()
    assert zh_lesson.workflow_in_progress and not zh_lesson.live
    assert zh_lesson.get_latest_revision().as_object().title == ZH_TITLE
    assert client.get(f"/zh-hans/lessons/{zh_lesson.slug}/").status_code == 404

    as_reviewer = client_for(reviewer)
    dashboard = as_reviewer.get("/admin/").content.decode()
    assert ZH_TITLE in dashboard, "the Chinese lesson waits on the reviewer's dashboard"
    assert as_reviewer.get(f"/admin/pages/{zh_lesson.pk}/edit/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        answer = approve(as_reviewer, "wagtailadmin_pages:workflow_action", zh_lesson,
                         zh_lesson.current_workflow_task_state)
    assert answer["step"] == "success"
    zh_lesson.refresh_from_db()
    assert zh_lesson.live and zh_lesson.title == ZH_TITLE
    assert ReviewDecision.objects.get().object_title == ZH_TITLE
    public = client.get(f"/zh-hans/lessons/{zh_lesson.slug}/")
    assert public.status_code == 200
    assert ZH_TITLE in public.content.decode()


def test_a_translation_with_untranslated_texts_is_sent_back_with_how_many(
    client_for, editor, make_case, zh, zh_site,
):
    lesson = make_case(slug="invoice")
    as_editor = client_for(editor)
    as_editor.post(reverse("wagtail_localize:submit_page_translation", args=(lesson.pk,)),
                   {"locales": [zh.pk]})
    zh_lesson = Page.objects.get(locale=zh, translation_key=lesson.translation_key)
    translation = Translation.objects.get(target_locale=zh)
    type_translations(as_editor, translation, leave_out=2)

    assert "2 texts are not translated yet" in as_editor.get(review_url(zh_lesson)).content.decode()
    response = as_editor.post(review_url(zh_lesson), follow=True)
    assert "2 texts are not translated yet" in response.content.decode()
    zh_lesson.refresh_from_db()
    assert not zh_lesson.workflow_in_progress
    assert not zh_lesson.live


def test_only_those_who_edit_it_send_a_translation_and_only_once(
    client_for, editor, reviewer, marketer, make_case, zh, zh_site, translate,
):
    lesson = make_case(slug="invoice")
    client_for(editor).post(
        reverse("wagtail_localize:submit_page_translation", args=(lesson.pk,)),
        {"locales": [zh.pk]},
    )
    zh_lesson = Page.objects.get(locale=zh, translation_key=lesson.translation_key)
    url = review_url(zh_lesson)
    assert client_for(marketer).get(url).status_code in (302, 403)
    assert client_for(marketer).post(url).status_code in (302, 403)
    type_translations(client_for(editor), Translation.objects.get(target_locale=zh))
    client_for(editor).post(url)
    again = client_for(editor).post(url)
    assert again.status_code == 403, "already in the review"
    zh_lesson.refresh_from_db()
    assert zh_lesson.workflow_states.count() == 1
    # A page that is not a synced translation has nothing to send.
    plain = translate(make_case(title="Copied by hand", slug="by-hand"), title="手工")
    assert client_for(editor).get(review_url(plain)).status_code == 404


def test_an_editor_translates_a_scam_alert_and_a_reviewer_approves_it(
    client, client_for, editor, reviewer, zh, zh_site, django_capture_on_commit_callbacks,
):
    now = timezone.now()
    alert = ScamAlert.objects.create(
        title="Parcel fees", message="Texts asking for a parcel fee are a scam.", live=True,
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(days=1),
    )
    alert.save_revision().publish()
    as_editor = client_for(editor)
    listing = as_editor.get(reverse("wagtailsnippets_reviews_scamalert:list")).content.decode()
    submit = reverse("wagtail_localize:submit_snippet_translation",
                     args=("reviews", "scamalert", alert.pk))
    assert submit in listing, "editors see Translate on an alert"
    assert as_editor.post(submit, {"locales": [zh.pk]}).status_code == 302
    zh_alert = ScamAlert.objects.get(locale=zh)
    assert not zh_alert.live
    edit = as_editor.get(reverse("wagtailsnippets_reviews_scamalert:edit", args=(zh_alert.pk,)))
    assert edit.status_code == 200
    assert review_url(zh_alert) in edit.content.decode()
    type_translations(as_editor, Translation.objects.get(target_locale=zh),
                      {"Texts asking for a parcel fee are a scam.": "要求支付包裹费的短信是诈骗。"})
    listing = as_editor.get(reverse("wagtailsnippets_reviews_scamalert:list")).content.decode()
    assert review_url(zh_alert) in listing
    assert as_editor.post(review_url(zh_alert)).status_code == 302
    zh_alert.refresh_from_db()
    assert zh_alert.workflow_in_progress and not zh_alert.live

    with django_capture_on_commit_callbacks(execute=True):
        answer = approve(client_for(reviewer), "wagtailsnippets_reviews_scamalert:workflow_action",
                         zh_alert, zh_alert.current_workflow_task_state)
    assert answer["step"] == "success"
    zh_alert.refresh_from_db()
    assert zh_alert.live
    assert "要求支付包裹费的短信是诈骗。" in client.get("/zh-hans/").content.decode()


def test_every_language_tree_inherits_the_roles_and_the_review(
    editor, reviewer, administrator, home, make_case, zh_site, translate,
):
    """Permissions and the workflow sit on the tree root: the Chinese pages are covered."""
    zh_lesson = translate(make_case(slug="invoice"), title="课程")
    for page in (home, zh_site["home"], zh_lesson):
        assert page.get_workflow().name == WORKFLOW_NAME
        editing = page.permissions_for_user(editor)
        assert editing.can_edit() and not editing.can_publish()
        reviewing = page.permissions_for_user(reviewer)
        assert reviewing.can_edit() and not reviewing.can_publish()
        assert page.permissions_for_user(administrator).can_publish()
    assert zh_site["library"].permissions_for_user(editor).can_add_subpage()


@override_settings(
    LANGUAGES=[("zh-hans", "简体中文"), ("en", "English"), ("fr", "Français")],
    WAGTAIL_CONTENT_LANGUAGES=[("zh-hans", "简体中文"), ("en", "English"), ("fr", "Français")],
)
def test_a_language_added_later_gets_the_same_roles_and_review(
    client_for, editor, reviewer, home, make_case,
):
    """A new locale synchronised from English (wagtail-localize's sync_trees): nothing to set up."""
    from wagtail_localize.synctree import synchronize_tree

    lesson = make_case(slug="invoice")
    french = Locale.objects.create(language_code="fr")
    synchronize_tree(Locale.objects.get(language_code="en"), french)
    fr_home = Page.objects.get(locale=french, depth=2)
    fr_lesson = Page.objects.get(locale=french, translation_key=lesson.translation_key)
    for page in (fr_home, fr_lesson):
        assert page.get_workflow().name == WORKFLOW_NAME
        assert page.permissions_for_user(editor).can_edit()
        assert not page.permissions_for_user(editor).can_publish()
        assert page.permissions_for_user(reviewer).can_edit()
    assert client_for(editor).get(f"/admin/pages/{fr_home.pk}/").status_code == 200
    assert client_for(reviewer).get(f"/admin/pages/{fr_lesson.pk}/edit/").status_code == 200


def test_marketing_has_no_translations_report_in_the_menu(client_for, marketer, editor):
    report = reverse("wagtail_localize:translations_report")
    assert report not in client_for(marketer).get("/admin/").content.decode()
    assert report in client_for(editor).get("/admin/").content.decode()


def test_translate_is_offered_only_where_the_role_may_add(client_for, editor, administrator):
    """Translating adds an entry: editors translate series, not audiences (admins add those)."""
    from education.models import AudienceSegment, Series

    audience = AudienceSegment.objects.create(name="Seniors", slug="seniors")
    series = Series.objects.create(name="Micro Classroom", slug="micro-classroom")

    def offered(user, model, obj):
        opts = model._meta
        listing = client_for(user).get(
            reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:list")
        ).content.decode()
        return reverse("wagtail_localize:submit_snippet_translation",
                       args=(opts.app_label, opts.model_name, obj.pk)) in listing

    assert offered(editor, Series, series)
    assert not offered(editor, AudienceSegment, audience)
    assert offered(administrator, AudienceSegment, audience)
    refused = client_for(editor).post(
        reverse("wagtail_localize:submit_snippet_translation",
                args=("education", "audiencesegment", audience.pk)),
        {"locales": [Locale.objects.get(language_code="zh-hans").pk]},
    )
    assert refused.status_code == 403
    assert AudienceSegment.objects.count() == 1
