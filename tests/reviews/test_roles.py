"""The four roles exist out of the box, and each reaches exactly the admin areas it should.

ACCESS below is the table of admin areas and the roles allowed into each; one test runs per
role and area. A new admin area (a campaign screen, a report) is one more row.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
)

from reviews.models import ConsumerProtectionReviewTask, ScamAlert
from staff.roles import ADMINISTRATORS, EDITORS, MARKETING, REVIEWERS, WORKFLOW_NAME

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
EDITOR, REVIEWER, MARKETER, ADMIN = "editor", "reviewer", "marketing", "administrator"
ROLES = (ANONYMOUS, EDITOR, REVIEWER, MARKETER, ADMIN)

# area: (URL, given the objects below, roles allowed in)
ACCESS = {
    "dashboard": ("/admin/", {EDITOR, REVIEWER, MARKETER, ADMIN}),
    "pages: explorer": ("/admin/pages/{home}/", {EDITOR, REVIEWER, ADMIN}),
    "pages: new lesson": ("/admin/pages/add/education/casestudy/{library}/", {EDITOR, ADMIN}),
    "pages: edit lesson": ("/admin/pages/{lesson}/edit/", {EDITOR, REVIEWER, ADMIN}),
    "pages: lesson history": ("/admin/pages/{lesson}/history/", {EDITOR, REVIEWER, ADMIN}),
    # The Chinese tree: the same roles as the English one (permissions sit on the tree root).
    "pages: explorer, Chinese": ("/admin/pages/{zh_home}/", {EDITOR, REVIEWER, ADMIN}),
    "pages: new lesson, Chinese": (
        "/admin/pages/add/education/casestudy/{zh_library}/", {EDITOR, ADMIN}
    ),
    "pages: edit lesson, Chinese": ("/admin/pages/{zh_lesson}/edit/", {EDITOR, REVIEWER, ADMIN}),
    "pages: lesson history, Chinese": (
        "/admin/pages/{zh_lesson}/history/", {EDITOR, REVIEWER, ADMIN}
    ),
    "pages: translate a lesson": ("/admin/localize/submit/page/{lesson}/", {EDITOR, ADMIN}),
    "snippets: translate a scam alert": (
        "/admin/localize/submit/snippet/reviews/scamalert/{alert}/", {EDITOR, ADMIN}
    ),
    "snippets: translate a series": (
        "/admin/localize/submit/snippet/education/series/{series}/", {EDITOR, ADMIN}
    ),
    "snippets: translate an audience": (
        "/admin/localize/submit/snippet/education/audiencesegment/{audience}/", {ADMIN}
    ),
    "settings: translate how to report a scam": (
        "/admin/localize/submit/snippet/education/reportscambox/{report_box}/", {ADMIN}
    ),
    "snippets: edit a scam alert, Chinese": (
        "/admin/snippets/reviews/scamalert/edit/{zh_alert}/", {EDITOR, REVIEWER, ADMIN}
    ),
    "snippets: edit a series, Chinese": (
        "/admin/snippets/education/series/edit/{zh_series}/", {EDITOR, ADMIN}
    ),
    "snippets: red flags": ("/admin/snippets/education/redflag/", {EDITOR, REVIEWER, ADMIN}),
    "snippets: new red flag": ("/admin/snippets/education/redflag/add/", {EDITOR, ADMIN}),
    "snippets: scam alerts": ("/admin/snippets/reviews/scamalert/", {EDITOR, REVIEWER, ADMIN}),
    "snippets: new scam alert": (
        "/admin/snippets/reviews/scamalert/add/", {EDITOR, REVIEWER, ADMIN}
    ),
    "snippets: series": ("/admin/snippets/education/series/", {EDITOR, REVIEWER, ADMIN}),
    "snippets: new scam type": ("/admin/snippets/education/scamtype/add/", {EDITOR, ADMIN}),
    "snippets: new audience": ("/admin/snippets/education/audiencesegment/add/", {ADMIN}),
    "settings: how to report a scam": ("/admin/snippets/education/reportscambox/", {ADMIN}),
    "settings: how to report a scam, edit": (
        "/admin/snippets/education/reportscambox/edit/{report_box}/", {ADMIN}
    ),
    "settings: how to report a scam, old address": (
        "/admin/settings/education/reportscamsettings/", {ADMIN}
    ),
    "images": ("/admin/images/", {EDITOR, ADMIN}),
    # Images and documents someone else uploaded (editors edit and delete only their own).
    "images: edit": ("/admin/images/{image}/", {ADMIN}),
    "images: delete": ("/admin/images/{image}/delete/", {ADMIN}),
    "documents": ("/admin/documents/", {EDITOR, ADMIN}),
    "documents: edit": ("/admin/documents/edit/{document}/", {ADMIN}),
    "documents: delete": ("/admin/documents/delete/{document}/", {ADMIN}),
    "media": ("/admin/media/", {EDITOR, ADMIN}),
    "reports: reviews": ("/admin/reports/reviews/", {REVIEWER, MARKETER, ADMIN}),
    "reports: reviews export": ("/admin/reports/reviews/?export=csv", {REVIEWER, MARKETER, ADMIN}),
    "reports: review due": ("/admin/reports/review-due/", {EDITOR, REVIEWER, ADMIN}),
    "reports: workflows": ("/admin/reports/workflow/", {EDITOR, REVIEWER, ADMIN}),
    "reports: lesson translations": (
        "/admin/reports/lesson-translations/", {EDITOR, REVIEWER, ADMIN}
    ),
    "reports: translations (wagtail-localize)": (
        "/admin/localize/reports/translations/", {EDITOR, REVIEWER, ADMIN}
    ),
    "reports: translations (wagtail-localize), results": (
        "/admin/localize/reports/translations/results/", {EDITOR, REVIEWER, ADMIN}
    ),
    "users": ("/admin/users/", {ADMIN}),
    "groups": ("/admin/groups/", {ADMIN}),
    "workflows": ("/admin/workflows/list/", {ADMIN}),
    # Campaigns (the campaigns app): add a row for each new campaign area.
    "campaigns": ("/admin/campaigns/", {MARKETER, ADMIN}),
    "campaigns: new campaign": ("/admin/campaigns/new/", {MARKETER, ADMIN}),
    "reports: reach": ("/admin/campaigns/reports/", {MARKETER, ADMIN}),
    "reports: annual report": ("/admin/campaigns/reports/annual/", {MARKETER, ADMIN}),
    # The read API's tokens (reach_api; revoking: tests/reach_api/test_admin.py)
    "settings: API tokens": ("/admin/api-tokens/", {ADMIN}),
    "settings: new API token": ("/admin/api-tokens/new/", {ADMIN}),
}


def new_alert(message):
    """A scam alert running now, with a revision (as the admin saves one)."""
    import datetime

    from django.utils import timezone

    now = timezone.now()
    alert = ScamAlert.objects.create(
        title=message[:40], message=message, live=True, starts_at=now,
        ends_at=now + datetime.timedelta(days=1),
    )
    alert.save_revision()
    return alert


@pytest.fixture
def users(editor, reviewer, marketer, administrator):
    return {ANONYMOUS: None, EDITOR: editor, REVIEWER: reviewer, MARKETER: marketer,
            ADMIN: administrator}


@pytest.fixture
def objects(home, library, make_case, make_image, zh_site, translate, zh):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from education.models import AudienceSegment, ReportScamBox, Series
    from tests.reviews.helpers import localize

    lesson = make_case()
    zh_lesson = translate(make_case(title="Translated lesson", slug="translated"), title="课程")
    alert = new_alert("Parcel-fee texts are a scam.")
    zh_alert = localize(new_alert("Fake refund calls."), zh, {}, publish=False)
    series = Series.objects.create(name="Micro Classroom", slug="micro-classroom")
    untranslated = Series.objects.create(name="Notebook", slug="notebook")
    audience = AudienceSegment.objects.create(name="Seniors", slug="seniors")
    document = get_document_model().objects.create(
        title="Leaflet", file=ContentFile(b"%PDF-1.4 leaflet", name="leaflet.pdf")
    )
    return {"home": home.pk, "library": library.pk, "lesson": lesson.pk,
            "report_box": ReportScamBox.objects.get().pk,
            "zh_home": zh_site["home"].pk, "zh_library": zh_site["library"].pk,
            "zh_lesson": zh_lesson.pk, "alert": alert.pk, "zh_alert": zh_alert.pk,
            "zh_series": translate(series, name="微课堂").pk,
            "series": untranslated.pk, "audience": audience.pk,
            "image": make_image("Someone else's poster").pk, "document": document.pk}


def opens(client, url):
    """True when the area answers; False when the user is refused or sent away."""
    response = client.get(url, follow=True)
    if response.status_code == 403:
        return False
    assert response.status_code == 200, (url, response.status_code)
    final = response.redirect_chain[-1][0] if response.redirect_chain else url
    return "/login/" not in final and not (final.rstrip("/") == "/admin" and url != "/admin/")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("area", list(ACCESS))
def test_each_role_reaches_exactly_its_admin_areas(client_for, users, objects, role, area):
    url, allowed = ACCESS[area]
    url = url.format(**objects)
    client = client_for(users[role]) if users[role] else Client()
    assert opens(client, url) is (role in allowed), (
        f"{role} {'should' if role in allowed else 'should not'} reach {area} ({url})"
    )


@pytest.mark.parametrize("group", [EDITORS, REVIEWERS, MARKETING, ADMINISTRATORS])
def test_the_roles_exist_with_admin_access(group):
    assert Group.objects.get(name=group).permissions.filter(codename="access_admin").exists()


def test_marketing_holds_no_page_or_content_permission():
    """Campaign permissions are granted by the campaigns app; nothing else creeps in."""
    marketing = Group.objects.get(name=MARKETING)
    assert not GroupPagePermission.objects.filter(group=marketing).exists()
    assert not GroupCollectionPermission.objects.filter(group=marketing).exists()
    apps = set(marketing.permissions.values_list("content_type__app_label", flat=True))
    assert apps <= {"wagtailadmin", "reviews", "campaigns"}
    reviews = set(
        marketing.permissions.filter(content_type__app_label="reviews")
        .values_list("codename", flat=True)
    )
    assert reviews == {"view_reviews_report"}


def test_only_administrators_can_publish_outside_the_review():
    publishers = set(
        GroupPagePermission.objects.filter(permission__codename="publish_page")
        .values_list("group__name", flat=True)
    )
    assert publishers == {ADMINISTRATORS}
    alert_publishers = Permission.objects.get(
        content_type=ContentType.objects.get_for_model(ScamAlert), codename="publish_scamalert"
    ).group_set.values_list("name", flat=True)
    assert set(alert_publishers) == {ADMINISTRATORS}


def test_editors_and_reviewers_hold_no_campaign_permission():
    for name in (EDITORS, REVIEWERS):
        group = Group.objects.get(name=name)
        assert not group.permissions.filter(content_type__app_label="campaigns").exists()


def test_the_review_workflow_covers_every_language_tree_and_scam_alerts(home):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME, active=True)
    # On the tree root, parent of every language's home page (those added later included).
    assert WorkflowPage.objects.get(page__depth=1).workflow == workflow
    assert home.get_workflow() == workflow
    assert WorkflowContentType.objects.get(
        content_type=ContentType.objects.get_for_model(ScamAlert)
    ).workflow == workflow
    task = workflow.tasks.get().specific
    assert isinstance(task, ConsumerProtectionReviewTask)
    assert list(task.groups.values_list("name", flat=True)) == [REVIEWERS]


def test_wagtails_checklist_free_defaults_are_retired():
    assert not Group.objects.filter(name="Moderators").exists()
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
    assert Workflow.objects.filter(active=True).count() == 1


def test_the_report_permissions_can_be_granted_in_the_group_editor(admin_client):
    group = Group.objects.get(name=MARKETING)
    html = admin_client.get(reverse("wagtailusers_groups:edit", args=(group.pk,))).content
    assert b"Can see the Reviews report" in html
    assert b"Can see the Review due report" in html


def test_editors_edit_their_own_images_and_documents_but_delete_none(
    client_for, editor, administrator, make_image
):
    """Wagtail lets whoever may edit an image delete it; here only administrators delete."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    own_image = make_image("My poster")
    own_image.uploaded_by_user = editor
    own_image.save()
    own_document = get_document_model().objects.create(
        title="My leaflet", file=ContentFile(b"%PDF-1.4 leaflet", name="leaflet.pdf"),
        uploaded_by_user=editor,
    )
    as_editor = client_for(editor)
    for edit, delete in [
        (f"/admin/images/{own_image.pk}/", f"/admin/images/{own_image.pk}/delete/"),
        (f"/admin/documents/edit/{own_document.pk}/",
         f"/admin/documents/delete/{own_document.pk}/"),
    ]:
        page = as_editor.get(edit)
        assert page.status_code == 200
        assert delete not in page.content.decode(), "no Delete button for an editor"
        assert not opens(as_editor, delete)
        assert as_editor.post(delete).status_code in (302, 403)
    assert type(own_image).objects.filter(pk=own_image.pk).exists()
    assert get_document_model().objects.filter(pk=own_document.pk).exists()

    as_admin = client_for(administrator)
    assert f"/admin/images/{own_image.pk}/delete/" in as_admin.get(
        f"/admin/images/{own_image.pk}/").content.decode()
    as_admin.post(f"/admin/images/{own_image.pk}/delete/")
    assert not type(own_image).objects.filter(pk=own_image.pk).exists()
