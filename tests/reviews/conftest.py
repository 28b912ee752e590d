"""Fixtures for the review tests: the workflow, and its steps through the model API."""

import pytest
from wagtail.models import Workflow

from staff.roles import WORKFLOW_NAME
from tests.reviews.helpers import ALL_TICKED


@pytest.fixture
def review_workflow(db):
    return Workflow.objects.get(name=WORKFLOW_NAME)


@pytest.fixture
def submit(review_workflow):
    """`submit(page, user)`: start the review on the page's latest revision (model API)."""
    def start(page, user):
        return review_workflow.start(page, user)
    return start


@pytest.fixture
def decide():
    """`decide(page, user, action, checklist=..., comment=...)`: the task's own action path."""
    def act(page, user, action="approve", checklist=ALL_TICKED, comment="", **extra):
        page.refresh_from_db()
        task_state = page.current_workflow_task_state
        task_state.task.specific.on_action(
            task_state, user, action, checklist=list(checklist), comment=comment, **extra
        )
        page.refresh_from_db()
        return task_state
    return act
