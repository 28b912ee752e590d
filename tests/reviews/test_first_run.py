"""What a fresh install shows in the admin must not read as broken (issue 12, part 8)."""

import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_avatars_are_served_by_the_site_itself(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar.com" not in html
    assert "default-user-avatar" in html


# --- "request changes" tells the editor what to fix ----------------------------------------

COMMENT = "Add the source of the loss figure; remove the phone-number field."


@pytest.fixture
def sent_back(make_case, editor, reviewer, submit, decide):
    from tests.reviews.helpers import ALL_TICKED

    page = make_case(title="Invoice fraud", slug="invoice-fraud", live=False)
    submit(page, editor)
    decide(page, reviewer, "reject",
           checklist=[key for key in ALL_TICKED if key != "accurate"], comment=COMMENT)
    return page


def test_the_editor_sees_the_reviewers_comment_on_the_dashboard(client_for, editor,
                                                                reviewer, sent_back):
    html = client_for(editor).get(reverse("wagtailadmin_home")).content.decode()
    assert "Changes requested by a reviewer" in html
    assert COMMENT in html
    assert reverse("wagtailadmin_pages:edit", args=(sent_back.pk,)) in html
    assert "Invoice fraud" in html
    # Only the author's dashboard: the reviewer has nothing to change.
    other = client_for(reviewer).get(reverse("wagtailadmin_home")).content.decode()
    assert COMMENT not in other


def test_the_editor_sees_the_reviewers_comment_on_the_edit_page(client_for, editor, sent_back):
    html = client_for(editor).get(
        reverse("wagtailadmin_pages:edit", args=(sent_back.pk,))).content.decode()
    assert COMMENT in html
    assert "submit it for review again" in html


def test_the_comment_goes_once_the_lesson_is_resubmitted(client_for, editor, sent_back,
                                                         submit):
    from tests.reviews.helpers import case_form, edit_url

    client_for(editor).post(edit_url(sent_back), case_form(sent_back, action="action-submit"))
    html = client_for(editor).get(reverse("wagtailadmin_home")).content.decode()
    assert COMMENT not in html


# --- the demo has reviews on record and a live scam alert ------------------------------------


@pytest.fixture
def demo_users(tmp_path):
    from django.core.management import call_command

    call_command("create_demo_admin", login_file=str(tmp_path / "logins"), stdout=io.StringIO())


def test_demo_lessons_carry_a_review_made_through_the_review(
        client_for, demo_users, make_case, make_video, zh_site, translate):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from reviews.checklist import CHECKLIST_KEYS
    from reviews.models import ReviewDecision, ReviewSchedule, ScamAlert

    lessons = [make_case(title="Invoice fraud"), make_video(title="Stop, check, call")]
    lessons.append(translate(lessons[0], title="发票诈骗"))  # the Chinese tree has no workflow
    admin = get_user_model().objects.get(username="admin")
    before = client_for(admin).get(reverse("wagtailadmin_home")).content.decode()
    assert "overdue for review" in before  # the first-run state that reads as broken

    call_command("load_demo_reviews", stdout=io.StringIO())

    for lesson in lessons:
        decision = ReviewDecision.objects.get(object_id=str(lesson.pk))
        assert decision.decision == ReviewDecision.APPROVED
        assert decision.reviewer.username == "reviewer"
        assert decision.submitted_by.username == "editor"
        assert decision.passed_items == list(CHECKLIST_KEYS) and not decision.failed_items
        assert ReviewSchedule.objects.get(page=lesson).last_decision == decision
    after = client_for(admin).get(reverse("wagtailadmin_home")).content.decode()
    assert "overdue for review" not in after
    alert = ScamAlert.objects.get()
    assert alert.live and alert.is_showing()
    assert ReviewDecision.objects.filter(object_id=str(alert.pk),
                                         decision=ReviewDecision.APPROVED).exists()
    assert "pay a small fee to release a parcel" in client_for(admin).get("/en/").content.decode()

    output = io.StringIO()
    call_command("load_demo_reviews", stdout=output)  # again: nothing changes
    assert "nothing changed" in output.getvalue()
    assert ReviewDecision.objects.count() == 4 and ScamAlert.objects.count() == 1


def test_demo_reviews_need_the_demo_users(db):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="create_demo_admin"):
        call_command("load_demo_reviews")
