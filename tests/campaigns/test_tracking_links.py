"""/go/<code>: a fast 302 to the lesson that records a link open, never off-site."""

import pytest

from campaigns.models import DroppedEvent, ReachEvent
from tests.campaigns.conftest import BOTS_AND_SCANNERS, BROWSER_UA

pytestmark = pytest.mark.django_db


def go(client, path, method="get", ua=BROWSER_UA, **headers):
    return getattr(client, method)(path, HTTP_USER_AGENT=ua, **headers)


def test_a_scan_redirects_to_the_lesson_and_records_an_open(client, link, lesson, campaign):
    response = go(client, "/go/poster1")
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}?via=poster1"
    opened = ReachEvent.objects.get()
    assert opened.event_type == "link_open" and not opened.qualified
    assert opened.campaign == campaign and opened.link == link
    assert opened.page_id == lesson.pk
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_head_requests_redirect_but_never_count(client, link):
    assert go(client, "/go/poster1", method="head").status_code == 302
    assert not ReachEvent.objects.exists()


@pytest.mark.parametrize(
    "header",
    [{"HTTP_PURPOSE": "prefetch"}, {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
     {"HTTP_X_MOZ": "prefetch"}, {"HTTP_X_PURPOSE": "preview"}],
)
def test_prefetches_never_count(client, link, header):
    assert go(client, "/go/poster1", **header).status_code == 302
    assert not ReachEvent.objects.exists()


@pytest.mark.parametrize("ua", ["WhatsApp/2.23.20.0", *BOTS_AND_SCANNERS])
def test_link_scanners_and_bots_never_count(client, link, ua):
    response = go(client, "/go/poster1", ua=ua)
    assert response.status_code == 302
    assert not ReachEvent.objects.exists()
    assert DroppedEvent.objects.get(reason="bot").count == 1


@pytest.mark.parametrize("header", [{"HTTP_DNT": "1"}, {"HTTP_SEC_GPC": "1"}])
def test_do_not_track_and_global_privacy_control_are_honoured(client, link, lesson, header):
    response = go(client, "/go/poster1", **header)
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}?via=poster1"  # the visitor still gets there
    assert not ReachEvent.objects.exists()
    assert DroppedEvent.objects.get(reason="do_not_track").count == 1


def test_do_not_track_can_be_turned_off_for_links_as_for_the_beacon(client, link, settings):
    settings.REACH_HONOUR_DO_NOT_TRACK = False
    go(client, "/go/poster1", HTTP_DNT="1")
    assert ReachEvent.objects.get().event_type == "link_open"


@pytest.mark.parametrize(
    "path",
    ["/go/poster1?next=//evil.example", "/go/poster1?next=https://evil.example",
     "/go/poster1?url=/\\evil.example"],
)
def test_query_parameters_never_change_the_destination(client, link, lesson, path):
    response = go(client, path)
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}?via=poster1"


@pytest.mark.parametrize(
    "path", ["/go/%5Cevil.example", "/go//evil.example", "/go/unknown", "/go/ab",
             "/go/" + "x" * 10_000],
)
def test_unknown_or_malformed_codes_are_a_fast_404(client, link, path,
                                                   django_assert_max_num_queries):
    # one lookup at most, plus what any 404 page costs (Wagtail's redirect middleware checks
    # its table). What the page shell reads once per cache generation (the scam alert banner,
    # the home and library addresses in each language) is read by a first 404.
    go(client, "/go/first-unknown")
    with django_assert_max_num_queries(5):
        response = go(client, path)
    assert response.status_code == 404
    assert not ReachEvent.objects.exists()


def test_a_malformed_code_is_refused_before_any_query(rf, django_assert_num_queries):
    from django.http import Http404

    from campaigns.views.links import go as go_view

    request = rf.get("/go/x", HTTP_USER_AGENT=BROWSER_UA)
    with django_assert_num_queries(0), pytest.raises(Http404):
        go_view(request, "x" * 10_000)


def test_an_unpublished_destination_sends_people_to_the_library(client, link, lesson):
    lesson.unpublish()
    response = go(client, "/go/poster1")
    assert response["Location"] == "/en/lessons/?via=poster1"


def test_the_attribution_code_does_not_split_the_page_cache(client, link, lesson, settings):
    settings.PAGE_CACHE_ENABLED = True
    client.get(lesson.url)
    assert client.get(f"{lesson.url}?via=poster1")["X-Page-Cache"] == "hit"
