"""Consumer-protection review in the browser: an editor submits a lesson, a reviewer ticks the
checklist and approves, and the lesson is live on the public site. The same in Chinese: the
editor translates a lesson and a scam alert with wagtail-localize and sends each to the
review, the reviewer approves it on the dashboard, and it is live. Plus the scam-alert banner.

Data comes from the session's demo site (tests/e2e/conftest.py): the demo logins are made with
`create_demo_admin`, and a draft lesson and an alert with `manage.py shell`, in its environment.
"""

import re
import time
from pathlib import Path

import pytest

from tests.e2e.helpers import demo_logins, manage

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]

SLUG = "e2e-review-lesson"
TITLE = "The invoice that changed bank (review test)"

MAKE_DRAFT = f"""
from education.models import CaseStudy
source = CaseStudy.objects.live().order_by("pk").first()
draft = CaseStudy.objects.filter(slug={SLUG!r}).first() or source.copy(
    update_attrs={{"title": {TITLE!r}, "draft_title": {TITLE!r}, "slug": {SLUG!r}}},
    keep_live=False, copy_revisions=False, log_action=None,
)
draft.save_revision()
print(draft.pk)
"""

MAKE_ALERT = """
import datetime
from django.utils import timezone
from reviews.models import ScamAlert
now = timezone.now()
alert = ScamAlert.objects.create(
    title="E2E alert", severity="urgent", live=True, link_url="https://www.example.gov/alert",
    message="Texts asking for a parcel re-delivery fee are a scam. Do not pay.",
    starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(days=1),
)
alert.save_revision().publish()
"""

REMOVE_ALERT = "from reviews.models import ScamAlert; ScamAlert.objects.all().delete()"




@pytest.fixture(scope="module")
def demo(site_url, site_env):
    logins = demo_logins(site_env)
    page_id = int(manage(site_env, "shell", "-c", MAKE_DRAFT).split()[-1])
    return {"logins": logins, "page_id": page_id}


def log_in(context, logins, username):
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", logins[username])
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def test_editor_submits_reviewer_approves_lesson_goes_live(new_context, demo, check_axe):
    public = new_context().new_page()
    assert public.goto(f"/lessons/{SLUG}/").status == 404

    editor = log_in(new_context(), demo["logins"], "editor")
    editor.goto(f"/admin/pages/{demo['page_id']}/edit/")
    assert editor.locator("button[name=action-publish]").count() == 0
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Consumer-protection review").click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    assert "submitted for moderation" in editor.locator(".messages").inner_text()
    assert public.goto(f"/lessons/{SLUG}/").status == 404  # not before the review

    reviewer = log_in(new_context(), demo["logins"], "reviewer")
    assert TITLE in reviewer.locator("#awaiting-review-section").inner_text()
    reviewer.goto(f"/admin/pages/{demo['page_id']}/edit/")
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Approve with checklist").click()
    modal = reviewer.locator(".modal-content")
    boxes = modal.locator("input[name=checklist]")
    boxes.first.wait_for()
    assert boxes.count() == 8
    for index in range(7):
        boxes.nth(index).check()
    modal.get_by_role("button", name="Approve with checklist").click()
    error = modal.get_by_text("Approval needs every point of the checklist ticked")
    error.wait_for()
    assert "hotlines" in error.inner_text()

    for index in range(8):
        modal.locator("input[name=checklist]").nth(index).check()
    modal.get_by_label("Comment").fill("Checked against the police notice.")
    modal.get_by_role("button", name="Approve with checklist").click()
    reviewer.wait_for_url(re.compile(r"/admin/pages/\d+/$"))

    response = public.goto(f"/lessons/{SLUG}/")
    assert response.status == 200
    assert public.locator("h1").inner_text().strip() == TITLE
    check_axe(public, "approved lesson")


@pytest.fixture
def live_alert(site_env, site_url):
    manage(site_env, "shell", "-c", MAKE_ALERT)
    yield
    manage(site_env, "shell", "-c", REMOVE_ALERT)
    time.sleep(1.2)  # the server re-reads the page-cache generation once a second


@pytest.mark.parametrize("width", [1280, 375])
def test_the_scam_alert_banner_is_accessible(new_context, live_alert, check_axe,
                                            check_no_hscroll, width):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto("/")
    banner = page.get_by_role("region", name="Scam alert")
    assert "parcel re-delivery fee are a scam" in banner.inner_text()
    assert banner.get_by_role("link", name="What to do").get_attribute("href") == (
        "https://www.example.gov/alert"
    )
    check_axe(page, f"home with a scam alert at {width} px")
    check_no_hscroll(page, f"home with a scam alert at {width} px")


# --- Translations go through the same review ---------------------------------------------------

TR_SLUG = "e2e-translate-lesson"
TR_TITLE = "The invoice that changed bank (translation test)"
ZH_TITLE = "发票换了银行账户（翻译测试）"
ZH_ALERT = "要求支付包裹改派费的短信是诈骗，请勿付款。"

# Chinese texts typed in advance for every string but the title (which the editor types in
# the browser), as a translator working through the lesson would have done.
SEED_LESSON = f"""
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource
from education.models import CaseStudy
english = Locale.objects.get(language_code="en")
zh = Locale.objects.get(language_code="zh-hans")
source = CaseStudy.objects.live().filter(locale=english).order_by("pk").first()
page = CaseStudy.objects.filter(slug={TR_SLUG!r}, locale=english).first() or source.copy(
    update_attrs={{"title": {TR_TITLE!r}, "draft_title": {TR_TITLE!r}, "slug": {TR_SLUG!r}}},
    keep_live=False, copy_revisions=False, log_action=None,
)
page.save_revision().publish()
strings, _ = TranslationSource.get_or_create_from_instance(page)
for segment in strings.stringsegment_set.select_related("string", "context"):
    if segment.string.data != {TR_TITLE!r}:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=zh, context=segment.context,
            defaults={{"data": "译：" + segment.string.data}},
        )
print(page.pk)
"""

SEED_ALERT = f"""
import datetime
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource
from reviews.models import ScamAlert
now = timezone.now()
alert = ScamAlert.objects.create(
    title="E2E alert to translate", severity="urgent", live=True,
    message="Texts asking for a parcel re-delivery fee are a scam. Do not pay.",
    starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(days=1),
)
alert.save_revision().publish()
zh = Locale.objects.get(language_code="zh-hans")
words = {{"E2E alert to translate": "待翻译的警报", "What to do": "怎么办",
          "Texts asking for a parcel re-delivery fee are a scam. Do not pay.": {ZH_ALERT!r}}}
strings, _ = TranslationSource.get_or_create_from_instance(alert)
for segment in strings.stringsegment_set.select_related("string", "context"):
    StringTranslation.objects.update_or_create(
        translation_of=segment.string, locale=zh, context=segment.context,
        defaults={{"data": words[segment.string.data]}},
    )
print(alert.pk)
"""


def translate_and_send(editor, submit_url):
    """On wagtail-localize's "Translate" form, then "Send to the consumer-protection review"."""
    editor.goto(submit_url)
    for box in editor.locator("input[name=locales]").all():
        box.check()
    editor.get_by_role("button", name="Submit").click()
    editor.wait_for_url(re.compile(r"/edit/"))
    return editor


def send_to_review(editor):
    editor.get_by_role("link", name="Send to the consumer-protection review").click()
    editor.get_by_role("button", name="Submit to Consumer-protection review").click()
    editor.wait_for_load_state()
    assert "sent to the consumer-protection review" in editor.locator(".messages").inner_text()


def approve_on_dashboard(reviewer, title):
    reviewer.goto("/admin/")
    row = reviewer.locator("#awaiting-review-section tr", has_text=title)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve with checklist").click()
    modal = reviewer.locator(".modal-content")
    modal.locator("input[name=checklist]").first.wait_for()
    for box in modal.locator("input[name=checklist]").all():
        box.check()
    modal.get_by_role("button", name="Approve with checklist").click()
    modal.wait_for(state="detached")


def eventually(check, seconds=5.0):
    """The server re-reads the page-cache generation once a second."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline
        time.sleep(0.3)


def test_an_editor_translates_a_lesson_and_the_chinese_lesson_is_live_after_review(
    new_context, demo, site_env, check_axe,
):
    page_id = int(manage(site_env, "shell", "-c", SEED_LESSON).split()[-1])
    public = new_context().new_page()
    assert public.goto(f"/zh-hans/lessons/{TR_SLUG}/").status == 404

    editor = log_in(new_context(), demo["logins"], "editor")
    submit = f"/admin/localize/submit/page/{page_id}/"
    # "Translate this page" is in the lesson's menu (a dropdown mounted only when opened).
    served = editor.request.get(f"/admin/pages/{page_id}/edit/").text()
    assert submit in served, "Translate this page, in the lesson's menu"
    translate_and_send(editor, submit)
    assert "do not have permission" not in editor.content()
    editor.get_by_role("button", name="Translate", exact=True).first.click()
    editor.locator("textarea").first.fill(ZH_TITLE)
    editor.get_by_role("button", name="Save", exact=True).click()
    editor.get_by_text(ZH_TITLE).first.wait_for()
    editor.get_by_text("Saving...").wait_for(state="detached")
    send_to_review(editor)
    assert public.goto(f"/zh-hans/lessons/{TR_SLUG}/").status == 404  # not before the review

    reviewer = log_in(new_context(), demo["logins"], "reviewer")
    approve_on_dashboard(reviewer, ZH_TITLE)

    eventually(lambda: public.goto(f"/zh-hans/lessons/{TR_SLUG}/").status == 200)
    assert public.locator("h1").inner_text().strip() == ZH_TITLE
    check_axe(public, "Chinese lesson approved in review")


def test_an_editor_translates_a_scam_alert_and_it_shows_in_chinese_after_review(
    new_context, demo, site_env,
):
    alert_id = int(manage(site_env, "shell", "-c", SEED_ALERT).split()[-1])
    try:
        public = new_context().new_page()
        public.goto("/zh-hans/")
        assert ZH_ALERT not in public.content()

        editor = log_in(new_context(), demo["logins"], "editor")
        translate_and_send(editor, f"/admin/localize/submit/snippet/reviews/scamalert/{alert_id}/")
        send_to_review(editor)

        reviewer = log_in(new_context(), demo["logins"], "reviewer")
        approve_on_dashboard(reviewer, "待翻译的警报")

        def shows_in_chinese():
            public.goto("/zh-hans/")
            return ZH_ALERT in public.content()

        eventually(shows_in_chinese)
    finally:
        manage(site_env, "shell", "-c", REMOVE_ALERT)
