"""Page routing from memory (page_cache.routing): the same pages as Wagtail's own walk, fewer
queries, and never a stale answer after publishing, moving, restricting or a site change."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_off(settings):
    """Whole-page caching would hide routing; these tests look at routing itself."""
    settings.PAGE_CACHE_ENABLED = False


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured.captured_queries)


def test_a_remembered_route_serves_the_same_page_with_fewer_queries(client, make_comic):
    page = make_comic(title="The refund that wasn't")
    first, first_queries = queries_for(client, page.url)
    second, second_queries = queries_for(client, page.url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    # The walk (site, root, its translation, library, lesson, each made specific) and the
    # view-restriction check (ancestors, restrictions) become one query for the lesson.
    assert second_queries <= first_queries - 6


def test_each_language_is_routed_to_its_own_page(client, make_case, zh, zh_site, translate):
    page = make_case(title="English title")
    translated = translate(page, title="中文标题")
    assert "English title" in client.get(page.url).content.decode()
    assert "中文标题" in client.get(translated.url).content.decode()
    assert "English title" in client.get(page.url).content.decode()


def test_an_unpublished_page_is_gone_at_once(client, make_case):
    page = make_case()
    assert client.get(page.url).status_code == 200
    page.unpublish()  # even before the purge after commit has run
    assert client.get(page.url).status_code == 404


def test_a_moved_page_is_served_at_its_new_address_only(
    client, make_case, home, library, django_capture_on_commit_callbacks
):
    section = home.add_child(instance=type(library)(title="More lessons", slug="more"))
    page = make_case(slug="invoice")
    old_url = page.url
    assert client.get(old_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).move(section, pos="last-child")
    page.refresh_from_db()
    assert page.url != old_url
    old = client.get(old_url)  # Wagtail's automatic redirect, not the remembered route
    assert (old.status_code, old["Location"]) == (301, page.url)
    assert client.get(page.url).status_code == 200


def test_a_new_slug_moves_the_address(client, make_case, django_capture_on_commit_callbacks):
    page = make_case(slug="old-slug")
    assert client.get("/en/lessons/old-slug/").status_code == 200
    page.slug = "new-slug"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    old = client.get("/en/lessons/old-slug/")  # Wagtail's automatic redirect
    assert (old.status_code, old["Location"]) == (301, "/en/lessons/new-slug/")
    assert client.get("/en/lessons/new-slug/").status_code == 200


def test_a_section_made_private_asks_for_its_password_at_once(
    client, make_case, library, make_private, django_capture_on_commit_callbacks
):
    page = make_case(title="Members only soon")
    assert "Members only soon" in client.get(page.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_private(library)
    response = client.get(page.url)
    assert "Members only soon" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_a_page_outside_every_restricted_section_needs_no_restriction_query(
    client, make_case, make_comic, make_private, home, library
):
    other = home.add_child(instance=type(library)(title="Staff", slug="staff"))
    make_private(other)
    page = make_case()
    client.get(page.url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page.url).status_code == 200
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "wagtailcore_pageviewrestriction" not in sql


def test_sub_addresses_of_a_routable_page_are_routed_on_every_visit(client, make_scenario):
    page = make_scenario()
    step = page.url + "step/first-text/"
    first = client.get(step)
    second = client.get(step)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert client.get(page.url + "step/no-such-step/").status_code == 404


def test_unknown_addresses_are_not_found(client, make_case):
    make_case()
    for url in ("/en/lessons/nothing-here/", "/en/nothing/at/all/", "/en/lessons/x/y/z/"):
        assert client.get(url).status_code == 404
        assert client.get(url).status_code == 404


def test_a_site_change_reroutes_at_once(
    client, make_case, home, library, django_capture_on_commit_callbacks
):
    page = make_case(title="On the first site")
    assert client.get(page.url).status_code == 200
    other_root = Page.get_first_root_node().add_child(
        instance=type(home)(title="Another home", slug="another-home")
    )
    with django_capture_on_commit_callbacks(execute=True):
        site = Site.objects.get(is_default_site=True)
        site.root_page = other_root
        site.save()
    assert client.get(page.url).status_code == 404
    assert client.get("/en/").context["page"].pk == other_root.pk


def test_a_visitor_with_the_password_can_open_a_private_page(client, make_case, make_private):
    """Wagtail's password form posts to /<lang>/_util/…, which the page routing must leave to
    Wagtail (its catch-all page pattern would also match that address)."""
    page = make_private(make_case(title="Members only"))
    form = client.get(page.url).content.decode()
    action = re.search(r'<form[^>]+action="([^"]+)"', form).group(1)
    assert "/_util/authenticate_with_password/" in action
    response = client.post(action, {"password": "x", "return_url": page.url})
    assert (response.status_code, response["Location"]) == (302, page.url)
    assert "Members only" in client.get(page.url).content.decode()


def test_an_alias_of_a_private_page_is_private_too(client, make_case, make_private, home,
                                                  library):
    page = make_private(make_case(title="Members only"))
    client.get(page.url)  # the restricted sections are remembered: one, and no alias yet
    mirror = home.add_child(instance=type(library)(title="Mirror", slug="mirror"))
    alias = Page.objects.get(pk=page.pk).specific.create_alias(parent=mirror)
    response = client.get(alias.url)
    assert "Members only" not in response.content.decode()
    assert 'name="password"' in response.content.decode()
