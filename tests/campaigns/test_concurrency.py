"""Concurrent writers on PostgreSQL: nothing lost, nothing doubled."""

import json
import threading
import uuid

import pytest
from django.db import connection, connections
from django.test import Client

from campaigns.models import ReachEvent
from tests.campaigns.conftest import BROWSER_UA

THREADS = 8
EVENTS_PER_THREAD = 500
BATCH = 20

pytestmark = [
    # serialized_rollback: the site the migrations made (its library page) comes back even when
    # another transactional test (tests/campaigns/test_partitions.py) flushed it before this one.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="runs against PostgreSQL (DATABASE_URL=postgres://…)"),
]


def test_8_threads_of_500_events_store_exactly_4000(make_case, settings, django_db_blocker):
    settings.REACH_RATE_LIMIT = 10_000
    lesson = make_case(title="Concurrency lesson")
    errors, statuses = [], []

    def worker(number):
        try:
            client = Client()
            ip = f"198.51.100.{number}"
            for _ in range(EVENTS_PER_THREAD // BATCH):
                events = [{"id": str(uuid.uuid4()), "type": "view", "page": lesson.pk}
                          for _n in range(BATCH)]
                response = client.post("/api/reach/events", json.dumps({"events": events}),
                                       content_type="application/json",
                                       HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR=ip)
                statuses.append(response.status_code)
                # resend half of each batch: duplicates must not count
                client.post("/api/reach/events", json.dumps({"events": events[:10]}),
                            content_type="application/json",
                            HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR=ip)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert set(statuses) == {202}
    assert ReachEvent.objects.count() == THREADS * EVENTS_PER_THREAD
