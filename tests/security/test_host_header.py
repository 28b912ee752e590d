"""The Host header: a host not allowed, or a port that cannot exist, is refused (400) on every
path before anything reads it (page cache key, visitor key, the lean beacon endpoint)."""

import datetime as dt
import json
import uuid

import pytest
from django.core.cache import cache

from campaigns.models import Campaign, TrackingLink
from tests.campaigns.conftest import BROWSER_UA

pytestmark = pytest.mark.django_db

BAD_PORTS = ["127.0.0.1:99999999999", "127.0.0.1:65536", "127.0.0.1:0", "127.0.0.1:080",
             "localhost:00000000000000008000", "[::1]:70000"]


@pytest.fixture
def paths(make_case):
    lesson = make_case(title="Host check")
    today = dt.date.today()
    campaign = Campaign.objects.create(name="Host check", slug="host-check",
                                       starts_on=today - dt.timedelta(days=3),
                                       ends_on=today + dt.timedelta(days=3))
    link = TrackingLink.objects.create(campaign=campaign, code="host1", channel="poster",
                                       label="Host check", destination=lesson)
    return ["/en/", lesson.url, f"/go/{link.code}", "/healthz", "/en/search/?q=bank"]


@pytest.mark.parametrize("host", BAD_PORTS)
def test_an_impossible_port_is_refused_everywhere(client, paths, host, settings):
    settings.PAGE_CACHE_ENABLED = True
    for path in paths:
        response = client.get(path, HTTP_HOST=host, HTTP_USER_AGENT=BROWSER_UA)
        assert response.status_code == 400, (path, response.status_code)
    body = json.dumps({"events": [{"id": str(uuid.uuid4()), "type": "view", "page": 1,
                                   "link": None, "props": {}}]})
    response = client.post("/api/reach/events", data=body, content_type="application/json",
                           HTTP_HOST=host, HTTP_USER_AGENT=BROWSER_UA)
    assert response.status_code == 400


def test_nothing_is_cached_for_a_refused_host(client, paths, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    for port in range(70000, 70005):
        assert client.get("/en/", HTTP_HOST=f"127.0.0.1:{port}").status_code == 400
    assert not cache._cache  # locmem: no page stored under any of those keys


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:65535", "[::1]:1", "127.0.0.1"])
def test_real_ports_are_served(client, paths, host):
    assert client.get("/en/", HTTP_HOST=host).status_code == 200
    assert client.get("/healthz", HTTP_HOST=host).status_code == 200


def test_a_host_not_allowed_is_still_refused(client, paths):
    assert client.get("/en/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/healthz", HTTP_HOST="evil.example").status_code == 400
