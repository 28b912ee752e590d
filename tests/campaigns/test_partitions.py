"""Raw events in monthly partitions on PostgreSQL: made ahead, nothing refused for want of
one, ids unique across all of them, old months dropped whole, old events kept by the
migration. SQLite keeps a plain table (the last test)."""

import datetime as dt
import json
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from campaigns import days
from campaigns.ingest import Visit, _insert_events, ingest, parse_batch
from campaigns.models import DailyRollup, ReachEvent, ReachEventId
from campaigns.partitions import (
    DEFAULT,
    ensure_partition,
    is_partitioned,
    month_of,
    next_month,
    partition_name,
    partitions,
)
from campaigns.rollups import prune_raw_events
from tests.campaigns.conftest import BROWSER_UA, event

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="runs against PostgreSQL (DATABASE_URL=postgres://…)")
VISIT = Visit(ip="203.0.113.9", user_agent=BROWSER_UA, site="testserver")


def send(events, when):
    return ingest(parse_batch(json.dumps({"events": events}).encode()), VISIT, when)


def rows_in(table):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        return cursor.fetchone()[0]


@on_postgres
@pytest.mark.django_db
def test_this_month_and_the_next_ones_are_made_ahead_by_the_rollup(settings):
    settings.REACH_PARTITIONS_AHEAD = 5
    assert is_partitioned()
    call_command("rollup_reach")
    months = [month_of(days.today())]
    for _ in range(5):
        months.append(next_month(months[-1]))
    made = {name for name, _low, _high in partitions()}
    assert {partition_name(month) for month in months} <= made


@on_postgres
@pytest.mark.django_db
def test_an_event_outside_every_partition_is_stored_and_moves_into_its_month(lesson):
    far = timezone.now().replace(year=2031, month=5, day=10)
    assert send([event(lesson)], far).accepted == 1
    assert rows_in(DEFAULT) == 1
    call_command("rollup_reach")  # makes the month of what sits in the default partition
    assert rows_in(DEFAULT) == 0
    assert rows_in(partition_name(dt.date(2031, 5, 1))) == 1
    assert ReachEvent.objects.filter(day=days.day_of(far)).count() == 1


@on_postgres
@pytest.mark.django_db
def test_an_id_resent_in_another_month_is_not_stored_twice(lesson):
    the_id = uuid.uuid4()
    now = timezone.now()
    assert send([event(lesson, event_id=the_id)], now).accepted == 1
    later = now + dt.timedelta(days=40)  # another day, another partition
    batch = [event(lesson, event_id=the_id), event(lesson), event(lesson)]
    assert send(batch, later).accepted == 2
    assert ReachEvent.objects.filter(event_id=the_id).count() == 1
    assert ReachEvent.objects.count() == 3


@on_postgres
@pytest.mark.django_db
def test_one_id_twice_in_one_batch_is_stored_once(lesson):
    the_id = uuid.uuid4()
    batch = [event(lesson, event_id=the_id)] * 2 + [event(lesson)] * 4
    send(batch, timezone.now())
    assert ReachEvent.objects.filter(event_id=the_id).count() == 1


@on_postgres
@pytest.mark.django_db
def test_prune_drops_expired_months_whole_and_the_expired_days_of_the_month_in_between(
    lesson, settings
):
    settings.REACH_RAW_RETENTION_DAYS = 396
    now = timezone.now()
    cutoff = days.day_of(now - dt.timedelta(days=396))
    boundary = month_of(cutoff)
    expired = (boundary - dt.timedelta(days=1)).replace(day=1)
    for month in (expired, boundary):
        ensure_partition(month)
    old_day = expired + dt.timedelta(days=3)
    send([event(lesson), event(lesson)], days.start_of(old_day) + dt.timedelta(hours=12))
    before_cutoff = cutoff - dt.timedelta(days=1)
    if before_cutoff >= boundary:  # the cutoff is not the first of a month
        send([event(lesson)], days.start_of(before_cutoff) + dt.timedelta(hours=12))
    send([event(lesson)], days.start_of(cutoff) + dt.timedelta(hours=12))
    send([event(lesson)], now)

    removed = prune_raw_events(now)

    names = {name for name, _low, _high in partitions()}
    assert partition_name(expired) not in names  # dropped whole
    assert partition_name(boundary) in names
    assert removed == (3 if before_cutoff >= boundary else 2)
    assert not ReachEvent.objects.filter(day__lt=cutoff).exists()
    assert ReachEvent.objects.filter(day=cutoff).count() == 1
    assert ReachEvent.objects.count() == 2
    assert not ReachEventId.objects.filter(day__lt=cutoff).exists()
    assert ReachEventId.objects.count() == 2


@on_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_events_stored_before_the_migration_are_kept_and_counted_after_it():
    """Rows written straight to the table (no lesson needed: a transactional test may run after
    another one's flush removed the pages the data migrations made). serialized_rollback: the
    flush after this test leaves the tables empty for the next transactional test to restore
    the migrations' site (tests/campaigns/test_concurrency.py), instead of recreating content
    types that restore would then duplicate."""
    executor = MigrationExecutor(connection)
    before = [("campaigns", "0007_reach_tally_and_event_ids")]
    executor.migrate(before)
    assert not is_partitioned()
    now = timezone.now()
    old = now - dt.timedelta(days=70)
    # the model as it was then (later migrations add columns to the table)
    then = executor.loader.project_state(before).apps.get_model("campaigns", "ReachEvent")
    then.objects.bulk_create([
        then(event_type="view", page_id=7, visitor_key=f"k{n}", received_at=when,
             day=days.day_of(when))
        for n, when in enumerate([old, old, now, now])
    ])
    ids = set(then.objects.values_list("event_id", flat=True))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert is_partitioned()
    assert set(ReachEvent.objects.values_list("event_id", flat=True)) == ids
    assert set(ReachEventId.objects.values_list("event_id", flat=True)) == ids
    assert partition_name(month_of(days.day_of(old))) in {name for name, *_ in partitions()}
    assert rows_in(DEFAULT) == 0
    call_command("rollup_reach", "--all")
    counted = sum(DailyRollup.objects.filter(event_type="any").values_list("raw_events",
                                                                            flat=True))
    assert counted == 4
    # the beacon's insert: an id stored before the migration is not stored again
    the_id = ReachEvent.objects.filter(day=days.day_of(old)).first().event_id
    row = (the_id, "view", 7, None, None, "k9", True, {}, now, days.day_of(now), "", "", "")
    assert _insert_events([row]) == 0
    assert ReachEvent.objects.count() == 4


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite keeps the plain table")
@pytest.mark.django_db
def test_sqlite_keeps_the_plain_table_and_prunes_rows(lesson):
    assert not is_partitioned()
    send([event(lesson)], timezone.now() - dt.timedelta(days=400))
    send([event(lesson)], timezone.now())
    assert prune_raw_events(timezone.now()) == 1
    assert ReachEvent.objects.count() == 1
    assert not ReachEventId.objects.exists()  # SQLite's own unique event_id deduplicates
