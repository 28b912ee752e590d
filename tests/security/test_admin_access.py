"""Every admin area needs a login with admin access; public output is escaped."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from education.models import LessonIndexPage

pytestmark = pytest.mark.django_db

ADMIN_AREAS = [
    "/admin/",
    "/admin/pages/",
    "/admin/snippets/education/audiencesegment/",
    "/admin/snippets/education/series/",
    "/admin/snippets/education/scamtype/",
    "/admin/snippets/education/redflag/",
    "/admin/media/",
    "/admin/images/",
    "/admin/snippets/education/reportscambox/",
    "/admin/settings/education/reportscamsettings/",  # the old address: redirects there
    "/admin/users/",
]


@pytest.fixture
def member_of_the_public(client):
    """Logged in, but with no admin access at all."""
    user = get_user_model().objects.create_user("visitor", password="pw-visitor-123")
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", ADMIN_AREAS)
def test_anonymous_visitors_are_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", ADMIN_AREAS)
def test_logged_in_users_without_admin_access_are_refused(member_of_the_public, url):
    response = member_of_the_public.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"] or response["Location"] == "/"


@pytest.mark.parametrize("url", ADMIN_AREAS)
def test_administrators_reach_every_area(admin_client, url):
    assert admin_client.get(url, follow=True).status_code == 200


def test_admin_access_alone_does_not_allow_creating_lessons(client):
    user = get_user_model().objects.create_user("reader", password="pw-reader-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    library = LessonIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=("education", "casestudy", library.pk))
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert client.get("/admin/snippets/education/scamtype/add/").status_code in (302, 403)


def test_public_pages_escape_what_editors_type(client, make_case, taxonomy):
    page = make_case(title="<script>alert('t')</script>", summary="<img src=x onerror=alert(1)>")
    html = client.get(page.url).content.decode()
    assert "<script>alert('t')</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x onerror" not in html
    listing = client.get("/en/lessons/").content.decode()
    assert "<script>alert('t')</script>" not in listing
