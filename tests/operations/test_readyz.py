"""/readyz: 200 when the database and the cache answer, 503 naming what is down.

The contract (agreed with bench/faults.py): ``{"status": "ready", "database": "ok",
"cache": "ok"}``, or 503 with ``"status": "unavailable"`` and ``"down"`` for each failing one.
"""

import pytest
from django.db import DatabaseError
from django.test import override_settings

pytestmark = pytest.mark.django_db

# A real Redis client pointed at a port nothing listens on, with the production options
# (connection errors ignored): what the site sees when Redis is stopped.
REDIS_DOWN = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    },
}


@pytest.fixture
def database_down(monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)


def test_ready_when_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok", "cache": "ok"}


def test_never_cached(client):
    cache_control = client.get("/readyz")["Cache-Control"]
    assert "no-cache" in cache_control and "no-store" in cache_control
    assert "public" not in cache_control


@override_settings(CACHES=REDIS_DOWN, DJANGO_REDIS_IGNORE_EXCEPTIONS=True)
def test_redis_stopped_is_reported_as_cache_down(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "down"}


def test_database_down_is_reported(client, database_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down", "cache": "ok"}


@override_settings(CACHES=REDIS_DOWN, DJANGO_REDIS_IGNORE_EXCEPTIONS=True)
def test_both_down_are_reported(client, database_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down", "cache": "down"}


def test_healthz_stays_a_database_only_liveness_check(client):
    with override_settings(CACHES=REDIS_DOWN, DJANGO_REDIS_IGNORE_EXCEPTIONS=True):
        assert client.get("/healthz").status_code == 200


def test_only_get_and_head(client):
    assert client.post("/readyz").status_code == 405
