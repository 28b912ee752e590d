"""Monthly partitions of the raw event table on PostgreSQL (declarative partitioning).

The table ``campaigns_reachevent`` is partitioned by RANGE on ``day`` (the site's day, the
column every rollup and prune filters on), one partition a month named
``campaigns_reachevent_pYYYYMM``, plus a DEFAULT partition that stores any event whose day has
no partition yet (a clock far off, a month nobody made ahead): nothing is refused for want of a
partition. ``rollup_reach`` and the migration make this month and the next
``REACH_PARTITIONS_AHEAD`` ahead of time; making a month whose rows already sit in the default
partition moves them into it first (PostgreSQL would refuse to attach it otherwise), and each
run also makes the months of any events found in the default partition.

Keys: the primary key is (id, day) and the unique key (event_id, day), since a unique key on a
partitioned table must include the partition key. So an id can only be refused within one
day's partition; ``ReachEventId`` (one row per stored id, not partitioned) refuses it across
all of them (see campaigns.ingest._insert_events).

Retention (``prune_partitions``): a partition all of whose days are older than the cutoff is
dropped whole. The one partition the cutoff falls inside keeps its younger days and loses its
older ones row by row (as do expired rows in the default partition), so no event is kept past
the retention even for a day, and pruning daily deletes about one day of rows there.

SQLite has none of this: its event table stays a plain table with a unique ``event_id``.
"""

import datetime as dt

from django.conf import settings
from django.db import connection as default_connection

TABLE = "campaigns_reachevent"
DEFAULT = f"{TABLE}_default"
IDS_TABLE = "campaigns_reacheventid"


def is_partitioned(connection=default_connection):
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [TABLE])
        row = cursor.fetchone()
    return bool(row) and row[0] == "p"


def month_of(day):
    return day.replace(day=1)


def next_month(month):
    return (month + dt.timedelta(days=32)).replace(day=1)


def partition_name(month):
    return f"{TABLE}_p{month:%Y%m}"


def partitions(connection=default_connection):
    """[(name, first day, day after the last)] of the monthly partitions, oldest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT child.relname, pg_get_expr(child.relpartbound, child.oid)
            FROM pg_inherits JOIN pg_class child ON child.oid = pg_inherits.inhrelid
            WHERE pg_inherits.inhparent = to_regclass(%s)
            """,
            [TABLE],
        )
        rows = cursor.fetchall()
    found = []
    for name, bound in rows:
        if bound == "DEFAULT":
            continue
        # FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')
        low, high = (part.split("'")[1] for part in bound.split(" TO "))
        found.append((name, dt.date.fromisoformat(low), dt.date.fromisoformat(high)))
    return sorted(found, key=lambda item: item[1])


def ensure_partition(month, connection=default_connection):
    """Make the partition of ``month`` (a first day) unless it exists; True if made.

    Rows of that month already in the default partition move into the new table before it is
    attached, in the same transaction.
    """
    name = partition_name(month)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
        if cursor.fetchone()[0]:
            return False
        bounds = [month, next_month(month)]
        cursor.execute(
            f'CREATE TABLE "{name}" (LIKE "{TABLE}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)'
        )
        cursor.execute(
            f'WITH moved AS (DELETE FROM "{DEFAULT}" WHERE day >= %s AND day < %s RETURNING *) '
            f'INSERT INTO "{name}" SELECT * FROM moved',
            bounds,
        )
        cursor.execute(
            f'ALTER TABLE "{TABLE}" ATTACH PARTITION "{name}" FOR VALUES FROM (%s) TO (%s)',
            bounds,
        )
    return True


def ensure_partitions(today, ahead=None, connection=default_connection):
    """This month's partition and the next ``ahead`` months' (REACH_PARTITIONS_AHEAD), and
    those of the events in the default partition; returns the names made. Does nothing where
    the table is not partitioned (SQLite)."""
    if not is_partitioned(connection):
        return []
    ahead = settings.REACH_PARTITIONS_AHEAD if ahead is None else ahead
    months = set()
    month = month_of(today)
    for _ in range(ahead + 1):
        months.add(month)
        month = next_month(month)
    # and the months of events that landed in the default partition (normally none)
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT DISTINCT date_trunc(\'month\', day)::date FROM "{DEFAULT}"')
        months.update(row[0] for row in cursor.fetchall())
    return [partition_name(month) for month in sorted(months)
            if ensure_partition(month, connection)]


def prune_partitions(cutoff, connection=default_connection):
    """Drop every partition whose days are all before ``cutoff``; delete the rows before it in
    the partition it falls inside and in the default partition. Returns the events removed."""
    removed = 0
    with connection.cursor() as cursor:
        # A partition with deferred foreign-key checks pending in this transaction (rows
        # written earlier in it) cannot be dropped: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name, _low, high in partitions(connection):
            if high <= cutoff:
                cursor.execute(f'SELECT count(*) FROM "{name}"')
                removed += cursor.fetchone()[0]
                cursor.execute(f'DROP TABLE "{name}"')
        cursor.execute(f'DELETE FROM "{TABLE}" WHERE day < %s', [cutoff])
        removed += cursor.rowcount
    return removed


# The conversion of the plain table, run once by migration 0007 (PostgreSQL only). The table is
# rebuilt under the same name with the same columns, index and constraint names Django gave
# the plain one (so later migrations find them), except the two keys that must now include
# ``day``. Every existing row is copied, and its id recorded in ``ReachEventId``.
CONVERT = [
    f'ALTER TABLE "{TABLE}" RENAME TO "{TABLE}_plain"',
    f'ALTER TABLE "{TABLE}_plain" RENAME CONSTRAINT "{TABLE}_pkey" TO "{TABLE}_plain_pkey"',
    f'ALTER SEQUENCE IF EXISTS "{TABLE}_id_seq" RENAME TO "{TABLE}_plain_id_seq"',
    # PostgreSQL 15 has no identity columns on partitioned tables: a sequence it owns instead.
    f'CREATE SEQUENCE "{TABLE}_id_seq"',
    f"""CREATE TABLE "{TABLE}" (
        "id" bigint NOT NULL DEFAULT nextval('"{TABLE}_id_seq"'),
        "event_id" uuid NOT NULL,
        "event_type" varchar(20) NOT NULL,
        "page_id" integer NOT NULL CHECK ("page_id" >= 0),
        "visitor_key" varchar(32) NOT NULL,
        "qualified" boolean NOT NULL,
        "props" jsonb NOT NULL,
        "received_at" timestamp with time zone NOT NULL,
        "day" date NOT NULL,
        "campaign_id" bigint NULL,
        "link_id" bigint NULL,
        CONSTRAINT "{TABLE}_pkey" PRIMARY KEY ("id", "day")
    ) PARTITION BY RANGE ("day")""",
    f'ALTER SEQUENCE "{TABLE}_id_seq" OWNED BY "{TABLE}"."id"',
    f'CREATE TABLE "{DEFAULT}" PARTITION OF "{TABLE}" DEFAULT',
]
# Django's names for the plain table's indexes and foreign keys (migration 0001)
INDEXES_AND_FOREIGN_KEYS = [
    f'CREATE INDEX "{TABLE}_page_id_93eb614b" ON "{TABLE}" ("page_id")',
    f'CREATE INDEX "{TABLE}_received_at_df29af49" ON "{TABLE}" ("received_at")',
    f'CREATE INDEX "{TABLE}_day_80d05b37" ON "{TABLE}" ("day")',
    f'CREATE INDEX "{TABLE}_campaign_id_2ab92f15" ON "{TABLE}" ("campaign_id")',
    f'CREATE INDEX "{TABLE}_link_id_82b71642" ON "{TABLE}" ("link_id")',
    f'CREATE INDEX "campaigns_r_campaig_f3bd40_idx" ON "{TABLE}" ("campaign_id", "day")',
    f'ALTER TABLE "{TABLE}" ADD CONSTRAINT "{TABLE}_campaign_id_2ab92f15_fk_campaigns" '
    'FOREIGN KEY ("campaign_id") REFERENCES "campaigns_campaign" ("id") '
    "DEFERRABLE INITIALLY DEFERRED",
    f'ALTER TABLE "{TABLE}" ADD CONSTRAINT "{TABLE}_link_id_82b71642_fk_campaigns" '
    'FOREIGN KEY ("link_id") REFERENCES "campaigns_trackinglink" ("id") '
    "DEFERRABLE INITIALLY DEFERRED",
]
RESET_SEQUENCE = f"""SELECT setval(pg_get_serial_sequence('"{TABLE}"', 'id'),
    COALESCE((SELECT max("id") FROM "{TABLE}"), 0) + 1, false)"""
CONVERT_AFTER_PARTITIONS = [
    f'INSERT INTO "{TABLE}" SELECT "id", "event_id", "event_type", "page_id", "visitor_key", '
    f'"qualified", "props", "received_at", "day", "campaign_id", "link_id" FROM "{TABLE}_plain"',
    f'INSERT INTO "{IDS_TABLE}" ("event_id", "day") SELECT "event_id", "day" FROM "{TABLE}_plain" '
    "ON CONFLICT DO NOTHING",
    RESET_SEQUENCE,
    f'DROP TABLE "{TABLE}_plain"',
    f'ALTER TABLE "{TABLE}" ADD CONSTRAINT "{TABLE}_event_id_key" UNIQUE ("event_id", "day")',
    *INDEXES_AND_FOREIGN_KEYS,
]
# Back to the plain table of migration 0001 (migrating campaigns back before 0007)
CONVERT_BACK = [
    f'CREATE TEMPORARY TABLE "{TABLE}_rows" AS SELECT * FROM "{TABLE}"',
    f'DROP TABLE "{TABLE}"',
    f"""CREATE TABLE "{TABLE}" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY,
        "event_id" uuid NOT NULL UNIQUE, "event_type" varchar(20) NOT NULL,
        "page_id" integer NOT NULL CHECK ("page_id" >= 0), "visitor_key" varchar(32) NOT NULL,
        "qualified" boolean NOT NULL, "props" jsonb NOT NULL,
        "received_at" timestamp with time zone NOT NULL, "day" date NOT NULL,
        "campaign_id" bigint NULL, "link_id" bigint NULL)""",
    # an id stored on two days (possible only before the partitioned table had ReachEventId)
    # keeps its first row
    f'INSERT INTO "{TABLE}" SELECT DISTINCT ON ("event_id") * FROM "{TABLE}_rows" '
    'ORDER BY "event_id", "id"',
    f'DROP TABLE "{TABLE}_rows"',
    RESET_SEQUENCE,
    *INDEXES_AND_FOREIGN_KEYS,
]


def convert_to_partitioned(connection, today):
    """Rebuild the plain event table as a partitioned one (PostgreSQL), keeping every row:
    a partition for each month that has events, and this month plus the ones ahead."""
    with connection.cursor() as cursor:
        for sql in CONVERT:
            cursor.execute(sql)
        cursor.execute(f'SELECT DISTINCT date_trunc(\'month\', "day")::date FROM "{TABLE}_plain"')
        months = {row[0] for row in cursor.fetchall()}
    month = month_of(today)
    for _ in range(settings.REACH_PARTITIONS_AHEAD + 1):
        months.add(month)
        month = next_month(month)
    for month in sorted(months):
        ensure_partition(month, connection)
    with connection.cursor() as cursor:
        for sql in CONVERT_AFTER_PARTITIONS:
            cursor.execute(sql)


def convert_to_plain(connection):
    """Undo ``convert_to_partitioned``: one plain table with every row."""
    with connection.cursor() as cursor:
        for sql in CONVERT_BACK:
            cursor.execute(sql)
