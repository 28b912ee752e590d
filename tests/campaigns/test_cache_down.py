"""With Redis gone, the site keeps working: django-redis set up as production sets it up
(ignoring connection errors) on a port where nothing answers. The cache then misses on every
read and every write is lost; pages are still served and the beacon still counts, its rate
limit failing open (bench/faults.py, scenario b, measures the same with a real Redis stopped
under load)."""

import logging
import socket

import pytest

from campaigns.models import ReachEvent
from tests.campaigns.conftest import event

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """Every cache is a django-redis cache whose server refuses connections (a port bound
    here and never listened on, so nothing else can take it meanwhile)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        location = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
        redis = {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
        settings.CACHES = {"default": redis, "renditions": {**redis, "KEY_PREFIX": "renditions"}}
        settings.DJANGO_REDIS_IGNORE_EXCEPTIONS = True
        settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True  # as production
        yield


def test_the_beacon_counts_and_its_rate_limit_fails_open_when_redis_is_down(
    redis_down, beacon, lesson, link, settings
):
    # django-redis answers None to add() and incr() when it ignores a connection error: the
    # limiter must read that as "cache down" and let the events through, not fail on None.
    settings.REACH_RATE_LIMIT = 1
    response = beacon([event(lesson), event(lesson, link="poster1"), event(lesson)])
    assert response.status_code == 202
    assert response.json() == {"accepted": 3, "dropped": 0}
    assert ReachEvent.objects.count() == 3


def test_pages_are_served_when_redis_is_down(redis_down, client, lesson):
    home = client.get("/en/")
    assert home.status_code == 200
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert lesson.title in response.content.decode()
    assert client.get(lesson.url).status_code == 200  # nothing was cached: served again


def test_a_redis_outage_is_logged_once_a_minute_not_on_every_request(
    redis_down, beacon, lesson, caplog
):
    # django-redis logs each error it ignores with its traceback, several per request: under
    # load that was thousands of tracebacks a second, and the CPU to format them.
    with caplog.at_level(logging.ERROR):
        for _ in range(10):
            assert beacon([event(lesson)]).status_code == 202
    ignored = [r for r in caplog.records if r.name == "django_redis.cache"]
    assert len(ignored) <= 1
