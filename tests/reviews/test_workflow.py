"""Every lesson goes through the consumer-protection review before the public sees it."""

import datetime
import json

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from education.models import CaseStudy
from reviews.checklist import CHECKLIST_KEYS
from reviews.models import ReviewDecision, ReviewSchedule
from tests.reviews.helpers import (
    ALL_TICKED,
    case_form,
    edit_url,
    edit_view_action,
    frozen_now,
    modal_post,
    workflow_action_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_case):
    return make_case(title="Invoice fraud", slug="invoice-fraud", live=False)


@pytest.fixture
def in_review(draft, editor, submit):
    """A draft case study the editor has submitted for review."""
    submit(draft, editor)
    draft.refresh_from_db()
    return draft


def task_state_of(page):
    return page.current_workflow_task_state


# --- Editors cannot publish ----------------------------------------------------------------


def test_the_workflow_covers_every_lesson(draft, review_workflow):
    assert draft.get_workflow() == review_workflow


def test_editor_sees_submit_for_review_but_no_publish_button(client_for, editor, draft):
    html = client_for(editor).get(edit_url(draft)).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_a_forged_publish_from_an_editor_publishes_nothing(client_for, editor, draft):
    data = case_form(draft, action="action-publish", summary="Published behind review's back")
    response = client_for(editor).post(edit_url(draft), data)
    assert response.status_code == 302  # Wagtail saves a draft instead
    draft.refresh_from_db()
    assert not draft.live
    assert draft.live_revision is None
    assert not draft.workflow_in_progress


def test_a_forged_publish_cannot_change_a_live_lesson(client_for, editor, make_case):
    page = make_case(title="Live lesson", slug="live-lesson")
    data = case_form(page, action="action-publish", summary="Changed without review")
    client_for(editor).post(edit_url(page), data)
    page.refresh_from_db()
    assert page.summary != "Changed without review"
    assert page.has_unpublished_changes


def test_editors_cannot_publish_through_bulk_actions(client_for, editor, draft):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client_for(editor).post(f"{url}?id={draft.pk}", {"include_descendants": ""})
    draft.refresh_from_db()
    assert not draft.live


def test_editors_cannot_change_a_lesson_while_it_is_in_review(client_for, editor, in_review):
    client_for(editor).post(edit_url(in_review), case_form(in_review, summary="Sneaked in"))
    assert in_review.get_latest_revision_as_object().summary != "Sneaked in"


# --- Submitting ----------------------------------------------------------------------------


def test_submitting_for_review_e_mails_the_reviewers(
    client_for, editor, reviewer, second_reviewer, marketer, draft
):
    response = client_for(editor).post(edit_url(draft), case_form(draft, action="action-submit"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live
    to_reviewers = [m for m in mail.outbox if reviewer.email in m.to]
    assert to_reviewers, [m.to for m in mail.outbox]
    assert "Invoice fraud" in to_reviewers[0].subject
    assert reverse("wagtailadmin_pages:edit", args=(draft.pk,)) in to_reviewers[0].body
    recipients = {address for message in mail.outbox for address in message.to}
    assert second_reviewer.email in recipients
    assert editor.email not in recipients and marketer.email not in recipients


def test_reviewers_see_what_waits_for_them_on_the_dashboard(client_for, reviewer, in_review):
    html = client_for(reviewer).get("/admin/").content.decode()
    assert "Awaiting your review" in html and "Invoice fraud" in html


def test_reviewers_can_preview_the_draft_as_the_public_will_see_it(
    client_for, reviewer, in_review
):
    task = task_state_of(in_review).task
    url = reverse("wagtailadmin_pages:workflow_preview", args=(in_review.pk, task.pk))
    response = client_for(reviewer).get(url)
    assert response.status_code == 200
    assert "A shop owner paid an invoice." in response.content.decode()


def test_reviewers_can_compare_the_submitted_version_with_the_live_one(
    client_for, editor, reviewer, make_case, submit
):
    page = make_case(title="Live lesson", slug="live-lesson")
    page.summary = "A changed summary."
    page.save_revision(user=editor)
    submit(page, editor)
    url = reverse("wagtailadmin_pages:revisions_compare",
                  args=(page.pk, "live", page.get_latest_revision().pk))
    response = client_for(reviewer).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Summary" in html and "changed" in html and 'class="addition"' in html


# --- The checklist -------------------------------------------------------------------------


def test_approval_with_an_unticked_item_is_refused_with_a_message(
    client_for, reviewer, in_review
):
    answer = modal_post(
        client_for(reviewer), workflow_action_url(in_review, "approve", task_state_of(in_review)),
        {"checklist": ALL_TICKED[:-1], "comment": ""},
    )
    assert answer["step"] == "action"  # the modal is shown again, with the error
    assert "Approval needs every point of the checklist ticked" in answer["html"]
    assert "reporting channels and hotlines" in answer["html"]
    in_review.refresh_from_db()
    assert not in_review.live
    assert task_state_of(in_review).status == TaskState.STATUS_IN_PROGRESS
    assert not ReviewDecision.objects.exists()


def test_approval_from_the_edit_view_without_the_checklist_is_refused(
    client_for, reviewer, in_review
):
    client = client_for(reviewer)
    data = edit_view_action(in_review, "approve", checklist=[])
    response = client.post(edit_url(in_review), data, follow=True)
    assert "Approval needs every point of the checklist ticked" in response.content.decode()
    in_review.refresh_from_db()
    assert not in_review.live and in_review.workflow_in_progress
    assert not ReviewDecision.objects.exists()


def test_the_task_itself_refuses_an_incomplete_checklist(reviewer, in_review, decide):
    with pytest.raises(PermissionDenied):
        decide(in_review, reviewer, "approve", checklist=ALL_TICKED[1:])
    in_review.refresh_from_db()
    assert not in_review.live


def test_rejection_without_a_comment_is_refused(client_for, reviewer, in_review):
    answer = modal_post(
        client_for(reviewer), workflow_action_url(in_review, "reject", task_state_of(in_review)),
        {"checklist": ALL_TICKED[:3], "comment": "   "},
    )
    assert answer["step"] == "action"
    assert "a comment is required to request changes" in answer["html"]
    assert task_state_of(in_review).status == TaskState.STATUS_IN_PROGRESS


def test_rejection_without_a_comment_from_the_edit_view_is_refused(
    client_for, reviewer, in_review
):
    response = client_for(reviewer).post(
        edit_url(in_review), edit_view_action(in_review, "reject", comment=""), follow=True
    )
    assert "a comment is required to request changes" in response.content.decode()
    assert task_state_of(in_review).status == TaskState.STATUS_IN_PROGRESS


def test_a_malformed_checklist_is_refused(client_for, reviewer, in_review):
    data = case_form(in_review)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve",
                 "workflow-action-extra-data": "not json"})
    response = client_for(reviewer).post(edit_url(in_review), data, follow=True)
    assert "The review could not be read" in response.content.decode()
    in_review.refresh_from_db()
    assert not in_review.live


# --- Decisions -----------------------------------------------------------------------------


def test_approval_publishes_the_lesson_and_records_the_review(client_for, reviewer, in_review):
    answer = modal_post(
        client_for(reviewer), workflow_action_url(in_review, "approve", task_state_of(in_review)),
        {"checklist": ALL_TICKED, "comment": "Sources checked.", "review_months": "6"},
    )
    assert answer["step"] == "success"
    in_review.refresh_from_db()
    assert in_review.live and not in_review.has_unpublished_changes
    decision = ReviewDecision.objects.get()
    assert decision.decision == ReviewDecision.APPROVED
    assert decision.reviewer == reviewer and decision.submitted_by.username == "editor"
    assert decision.passed_items == CHECKLIST_KEYS and decision.failed_items == []
    assert decision.comment == "Sources checked."
    assert decision.revision_id == in_review.live_revision_id
    schedule = ReviewSchedule.objects.get(page_id=in_review.pk)
    reviewed = timezone.localdate(decision.decided_at)
    assert schedule.last_reviewed_at == decision.decided_at
    assert (schedule.review_due - reviewed).days in range(181, 185)  # six months


def test_edits_made_during_the_review_need_their_own_approval(
    client_for, reviewer, in_review, decide
):
    """Approving from the edit view with changes approves the submitted version; the edited
    version is then reviewed in turn (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT)."""
    data = edit_view_action(in_review, "approve", summary="Clearer summary by the reviewer.")
    response = client_for(reviewer).post(edit_url(in_review), data)
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert not in_review.live and in_review.workflow_in_progress
    assert task_state_of(in_review).revision_id == in_review.latest_revision_id
    assert not ReviewSchedule.objects.exists()

    decide(in_review, reviewer, "approve")
    assert in_review.live and in_review.summary == "Clearer summary by the reviewer."
    assert ReviewDecision.objects.filter(decision=ReviewDecision.APPROVED).count() == 2
    assert ReviewSchedule.objects.filter(page_id=in_review.pk).exists()


def test_the_default_next_review_is_in_twelve_months(reviewer, in_review, decide):
    decide(in_review, reviewer, "approve")
    schedule = ReviewSchedule.objects.get(page_id=in_review.pk)
    reviewed = timezone.localdate(schedule.last_reviewed_at)
    assert schedule.review_due.year == reviewed.year + 1
    assert schedule.review_due.month == reviewed.month


def test_rejection_records_the_unticked_points_and_tells_the_author(
    client_for, reviewer, editor, in_review
):
    mail.outbox.clear()
    answer = modal_post(
        client_for(reviewer), workflow_action_url(in_review, "reject", task_state_of(in_review)),
        {"checklist": [key for key in ALL_TICKED if key not in ("accurate", "privacy")],
         "comment": "Add the source of the loss figure; remove the phone-number field."},
    )
    assert answer["step"] == "success"
    in_review.refresh_from_db()
    assert not in_review.live
    assert in_review.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    decision = ReviewDecision.objects.get()
    assert decision.decision == ReviewDecision.CHANGES_REQUESTED
    assert decision.failed_items == ["accurate", "privacy"]
    assert not ReviewSchedule.objects.exists()
    to_author = [m for m in mail.outbox if editor.email in m.to]
    assert to_author and "loss figure" in to_author[0].body


def test_approval_of_a_lesson_with_a_go_live_date_schedules_it(
    editor, reviewer, draft, submit, decide
):
    go_live = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    draft.go_live_at = go_live
    draft.save_revision(user=editor)
    submit(draft, editor)
    decide(draft, reviewer, "approve")
    assert not draft.live
    revision = draft.get_latest_revision()
    assert revision.approved_go_live_at == go_live
    assert draft.status_string == "scheduled"

    # publish_scheduled (cron or systemd timer; `make run` on start) publishes it when due
    with frozen_now(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    draft.refresh_from_db()
    assert draft.live


def test_an_edit_after_approval_goes_back_to_review(
    client_for, editor, reviewer, in_review, decide
):
    assert settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is True
    decide(in_review, reviewer, "approve")
    assert in_review.live
    approved_revision = in_review.live_revision_id

    client = client_for(editor)
    client.post(edit_url(in_review), case_form(in_review, summary="A new, unreviewed claim."))
    in_review.refresh_from_db()
    assert in_review.has_unpublished_changes and in_review.live_revision_id == approved_revision
    assert in_review.summary != "A new, unreviewed claim."

    client.post(edit_url(in_review), case_form(
        in_review, action="action-submit", summary="A new, unreviewed claim."
    ))
    in_review.refresh_from_db()
    assert in_review.workflow_in_progress
    assert task_state_of(in_review).status == TaskState.STATUS_IN_PROGRESS
    assert in_review.live_revision_id == approved_revision
    live = CaseStudy.objects.get(pk=in_review.pk)
    assert live.summary != "A new, unreviewed claim."

    decide(in_review, reviewer, "approve")
    assert CaseStudy.objects.get(pk=in_review.pk).summary == "A new, unreviewed claim."
    assert ReviewDecision.objects.count() == 2


def test_a_resubmission_after_changes_is_reviewed_again(
    client_for, editor, reviewer, in_review, decide
):
    decide(in_review, reviewer, "reject", checklist=ALL_TICKED[1:], comment="Source it.")
    client_for(editor).post(
        edit_url(in_review), case_form(in_review, action="action-submit", summary="Sourced.")
    )
    in_review.refresh_from_db()
    assert task_state_of(in_review).status == TaskState.STATUS_IN_PROGRESS
    decide(in_review, reviewer, "approve")
    assert in_review.live and in_review.summary == "Sourced."
    assert list(ReviewDecision.objects.order_by("pk").values_list("decision", flat=True)) == [
        ReviewDecision.CHANGES_REQUESTED, ReviewDecision.APPROVED,
    ]


def test_nobody_approves_their_own_submission(client_for, reviewer, second_reviewer, draft,
                                              submit):
    submit(draft, reviewer)
    draft.refresh_from_db()
    task_state = task_state_of(draft)
    task = task_state.task.specific
    assert task.get_actions(draft, reviewer) == []
    assert [name for name, *_ in task.get_actions(draft, second_reviewer)] == [
        "reject", "approve"
    ]
    response = client_for(reviewer).post(
        workflow_action_url(draft, "approve", task_state), {"checklist": ALL_TICKED}
    )
    assert response.status_code in (302, 403)
    draft.refresh_from_db()
    assert not draft.live
    html = client_for(reviewer).get("/admin/").content.decode()
    assert "Awaiting your review" not in html
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, reviewer, "approve", checklist=ALL_TICKED)


def test_editors_and_marketing_cannot_approve(client_for, editor, marketer, in_review):
    task_state = task_state_of(in_review)
    for user in (editor, marketer):
        response = client_for(user).post(
            workflow_action_url(in_review, "approve", task_state),
            {"checklist": ALL_TICKED, "comment": ""},
        )
        assert response.status_code in (302, 403)
    in_review.refresh_from_db()
    assert not in_review.live
    assert not ReviewDecision.objects.exists()


def test_the_decision_is_in_the_workflow_history(client_for, reviewer, in_review, decide):
    decide(in_review, reviewer, "reject", checklist=[], comment="Rewrite for seniors.")
    url = reverse("wagtailadmin_pages:workflow_history", args=(in_review.pk,))
    assert client_for(reviewer).get(url).status_code == 200
    task_state = TaskState.objects.get()
    assert task_state.comment == "Rewrite for seniors."
    assert json.loads(json.dumps(ReviewDecision.objects.get().failed_items)) == CHECKLIST_KEYS
