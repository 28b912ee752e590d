"""A CDN in front: Cache-Control per path and role, and what publishing purges."""

import datetime

import pytest
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import BaseBackend

pytestmark = pytest.mark.django_db

SHARED = "public, max-age=0, s-maxage=120"


class RecordingBackend(BaseBackend):
    """A frontend-cache backend that remembers the URLs it was asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def cdn(settings):
    settings.CDN_S_MAXAGE = 120
    settings.CDN_PURGE_REPEAT_SECONDS = 0
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": f"{__name__}.RecordingBackend"},
    }
    RecordingBackend.purged = []
    return RecordingBackend.purged


# --- Cache-Control ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/", "/en/lessons/", "/zh-hans/", "/en/search/?q=bank",
                                  "/en/audiences/seniors/", "/sitemap.xml", "/robots.txt"])
def test_anonymous_public_pages_may_be_kept_by_a_cdn(client, cdn, taxonomy, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == SHARED


def test_an_anonymous_lesson_may_be_kept_by_a_cdn(client, cdn, make_case):
    assert client.get(make_case().url)["Cache-Control"] == SHARED


def test_page_cache_hits_carry_the_header_too(client, cdn, settings, make_case):
    settings.PAGE_CACHE_ENABLED = True
    page = make_case()
    client.get(page.url)
    hit = client.get(page.url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Cache-Control"] == SHARED


@pytest.mark.parametrize("role", ["editor", "reviewer", "marketer", "administrator"])
def test_never_for_a_signed_in_user(client_for, request, cdn, make_case, role):
    page = make_case()
    response = client_for(request.getfixturevalue(role)).get(page.url)
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_never_for_the_admin_or_a_preview(admin_client, cdn, make_case):
    page = make_case()
    for path in ("/admin/", f"/admin/pages/{page.pk}/edit/",
                 f"/admin/pages/{page.pk}/edit/preview/?mode="):
        assert "public" not in admin_client.get(path).get("Cache-Control", ""), path


@pytest.mark.parametrize("path", ["/admin/login/", "/api/reach/events", "/healthz", "/readyz"])
def test_never_for_machine_and_admin_endpoints(client, cdn, path):
    assert "public" not in client.get(path).get("Cache-Control", "")


def test_never_for_a_tracking_link(client, cdn, make_case):
    from campaigns.models import Campaign, TrackingLink

    today = timezone.localdate()
    campaign = Campaign.objects.create(name="Week", slug="week", starts_on=today,
                                       ends_on=today + datetime.timedelta(days=3))
    TrackingLink.objects.create(campaign=campaign, code="qr1", channel="poster",
                                destination=make_case())
    response = client.get("/go/qr1")
    assert response.status_code == 302
    assert "public" not in response.get("Cache-Control", "")


def test_never_for_a_password_protected_page(client, cdn, make_case, make_private):
    page = make_private(make_case())
    response = client.get(page.url)
    assert "public" not in response.get("Cache-Control", "")


def test_never_for_a_missing_page(client, cdn):
    response = client.get("/en/no/such/page/")
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_never_when_the_visitor_sends_credentials(client, cdn, make_case):
    response = client.get(make_case().url, HTTP_AUTHORIZATION="Basic dXNlcjpwdw==")
    assert "public" not in response.get("Cache-Control", "")


def test_s_maxage_zero_turns_the_header_off(client, cdn, settings, make_case):
    settings.CDN_S_MAXAGE = 0
    assert "Cache-Control" not in client.get(make_case().url)


# --- purges -------------------------------------------------------------------------------------


def purged_after(action, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        action()


def test_publishing_purges_the_site_root_and_the_page(
    cdn, make_case, django_capture_on_commit_callbacks
):
    page = make_case(title="Old title")
    cdn.clear()
    page.title = "New title"
    purged_after(lambda: page.save_revision().publish(), django_capture_on_commit_callbacks)
    assert "http://localhost/" in cdn  # the whole site: lists and banners change too
    assert f"http://localhost{page.url}" in cdn
    assert f"http://localhost{page.url.replace('/en/', '/zh-hans/')}" in cdn  # each language


def test_the_purge_waits_for_the_commit(cdn, make_case, django_capture_on_commit_callbacks):
    # Sent before the commit, the CDN would refill from the old content at once.
    page = make_case()
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
    assert cdn == []
    for callback in callbacks:
        callback()
    assert "http://localhost/" in cdn


def test_the_purge_is_sent_again_once_every_server_has_seen_the_publish(
    cdn, settings, make_case, monkeypatch, django_capture_on_commit_callbacks
):
    from page_cache import cdn as cdn_module

    settings.CDN_PURGE_REPEAT_SECONDS = 1.5
    timers = []

    class Timer:
        def __init__(self, delay, function, args):
            timers.append((delay, function, args))

        def start(self):
            pass

    monkeypatch.setattr(cdn_module.threading, "Timer", Timer)
    page = make_case()
    cdn.clear()
    purged_after(lambda: page.save_revision().publish(), django_capture_on_commit_callbacks)
    first = list(cdn)
    [(delay, function, args)] = timers
    assert delay == 1.5
    function(*args)
    assert sorted(cdn) == sorted(first * 2)


def test_unpublishing_purges(cdn, make_case, django_capture_on_commit_callbacks):
    page = make_case()
    cdn.clear()
    purged_after(lambda: page.unpublish(), django_capture_on_commit_callbacks)
    assert "http://localhost/" in cdn


def test_moving_purges(cdn, make_case, home, django_capture_on_commit_callbacks):
    page = make_case()
    cdn.clear()
    purged_after(lambda: page.move(home, pos="last-child"), django_capture_on_commit_callbacks)
    assert "http://localhost/" in cdn


def test_deleting_a_live_page_purges(cdn, make_case, django_capture_on_commit_callbacks):
    page = make_case()
    cdn.clear()
    purged_after(lambda: page.delete(), django_capture_on_commit_callbacks)
    assert "http://localhost/" in cdn


def test_publishing_a_scam_alert_purges_the_site(cdn, django_capture_on_commit_callbacks):
    from reviews.models import ScamAlert

    now = timezone.now()
    alert = ScamAlert(title="Parcel fees", message="Texts about parcel fees are a scam.",
                      live=False, starts_at=now, ends_at=now + datetime.timedelta(days=1))
    alert.save()
    cdn.clear()
    purged_after(lambda: alert.save_revision().publish(), django_capture_on_commit_callbacks)
    assert cdn == ["http://localhost/"]


def test_saving_a_draft_purges_nothing(cdn, make_case, django_capture_on_commit_callbacks):
    page = make_case()
    cdn.clear()
    page.title = "Draft title"
    purged_after(lambda: page.save_revision(), django_capture_on_commit_callbacks)
    assert cdn == []


def test_nothing_is_sent_without_a_cdn(settings, make_case, monkeypatch,
                                       django_capture_on_commit_callbacks):
    from wagtail.contrib.frontend_cache import utils

    settings.WAGTAILFRONTENDCACHE = None
    calls = []
    monkeypatch.setattr(utils.PurgeBatch, "purge", lambda self, *a, **k: calls.append(self))
    page = make_case()
    purged_after(lambda: page.save_revision().publish(), django_capture_on_commit_callbacks)
    assert calls == []
