"""What a fresh install shows in the admin must not read as broken (issue 12, part 8)."""

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
