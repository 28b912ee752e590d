"""Reach-report benchmark: report pages and the rollup on a year of PostgreSQL data.

Fills a throwaway PostgreSQL database (127.0.0.1:5432, user postgres, trust auth; created and
dropped by this script) with the demo lessons, 20 campaigns with 5 tracking links each, and
raw reach events from a set of visitors over the last 365 days (10 million events from 1 million
visitors by default), written with COPY (psycopg's copy) into the event table and the two
visitor set tables the ingest keeps (campaign visitors, visitor touches). Then it:

  1. runs the rollup command (`rollup_reach`, first run: every day) and times it;
  2. measures, in-process with Django's test Client (production settings, DEBUG off; server
     time only, no network), p50/p95 over --requests requests after 3 warm-up requests: a
     campaign's report (the campaign with the most events, whole and a 7-day range), the
     annual report of the current year, the comparison of all campaigns and the reports list;
  3. counts the running campaign's reach in full once (what every rollup did before the
     incremental count), then --day-runs times adds a new day of events (~30,000, through COPY,
     as a day of traffic would arrive) and times its one-day rollup (``rollup_days``);
  4. prunes the oldest month --prune-runs times (partition dropped; its ids forgotten, timed
     apart) and prints the bytes per row of every reach table.

The running campaign is topped up to --running-visitors distinct visitors (1 million by
default) with SQL generate_series. Generation time is printed.

Run from the repository root:  .venv/bin/python bench/reports.py [--events 1000000]

Targets (from the issue): campaign report and annual report p95 < 150 ms at 10 M events;
one-day rollup (~30,000 events) < 2 s for a campaign with 1 M visitors; pruning a month < 1 s.
This prints figures; it is not a test and asserts nothing (rows are marked PASS/FAIL only to
make the table easy to read).
"""

import argparse
import datetime as dt
import json
import os
import random
import secrets
import statistics
import sys
import time

from common import (
    PG_HOST,
    PG_PORT,
    ROOT,
    WORK,
    BenchError,
    ThrowawayPostgres,
    format_table,
    install_signal_handlers,
    system_lines,
    write_json,
)

TARGET_PAGE_P95_MS = 150
TARGET_INCREMENTAL_S = 2.0
TARGET_PRUNE_S = 1.0
CAMPAIGNS = 20
LINKS_PER_CAMPAIGN = 5
DAYS = 365
CHANNELS = ["poster", "sms", "partner_app", "social", "poster"]
RED_FLAGS = ["urgency", "secrecy", "asks-for-code", "unknown-link", "fake-authority"]
SETTINGS_MODULE = "reports_bench_settings"
SETTINGS = '''"""bench/reports.py: production settings (DEBUG off) with plain static files
storage, so pages render without collectstatic's manifest (static files are not measured)."""

from config.settings.production import *  # noqa: F401,F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,  # noqa: F405
}
'''


# --------------------------------------------------------------------------------------------
# The throwaway database


class Database(ThrowawayPostgres):
    def __init__(self):
        super().__init__("reports")

    def drop(self):
        from django.db import connections

        connections.close_all()  # this process is connected to it
        super().drop()


def set_up_django(db):
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / f"{SETTINGS_MODULE}.py").write_text(SETTINGS)
    sys.path[:0] = [str(WORK), str(ROOT)]
    os.environ.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE, SECRET_KEY="bench-only",
        ALLOWED_HOSTS="testserver,127.0.0.1", DATABASE_URL=db.url, SECURE_SSL_REDIRECT="0",
        MEDIA_ROOT=str(WORK / "reports-media"), PAGE_CACHE="0", DB_CONN_MAX_AGE="60",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def step(name):
    print(f"  {name} ...", flush=True)
    return time.monotonic()


# --------------------------------------------------------------------------------------------
# The data


def make_campaigns(today, rng):
    """20 campaigns spread over the year (the last one running today), 5 links each."""
    from campaigns.models import Campaign, TrackingLink
    from education.models import LessonPage

    lessons = list(LessonPage.objects.live().order_by("pk").values_list("pk", "lesson_format"))
    if not lessons:
        raise BenchError("no live lesson after load_demo_content")
    first_day = today - dt.timedelta(days=DAYS)
    campaigns = []
    for n in range(CAMPAIGNS):
        start = first_day + dt.timedelta(days=int(n * (DAYS - 20) / CAMPAIGNS))
        length = rng.randint(21, 60)
        end = start + dt.timedelta(days=length)
        if n == CAMPAIGNS - 1:
            end = today + dt.timedelta(days=10)
        campaign = Campaign.objects.create(
            name=f"Bench campaign {n + 1:02d}", slug=f"bench-{n + 1:02d}", starts_on=start,
            ends_on=end, reach_goal=rng.choice([None, 20000, 50000, 100000]),
        )
        links = []
        for k in range(LINKS_PER_CAMPAIGN):
            page_id, _fmt = lessons[(n * 3 + k) % len(lessons)]
            links.append(TrackingLink.objects.create(
                campaign=campaign, code=f"b{n + 1:02d}l{k + 1}", channel=CHANNELS[k],
                label=f"Place {k + 1} of campaign {n + 1}", destination_id=page_id,
            ))
        campaigns.append((campaign, links))
    return campaigns, lessons


class Generator:
    """Visits and their events, as the page script would send them, written with COPY."""

    def __init__(self, campaigns, lessons, visitors, rng, nonce):
        self.rng = rng
        self.lessons = lessons
        self.formats = dict(lessons)
        self.visitors = visitors
        self.nonce = nonce
        self.counter = 0
        self.windows = [(c.pk, c.starts_on, c.ends_on,
                         [(link.pk, link.destination_id, link.channel) for link in links])
                        for c, links in campaigns]
        self.campaign_visitors = {}  # (campaign, key) -> first day
        self.touches = set()  # (campaign, page, link, channel, key)

    def event_id(self):
        self.counter += 1
        return f"{self.nonce}-0000-4000-8000-{self.counter:012x}"

    def running(self, day):
        return [w for w in self.windows if w[1] <= day <= w[2]]

    def visit_events(self, visitor, day, day_index, moment):
        """[(row), …] for one visit: maybe a link open, then 1–2 lessons' events."""
        rng = self.rng
        running = self.running(day)
        link = campaign = None
        if running and rng.random() < 0.55:
            campaign_id, _s, _e, links = rng.choice(running)
            link = rng.choice(links)
            campaign = campaign_id
            key = f"c{campaign_id:04d}v{visitor:012d}"
        else:
            key = f"d{day_index:04d}v{visitor:012d}"
        rows = []
        received = moment.isoformat()
        link_id = link[0] if link else None
        if link and rng.random() < 0.8:
            rows.append((self.event_id(), "link_open", link[1], link_id, campaign, key, False,
                         "{}", received, day))
        first = link[1] if link else rng.choice(self.lessons)[0]
        pages = [first] + ([rng.choice(self.lessons)[0]] if rng.random() < 0.3 else [])
        for page in pages:
            for event_type, props in self.lesson_events(self.formats.get(page, "case")):
                rows.append((self.event_id(), event_type, page, link_id, campaign, key, True,
                             props, received, day))
            if campaign:
                self.touches.add((campaign, page, link_id, link[2], key))
        if campaign:
            seen = self.campaign_visitors.get((campaign, key))
            if seen is None or day < seen:
                self.campaign_visitors[(campaign, key)] = day
        return rows

    def lesson_events(self, fmt):
        rng = self.rng
        events = [("view", "{}")]
        if rng.random() < 0.6:
            events.append(("engaged", "{}"))
        if fmt == "video" and rng.random() < 0.7:
            events.append(("play", "{}"))
            watched = rng.choice([25, 50, 75, 100, 100])
            events += [("progress", f'{{"percent": {m}}}') for m in (25, 50, 75) if m <= watched]
            if watched == 100:
                events.append(("complete", '{"percent": 90}'))
        elif fmt == "comic" and rng.random() < 0.8:
            if rng.random() < 0.6:
                events.append(("complete", '{"percent": 100}'))
        elif fmt == "scenario" and rng.random() < 0.75:
            events.append(("scenario_start", "{}"))
            for n in range(rng.randint(2, 4)):
                events.append(("choice", json.dumps({
                    "step": f"step-{n + 1}", "choice": "a", "safe": rng.random() < 0.65,
                    "red_flag": rng.choice(RED_FLAGS)})))
            outcome = rng.choices(["safe", "partly", "scammed"], [5, 3, 2])[0]
            events.append(("scenario_end", f'{{"outcome": "{outcome}", "score": 50}}'))
        if rng.random() < 0.04:
            events.append(("share", '{"method": "native"}'))
        return events


EVENT_COLUMNS = ("event_id, event_type, page_id, link_id, campaign_id, visitor_key, qualified, "
                 "props, received_at, day")


def fill(generator, events_wanted, today):
    """Write ~events_wanted events over the last DAYS days (yesterday back), with COPY."""
    from django.db import connection

    rng = generator.rng
    first_day = today - dt.timedelta(days=DAYS)
    days = [first_day + dt.timedelta(days=n) for n in range(DAYS)]
    cumulative, total = [], 0.0
    for d in days:
        total += 1.25 if d.weekday() >= 5 else 1.0
        cumulative.append(total)
    indexes = range(DAYS)
    written = visit = 0
    started = time.monotonic()
    with connection.cursor() as cursor:
        with cursor.connection.cursor().copy(
            f"COPY campaigns_reachevent ({EVENT_COLUMNS}) FROM STDIN"
        ) as copy:
            while written < events_wanted:
                index = rng.choices(indexes, cum_weights=cumulative)[0]
                day = days[index]
                moment = dt.datetime.combine(
                    day, dt.time(rng.randint(6, 22), rng.randint(0, 59)), tzinfo=dt.UTC
                )
                visitor = (visit * 7919) % generator.visitors
                visit += 1
                for row in generator.visit_events(visitor, day, index, moment):
                    copy.write_row(row)
                    written += 1
                generator.visits = visit
                if visit % 200000 == 0:
                    rate = written / (time.monotonic() - started)
                    print(f"    {written:,} events ({rate:,.0f}/s)", flush=True)
    return written, min(visit, generator.visitors)


def copy_sets(generator, conflict_safe=False):
    """The campaign visitor set and the touches, as the ingest keeps them."""
    from django.db import connection

    visitors = [(c, k, d) for (c, k), d in generator.campaign_visitors.items()]
    touches = [(c, p, link or 0, ch, k) for c, p, link, ch, k in generator.touches]
    with connection.cursor() as cursor:
        raw = cursor.connection
        targets = [("campaigns_campaignvisitor", "campaign_id, visitor_key, first_seen",
                    visitors),
                   ("campaigns_campaignvisitortouch",
                    "campaign_id, page_id, link_id, channel, visitor_key", touches)]
        for table, columns, rows in targets:
            target = table
            if conflict_safe:
                target = f"bench_tmp_{table}"
                cursor.execute(f"CREATE TEMP TABLE {target} AS SELECT {columns} FROM {table} "
                               "WITH NO DATA")
            with raw.cursor().copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            if conflict_safe:
                cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {target} "
                               "ON CONFLICT DO NOTHING")
                cursor.execute(f"DROP TABLE {target}")
    return len(visitors), len(touches)


def top_up_running_campaign(campaign, links, visitors, today):
    """Give the running campaign ``visitors`` distinct visitors in all, with SQL
    (generate_series): each visitor not there yet gets a view and an engaged view through one
    of the campaign's links on one of its days so far, and its campaign visitor and touch rows.
    Keys are the generator's (``c<campaign>v<visitor>``), so later days meet returning
    visitors. Returns the events written."""
    from django.db import connection

    first = campaign.starts_on
    days = max(1, (today - first).days)  # its days up to yesterday
    link_rows = ", ".join(
        f"({n}, {link.pk}, {link.destination_id}, '{link.channel}')" for n, link in enumerate(links)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"""
            CREATE TEMP TABLE bench_top_up AS
            SELECT 'c' || lpad(%(c)s::text, 4, '0') || 'v' || lpad(n::text, 12, '0') AS key,
                   l.link_id, l.page_id, l.channel, %(first)s::date + (n %% %(days)s) AS day
            FROM generate_series(0, %(visitors)s - 1) n
            JOIN (VALUES {link_rows}) l (i, link_id, page_id, channel) ON l.i = n %% %(links)s
            WHERE NOT EXISTS (
                SELECT 1 FROM campaigns_campaignvisitor v WHERE v.campaign_id = %(c)s
                AND v.visitor_key = 'c' || lpad(%(c)s::text, 4, '0') || 'v'
                    || lpad(n::text, 12, '0'))
        """, {"c": campaign.pk, "first": first, "days": days, "visitors": visitors,
              "links": len(links)})
        cursor.execute("INSERT INTO campaigns_campaignvisitor (campaign_id, visitor_key, "
                       "first_seen) SELECT %s, key, day FROM bench_top_up", [campaign.pk])
        cursor.execute("INSERT INTO campaigns_campaignvisitortouch (campaign_id, page_id, "
                       "link_id, channel, visitor_key) SELECT %s, page_id, link_id, channel, key "
                       "FROM bench_top_up", [campaign.pk])
        cursor.execute(f"""
            INSERT INTO campaigns_reachevent ({EVENT_COLUMNS})
            SELECT gen_random_uuid(), t.type, page_id, link_id, %s, key, true, '{{}}'::jsonb,
                   (day + time '04:00') AT TIME ZONE 'UTC', day
            FROM bench_top_up CROSS JOIN (VALUES ('view'), ('engaged')) t (type)
        """, [campaign.pk])
        written = cursor.rowcount
        cursor.execute("DROP TABLE bench_top_up")
    return written


def record_event_ids(day=None):
    """What the ingest does for each stored event on PostgreSQL: its id in ReachEventId
    (every event's, or one day's)."""
    from django.db import connection

    where = "WHERE day = %s" if day else ""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO campaigns_reacheventid (event_id, day) SELECT event_id, day "
                       f"FROM campaigns_reachevent {where} ON CONFLICT DO NOTHING",
                       [day] if day else [])


def bytes_per_row():
    """{table: (rows, total bytes incl. indexes and TOAST, bytes per row)}; a partitioned
    table counts all its partitions."""
    from django.db import connection

    tables = ["campaigns_reachevent", "campaigns_reacheventid", "campaigns_campaignvisitor",
              "campaigns_campaignvisitortouch", "campaigns_dailyrollup",
              "campaigns_dailyscenariorollup", "campaigns_campaignreachfigure"]
    sizes = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(  # pg_partition_tree has no rows for a plain table
                "SELECT COALESCE((SELECT sum(pg_total_relation_size(relid)) "
                "FROM pg_partition_tree(%s::regclass)), pg_total_relation_size(%s::regclass))",
                [table, table])
            total = cursor.fetchone()[0]
            cursor.execute(f"SELECT count(*) FROM {table}")
            rows = cursor.fetchone()[0]
            sizes[table] = (rows, int(total), total / rows if rows else 0)
    return sizes


def write_day(generator, day, events, now, visitors):
    """~``events`` events received now for ``day`` (COPY), with the visitor sets."""
    from django.db import connection

    written = visit = 0
    with connection.cursor() as cursor:
        with cursor.connection.cursor().copy(
            f"COPY campaigns_reachevent ({EVENT_COLUMNS}) FROM STDIN"
        ) as copy:
            while written < events:
                moment = now - dt.timedelta(minutes=generator.rng.randint(0, 600))
                visitor = (visit * 104729) % visitors
                visit += 1
                for row in generator.visit_events(visitor, day, DAYS, moment):
                    copy.write_row(row[:8] + (now.isoformat(), day))
                    written += 1
    copy_sets(generator, conflict_safe=True)
    record_event_ids(day)
    return written


# --------------------------------------------------------------------------------------------
# Measuring


def postgres_settings():
    from django.db import connection

    names = ["shared_buffers", "work_mem", "maintenance_work_mem", "effective_cache_size",
             "max_parallel_workers_per_gather", "synchronous_commit"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, setting, unit FROM pg_settings WHERE name = ANY(%s)", [names])
        found = {name: f"{setting}{' x ' + unit if unit else ''}"
                 for name, setting, unit in cursor.fetchall()}
    return ", ".join(f"{name}={found.get(name)}" for name in names)


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def measure(client, url, requests, warmup=3):
    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise BenchError(f"{url} answered {response.status_code}")
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018 (rendered already; keep the body)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise BenchError(f"{url} answered {response.status_code}")
    return {"p50": statistics.median(times), "p95": percentile(times, 95), "max": max(times),
            "n": len(times)}


def queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000,
                        help="raw events over the year (10,000,000)")
    parser.add_argument("--visitors", type=int, default=None,
                        help="distinct visitors (default: events / 10, 1,000,000 at 10 M)")
    parser.add_argument("--day-events", type=int, default=30_000,
                        help="events in the incremental day (30,000)")
    parser.add_argument("--running-visitors", type=int, default=None,
                        help="distinct visitors of the running campaign (default: --visitors, "
                        "1,000,000 at 10 M), topped up with generate_series")
    parser.add_argument("--day-runs", type=int, default=3,
                        help="one-day rollups measured, one new day each (3; medians)")
    parser.add_argument("--prune-runs", type=int, default=3,
                        help="oldest months pruned, one at a time (3; medians)")
    parser.add_argument("--requests", type=int, default=30,
                        help="measured requests per page (30; at least 20)")
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--keep", action="store_true",
                        help="keep the database afterwards (prints its URL)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--reuse", metavar="DBNAME",
                        help="measure again on a database kept by --keep (migrated, no fill, "
                        "no full rollup; adds one more incremental day); kept afterwards")
    args = parser.parse_args(argv)
    if args.events < 1000 or args.requests < 20:
        parser.error("--events must be at least 1000 and --requests at least 20")
    args.visitors = args.visitors or max(100, args.events // 10)
    args.running_visitors = args.running_visitors or args.visitors
    return args


def existing_campaigns():
    """--reuse: the bench campaigns and lessons already in the database."""
    from campaigns.models import Campaign, TrackingLink
    from education.models import LessonPage

    lessons = list(LessonPage.objects.live().order_by("pk").values_list("pk", "lesson_format"))
    links = list(TrackingLink.objects.order_by("pk"))
    campaigns = [(c, [link for link in links if link.campaign_id == c.pk])
                 for c in Campaign.objects.filter(slug__startswith="bench-").order_by("slug")]
    if not campaigns:
        raise BenchError("--reuse: no bench campaigns in that database")
    return campaigns, lessons


def reused_counts():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), COUNT(DISTINCT substr(visitor_key, 7)) "
                       "FROM campaigns_reachevent")
        events, visitors = cursor.fetchone()
        cursor.execute("SELECT (SELECT COUNT(*) FROM campaigns_campaignvisitor), "
                       "(SELECT COUNT(*) FROM campaigns_campaignvisitortouch)")
        campaign_visitors, touches = cursor.fetchone()
    return {"events": events, "visitors": visitors, "campaign_visitors": campaign_visitors,
            "touches": touches}


def run(args, db):
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    results = {"events": args.events}
    now = timezone.now()
    today = now.date()
    if args.reuse:
        t = step("migrate (a database kept before a migration gets it, e.g. the monthly "
                 "rollups filled from its daily ones)")
        call_command("migrate", verbosity=0, interactive=False)
        campaigns, lessons = existing_campaigns()
        results.update(reused_counts(), fill_s=None, full_rollup_s=None)
    else:
        t = step("migrate")
        call_command("migrate", verbosity=0, interactive=False)
        t = step(f"load_demo_content (migrate took {time.monotonic() - t:.0f} s)")
        call_command("load_demo_content", verbosity=0)
        rng = random.Random(args.seed)
        campaigns, lessons = make_campaigns(today, rng)
        generator = Generator(campaigns, lessons, args.visitors, rng, secrets.token_hex(4))
        # the monthly partitions the migration and the rollups made as the year went by
        from campaigns.partitions import ensure_partition, month_of, next_month

        month = month_of(today - dt.timedelta(days=DAYS))
        while month <= today:
            ensure_partition(month)
            month = next_month(month)
        running, running_links = campaigns[-1]
        reserve = 17 * args.running_visitors // 10  # ~2 events per visitor topped up
        t = step(f"writing {args.events - reserve:,} events with COPY")
        written, visitors = fill(generator, args.events - reserve, today)
        written_before_top_up = written
        n_visitors, n_touches = copy_sets(generator)
        step(f"topping {running.name} up to {args.running_visitors:,} visitors "
             "(generate_series)")
        written += top_up_running_campaign(running, running_links, args.running_visitors,
                                           today)
        step("recording the event ids (ReachEventId)")
        record_event_ids()
        results["fill_s"] = time.monotonic() - t
        print(f"  generation took {results['fill_s']:.0f} s", flush=True)
        results["events_per_visit"] = written_before_top_up / generator.visits
        results.update(events=written, visitors=max(visitors, args.running_visitors),
                       campaign_visitors=n_visitors, touches=n_touches)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        t = step("rollup_reach (first run: every day)")
        call_command("rollup_reach", stdout=open(os.devnull, "w"))  # noqa: SIM115
        results["full_rollup_s"] = time.monotonic() - t
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # what autovacuum does soon after a rollup rewrites its rows (this machine's shared
        # PostgreSQL runs without autovacuum)
        cursor.execute("VACUUM campaigns_dailyrollup, campaigns_dailyscenariorollup, "
                       "campaigns_monthlyrollup, campaigns_monthlyscenariorollup")
        cursor.execute("SELECT COUNT(*) FROM campaigns_dailyrollup")
        results["rollup_rows"] = cursor.fetchone()[0]
        # the rows the annual report sums for its event figures: a year of monthly rollups
        # (what it reads) against the same year of daily rollups (what it read before)
        year = [dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)]
        types = ["view", "complete", "scenario_start", "scenario_end"]
        cursor.execute("SELECT COUNT(*) FROM campaigns_monthlyrollup WHERE month BETWEEN %s "
                       "AND %s AND event_type = ANY(%s)", [*year, types])
        monthly = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM campaigns_dailyrollup WHERE day BETWEEN %s "
                       "AND %s AND event_type = ANY(%s)", [*year, types])
        results["annual_rows"] = {"monthly": monthly, "daily": cursor.fetchone()[0]}
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        results["db_size"] = cursor.fetchone()[0]

    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True})
    client = Client()
    client.force_login(user)
    from django.db.models import Count

    from campaigns.models import Campaign, ReachEvent

    counts = dict(ReachEvent.objects.filter(campaign__isnull=False).order_by()
                  .values("campaign_id").annotate(n=Count("id")).values_list("campaign_id", "n"))
    biggest = Campaign.objects.get(pk=max(counts, key=counts.get))
    week_end = min(biggest.ends_on, today - dt.timedelta(days=1))
    week = (week_end - dt.timedelta(days=6), week_end)
    ids = "&".join(f"campaign={c.pk}" for c, _links in campaigns)
    report = reverse("campaigns_report", args=(biggest.pk,))
    pages = [
        ("campaign report (whole campaign)", report, True),
        ("campaign report (7-day range)",
         f"{report}?start={week[0].isoformat()}&end={week[1].isoformat()}", True),
        ("annual report (current year)",
         f"{reverse('campaigns_annual_report')}?year={today.year}", True),
        ("campaign report XLSX (all tables)", f"{report}?export=xlsx", False),
        (f"comparison of {len(campaigns)} campaigns",
         f"{reverse('campaigns_compare')}?{ids}", False),
        ("reports list", reverse("campaigns_reports"), False),
        ("admin dashboard (weekly reach panel)", reverse("wagtailadmin_home"), False),
    ]
    results["biggest_campaign"] = {"name": biggest.name, "raw_events": counts[biggest.pk],
                                   "days": (biggest.ends_on - biggest.starts_on).days + 1}
    results["pages"] = []
    for label, url, targeted in pages:
        print(f"  measuring {label} ...", flush=True)
        figures = measure(client, url, args.requests)
        figures.update(label=label, url=url, targeted=targeted,
                       queries=queries_for(client, url))
        results["pages"].append(figures)

    if args.reuse:  # the bench days from the earlier run go, so each day is one day's worth
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM campaigns_reachevent WHERE day >= %s", [today])
    from campaigns.models import CampaignVisitor
    from campaigns.rollups import recount_campaign_reach, rollup_days

    running = campaigns[-1][0]
    results["running_campaign"] = {
        "name": running.name,
        "visitors": CampaignVisitor.objects.filter(campaign=running).count(),
    }
    t = step(f"full recount of {running.name}'s reach (what every rollup did before)")
    with transaction.atomic():
        recount_campaign_reach(running.pk, timezone.now())
    results["full_recount_s"] = time.monotonic() - t
    results["day_rollups"] = []
    for run_number in range(args.day_runs):
        day = today + dt.timedelta(days=run_number)
        step(f"day {run_number + 1} of {args.day_runs}: {args.day_events:,} events for {day}")
        day_gen = Generator(campaigns, lessons, args.visitors,
                            random.Random(args.seed + 1 + run_number), secrets.token_hex(4))
        day_written = write_day(day_gen, day, args.day_events, timezone.now(), args.visitors)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE campaigns_campaignvisitortouch")
        t = time.monotonic()
        rollup_days([day], timezone.now())
        results["day_rollups"].append(time.monotonic() - t)
    results["day_events"] = day_written
    t = step("rollup_reach (incremental command, picks up the bench days again)")
    call_command("rollup_reach", stdout=open(os.devnull, "w"))  # noqa: SIM115
    results["incremental_s"] = time.monotonic() - t
    results["sizes"] = bytes_per_row()
    results["prunes"] = prune_months(args.prune_runs)
    return results


def prune_months(runs):
    """Drop the oldest month ``runs`` times, as ``prune_reach_events`` would when it expires:
    [(month, events, seconds to drop its partition, ids forgotten, seconds for the ids)]."""
    from django.db import transaction

    from campaigns.partitions import partitions, prune_partitions
    from campaigns.rollups import prune_event_ids

    done = []
    for _ in range(runs):
        name, _low, high = partitions()[0]
        step(f"pruning {name} (cutoff {high})")
        t = time.monotonic()
        with transaction.atomic():
            removed = prune_partitions(high)
        partition_s = time.monotonic() - t
        t = time.monotonic()
        ids = prune_event_ids(high)
        done.append((name, removed, partition_s, ids, time.monotonic() - t))
    return done


def print_results(results, header):
    print()
    print("\n".join(header))
    print(f"data      {results['events']:,} raw events, {results['visitors']:,} visitors, "
          f"{CAMPAIGNS} campaigns x {LINKS_PER_CAMPAIGN} links, {DAYS} days; "
          f"{results['campaign_visitors']:,} campaign visitors, {results['touches']:,} touches; "
          f"{results['rollup_rows']:,} daily rollup rows; database {results['db_size']}")
    rows = results["annual_rows"]
    print(f"          the annual report sums {rows['monthly']:,} monthly rollup rows for its event "
          f"figures (the year's daily rollup rows of those types: {rows['daily']:,})")
    big = results["biggest_campaign"]
    if results.get("events_per_visit"):
        print(f"          {results['events_per_visit']:.2f} events per visit in the random fill "
              "(the page script's event mix: link opens, views, engaged, video, scenario, share)")
    if results["fill_s"] is None:
        print(f"          report measured on {big['name']} ({big['raw_events']:,} raw events, "
              f"{big['days']} days); database reused (--reuse), not filled in this run")
    else:
        print(f"          report measured on {big['name']} ({big['raw_events']:,} raw events, "
              f"{big['days']} days); COPY took {results['fill_s']:.0f} s")
        print(f"          full rollup (first run, every day): {results['full_rollup_s']:.1f} s")
    print()
    rows = []
    for page in results["pages"]:
        verdict = ""
        if page["targeted"]:
            verdict = "PASS" if page["p95"] < TARGET_PAGE_P95_MS else "FAIL"
        rows.append([page["label"], f"{page['p50']:.1f}", f"{page['p95']:.1f}",
                     f"{page['max']:.1f}", page["queries"], page["n"],
                     f"< {TARGET_PAGE_P95_MS} ms" if page["targeted"] else "–", verdict])
    day = statistics.median(results["day_rollups"])
    running = results["running_campaign"]
    rows.append([f"one-day rollup ({results['day_events']:,} events; {running['name']}: "
                 f"{running['visitors']:,} visitors)", f"{day * 1000:.0f}", "",
                 f"{max(results['day_rollups']) * 1000:.0f}", "", len(results["day_rollups"]),
                 f"< {TARGET_INCREMENTAL_S:.0f} s (p50)",
                 "PASS" if day < TARGET_INCREMENTAL_S else "FAIL"])
    prunes = results["prunes"]
    if prunes:
        drop = statistics.median(p[2] for p in prunes)
        rows.append([f"pruning a month (drop partition, ~{prunes[0][1]:,} events)",
                     f"{drop * 1000:.0f}", "", f"{max(p[2] for p in prunes) * 1000:.0f}", "",
                     len(prunes), f"< {TARGET_PRUNE_S:.0f} s (p50)",
                     "PASS" if drop < TARGET_PRUNE_S else "FAIL"])
        ids = statistics.median(p[4] for p in prunes)
        rows.append([f"  + forgetting that month's ids (~{prunes[0][3]:,} ReachEventId rows)",
                     f"{ids * 1000:.0f}", "", f"{max(p[4] for p in prunes) * 1000:.0f}", "",
                     len(prunes), "–", ""])
    print("\n".join(format_table(
        ["what", "p50 ms", "p95 ms", "max ms", "queries", "n", "target", ""],
        rows, numeric={1, 2, 3, 4, 5},
    )))
    print(f"\nfull recount of {running['name']}'s reach (every rollup before incremental "
          f"counting): {results['full_recount_s']:.2f} s; rollup_reach command afterwards "
          f"(re-rolls the {len(results['day_rollups'])} bench days): "
          f"{results['incremental_s']:.2f} s")
    print("\nstorage (pg_total_relation_size: table + indexes + TOAST, all partitions)")
    print("\n".join(format_table(
        ["table", "rows", "MB", "bytes/row"],
        [[table, f"{rows:,}", f"{total / 1e6:.1f}", f"{per_row:.0f}"]
         for table, (rows, total, per_row) in results["sizes"].items()],
        numeric={1, 2, 3},
    )))
    if results["events"] < 10_000_000:
        print(f"\nNote: {results['events']:,} events, scaled down from the targets' 10 M.")


def main(argv=None):
    args = parse_args(argv)
    install_signal_handlers()
    db = Database()
    if args.reuse:
        db.dbname, args.keep = args.reuse, True
    try:
        if not args.reuse:
            db.create()
        print("\n".join(system_lines()), flush=True)
        print(f"{'Reusing' if args.reuse else 'Filling'} {db.dbname} on PostgreSQL "
              f"{db.server_version()} ...", flush=True)
        set_up_django(db)
        results = run(args, db)
        header = system_lines() + [
            f"database  PostgreSQL {db.server_version()} on {PG_HOST}:{PG_PORT} "
            f"(throwaway: {db.dbname}); {postgres_settings()}",
            "measured  in-process, Django test Client, production settings (DEBUG off), "
            f"{args.requests} requests per page after 3 warm-up requests; server time only",
        ]
        print_results(results, header)
        if args.json:
            write_json(args.json, {"header": header, **results})
    except BenchError as exc:
        print(f"\nbench/reports.py: ERROR: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.keep and (db.created or args.reuse):
            print(f"Database kept: {db.url}")
        else:
            db.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
