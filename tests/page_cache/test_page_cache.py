"""Anonymous visitors get cached pages; editors and previews never do; publishing purges."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_second_anonymous_visit_is_served_from_the_cache(client, make_case):
    page = make_case()
    first = client.get(page.url)
    second = client.get(page.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_cached_page_costs_at_most_one_query(client, make_case, django_assert_max_num_queries):
    page = make_case()
    client.get(page.url)
    with django_assert_max_num_queries(1):  # the generation check, at most once a second
        assert client.get(page.url)["X-Page-Cache"] == "hit"


def test_different_query_strings_are_different_pages(client, make_case):
    make_case()
    client.get("/en/lessons/", {"format": "case"})
    assert client.get("/en/lessons/", {"format": "video"})["X-Page-Cache"] == "miss"


def test_logged_in_editors_never_get_or_fill_the_cache(admin_client, client, make_case):
    page = make_case()
    response = admin_client.get(page.url)
    assert "X-Page-Cache" not in response
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert "X-Page-Cache" not in admin_client.get(page.url)


def test_publishing_a_change_purges_the_cache(
    client, make_case, django_capture_on_commit_callbacks
):
    page = make_case(title="Old title")
    client.get(page.url)
    client.get("/en/lessons/")
    page.title = "New title"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "New title" in client.get(page.url).content.decode()
    assert "New title" in client.get("/en/lessons/").content.decode()


def test_unpublishing_purges_the_cache(client, make_case, django_capture_on_commit_callbacks):
    page = make_case(title="Going away")
    assert "Going away" in client.get("/en/lessons/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "Going away" not in client.get("/en/lessons/").content.decode()
    assert client.get(page.url).status_code == 404


def test_moving_a_page_purges_the_cache(
    client, make_case, home, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    page = make_case(title="Mover")
    client.get(page.url)
    with django_capture_on_commit_callbacks(execute=True):
        # moved out of the library: the old URL must stop serving the cached page
        Page.objects.get(pk=page.pk).move(home, pos="last-child")
    response = client.get("/en/lessons/mover/")
    assert response.status_code == 301  # Wagtail's automatic redirect to the new place
    assert response["Location"] == "/en/mover/"


def test_errors_and_admin_pages_are_not_cached(client, admin_client):
    assert "X-Page-Cache" not in client.get("/en/does-not-exist/")
    assert client.get("/en/does-not-exist/").status_code == 404
    assert "X-Page-Cache" not in client.get("/healthz")
    assert "X-Page-Cache" not in admin_client.get("/admin/")


def test_cache_can_be_switched_off(client, make_case, settings):
    settings.PAGE_CACHE_ENABLED = False
    page = make_case()
    client.get(page.url)
    assert "X-Page-Cache" not in client.get(page.url)


def test_preview_is_never_cached(admin_client, make_case):
    from django.urls import reverse

    page = make_case()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    assert "X-Page-Cache" not in admin_client.get(url)


def test_making_a_page_private_purges_the_cache(
    client, make_case, make_private, django_capture_on_commit_callbacks
):
    page = make_case(title="Soon private")
    assert "Soon private" in client.get("/en/lessons/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_private(page)
    assert "Soon private" not in client.get("/en/lessons/").content.decode()
    assert "Soon private" not in client.get(page.url).content.decode()  # the password form


def test_related_lessons_follow_a_publish(client, make_case, taxonomy, settings,
                                          django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = False  # only the shared fragments are cached here
    refund = taxonomy["tags"]["refund"]
    first = make_case(title="First refund case", tags=[refund])
    assert "Related lessons" not in client.get(first.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_case(title="Second refund case", tags=[refund])
    assert "Second refund case" in client.get(first.url).content.decode()


def test_the_home_page_shows_a_newly_published_lesson(client, make_case, settings,
                                                     django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = False  # only the shared "Start here" fragment is cached here
    make_case(title="First lesson")
    assert "First lesson" in client.get("/en/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_case(title="Brand new lesson")
    assert "Brand new lesson" in client.get("/en/").content.decode()
