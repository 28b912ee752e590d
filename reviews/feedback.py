"""What a reviewer asked to change, told to the editor where they work.

Wagtail records "request changes" as a rejected task with its comment in the workflow
history; an editor sees only the status there. Here the recorded decision (comment and the
checklist points not met) is shown on the editor's dashboard and on the edit page of the
item, for as long as it waits for their changes (the workflow state "needs changes").
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, WorkflowState

from .models import ReviewDecision


@dataclass
class ChangesRequested:
    title: str
    comment: str
    points_not_met: str
    reviewer: str
    decided_at: object
    edit_url: str


def _edit_url(decision):
    model = decision.content_type.model_class()
    if model is not None and issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=(decision.object_id,))
    viewset = getattr(model, "snippet_viewset", None)
    try:
        return reverse(viewset.get_url_name("edit"), args=(decision.object_id,)) if viewset else ""
    except NoReverseMatch:
        return ""


def _from_decision(decision):
    return ChangesRequested(
        title=decision.object_title, comment=decision.comment,
        points_not_met=decision.failed_labels, reviewer=decision.reviewer_name,
        decided_at=decision.decided_at, edit_url=_edit_url(decision),
    )


def _latest_requests(states):
    """The latest "changes requested" decision of each of these workflow states."""
    decisions = (
        ReviewDecision.objects.filter(
            task_state__workflow_state__in=states, decision=ReviewDecision.CHANGES_REQUESTED
        )
        .select_related("content_type", "task_state")
        .order_by("-decided_at", "-pk")
    )
    latest = {}
    for decision in decisions:
        latest.setdefault(decision.task_state.workflow_state_id, decision)
    return list(latest.values())


def changes_requested_of(user):
    """What reviewers sent back to this user and still waits for their changes."""
    states = WorkflowState.objects.filter(
        requested_by=user, status=WorkflowState.STATUS_NEEDS_CHANGES
    )
    return [_from_decision(decision) for decision in _latest_requests(states)]


def changes_requested_on(obj):
    """The reviewer's request on this page or snippet while it waits for changes, or None."""
    state = obj.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    found = _latest_requests(WorkflowState.objects.filter(pk=state.pk))
    return _from_decision(found[0]) if found else None


