"""Beacon ingest benchmark: events/s, latency and a loss check for POST /api/reach/events.

Serves the site with gunicorn (2 workers, gthread with 4 threads each as README.md recommends
for production; production settings, DEBUG off) on SQLite (a fresh file in bench/.work/) and
on PostgreSQL (a throwaway database on 127.0.0.1:5432, dropped afterwards), and sends beacon
batches of unique event ids to one live video lesson from the same machine, in three scenarios:

  (a) 1 event per request, as fast as the server answers (wrk);
  (b) 20 events per request, as fast as the server answers (wrk);
  (c) 1 event per request at a fixed 200 requests/s, for the p99 latency (a paced generator in
      this file: wrk cannot pace and Debian does not package wrk2).

After every run it reads the stored event ids back and checks, id by id, that every event
acknowledged with 202 was stored once (0 lost, 0 doubled). Stored events are deleted before
every run, so each run is checked on its own. Each run also records, from /proc, the CPU the
server, PostgreSQL, the load generator and every other process used: on a shared 2-core
machine that tells a slow server from one that got too little of the machine.

`--threads N` sets the threads per worker; `--threads 1` runs the 2 workers as `-k sync`
instead. Why threads: on a disk where a commit's flush takes about a millisecond, 2 sync
workers can have only 2 commits in flight, so PostgreSQL cannot group them (pgbench here:
~850 single-row commits/s at 2 clients, ~1,600 at 8, ~3,700 at 16); and sync workers close
the connection after every answer, where gthread keeps it open for the next batch.

Run from the repository root:  .venv/bin/python bench/ingest.py [--quick] [--backend both]

This prints figures; it is not a test and asserts nothing (rows are marked PASS/FAIL against
the issue's targets only to make the table easy to read).
"""

import argparse
import asyncio
import contextlib
import json
import os
import re
import resource
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from common import (
    GUNICORN_ARGS,
    HOST,
    PG_HOST,
    PG_PORT,
    ROOT,
    WORK,
    BenchError,
    CpuMeter,
    Gunicorn,
    ThrowawayPostgres,
    ensure_wrk,
    format_cpu,
    format_table,
    install_signal_handlers,
    min_django,
    run_step,
    system_lines,
    write_json,
    wrk_version,
)

ENDPOINT = "/api/reach/events"
# A desktop browser: the ingest drops bots (an empty or crawler user agent) by design.
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
# One connection per wrk thread: each thread then has at most one request in flight, so its
# response() hook always answers the request its request() hook built last, and the script
# knows exactly which event ids were acknowledged.
WRK_THREADS = 8
WRK_CONNECTIONS = 8
WRK_TIMEOUT = "30s"  # above SQLite's 20 s busy timeout, so slow answers are measured, not lost
WARMUP_SECONDS = 1
PACED_RATE = 200
PACED_TIMEOUT = 30.0
SETTLE_POLL = 0.5  # seconds between two equal counts of stored rows before a run is checked


# Targets from the issue (PostgreSQL only; SQLite's figures are given without targets).
TARGET_ONE = 1_500  # events/s, one event per request
TARGET_BATCH = 15_000  # events/s, 20 events per request
TARGET_P99_MS = 50  # p99 at 200 requests/s

# Event types cycled through the batches, each as a video lesson's page script sends it (the
# beacon stores only what the page can send: campaigns/vocabulary.py). The page is a live
# video whose completion threshold is COMPLETE_PERCENT.
COMPLETE_PERCENT = 90
EVENT_TYPES = [
    '"view"', '"engaged"', '"play"', '"progress","props":{"percent":50}',
    f'"complete","props":{{"percent":{COMPLETE_PERCENT}}}',
]
LOG_PATTERNS = {
    "database is locked": "database is locked",
    "could not be stored (503)": "Reach events could not be stored",
    "traceback": "Traceback (most recent call last)",
    "worker timeout": "WORKER TIMEOUT",
}

# The wrk script. Event ids look like uuid4s and never repeat across threads and runs:
#   <run nonce, 8 hex>-<thread, 4 hex>-4<run nonce, 3 hex>-8<event index, 3 hex>-<counter, 12 hex>
# The random run nonce comes from Python (one per wrk invocation), so Python can rebuild every
# id the script sent and compare it with the ids stored.
WRK_LUA = r"""
local threads = {}
local types = {@TYPES@}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  nonce, nonce3, per_request, page = args[1], args[2], tonumber(args[3]), args[4]
  counter, pending, accepted, dropped = 0, 0, 0, 0
  statuses, unacked_counter, unacked_status = {}, {}, {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["User-Agent"] = args[5]
end

local function unacked(status)
  unacked_counter[#unacked_counter + 1] = pending
  unacked_status[#unacked_status + 1] = status
end

function request()
  if pending > 0 then unacked(0) end  -- the last request got no answer (socket error)
  counter = counter + 1
  pending = counter
  local events = {}
  for i = 0, per_request - 1 do
    events[i + 1] = string.format('{"id":"%s-%04x-4%s-8%03x-%012x","type":%s,"page":%s}',
      nonce, tid, nonce3, i, counter, types[(counter + i) % #types + 1], page)
  end
  return wrk.format(nil, nil, nil, '{"events":[' .. table.concat(events, ",") .. ']}')
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if status == 202 then
    local a, d = string.match(body, '"accepted":%s*(%d+),%s*"dropped":%s*(%d+)')
    accepted = accepted + (tonumber(a) or 0)
    dropped = dropped + (tonumber(d) or 0)
  else
    unacked(status)
  end
  pending = 0
end

function done(summary, latency, requests)
  local out = {}
  for _, t in ipairs(threads) do
    local codes = {}
    for k, v in pairs(t:get("statuses")) do codes[#codes + 1] = string.format('"%s": %d', k, v) end
    local uc, us, u = t:get("unacked_counter"), t:get("unacked_status"), {}
    for i = 1, #uc do u[i] = string.format("[%d, %d]", uc[i], us[i]) end
    out[#out + 1] = string.format(
      '{"tid": %d, "sent": %d, "pending": %d, "accepted": %d, "dropped": %d, ' ..
      '"statuses": {%s}, "unacked": [%s]}',
      t:get("tid"), t:get("counter"), t:get("pending"), t:get("accepted"), t:get("dropped"),
      table.concat(codes, ", "), table.concat(u, ", "))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %d, "seconds": %.6f, "p50_ms": %.3f, "p99_ms": %.3f, ' ..
    '"max_ms": %.3f, "socket_errors": {"connect": %d, "read": %d, "write": %d, ' ..
    '"timeout": %d}, "threads": [%s]}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.connect, e.read, e.write, e.timeout,
    table.concat(out, ", ")))
end
""".replace("@TYPES@", ", ".join(f"'{t}'" for t in EVENT_TYPES))


# --------------------------------------------------------------------------------------------
# Event ids and bodies (the same scheme as the Lua script)


def new_nonce():
    """A random run nonce: (8 hex, 3 hex)."""
    return secrets.token_hex(4), secrets.token_hex(2)[:3]


def event_hex(nonce, thread, counter, index):
    """The 32-hex form of an event id (how SQLite stores a UUIDField; PostgreSQL minus '-')."""
    return f"{nonce[0]}{thread:04x}4{nonce[1]}8{index:03x}{counter:012x}"


def batch_body(nonce, thread, counter, per_request, page):
    events = []
    for i in range(per_request):
        h = event_hex(nonce, thread, counter, i)
        event_id = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        kind = EVENT_TYPES[(counter + i) % len(EVENT_TYPES)]
        events.append(f'{{"id":"{event_id}","type":{kind},"page":{page}}}')
    return ('{"events":[' + ",".join(events) + "]}").encode()


# --------------------------------------------------------------------------------------------
# Databases


class SQLiteDB:
    name = "sqlite"
    label = "SQLite"

    def __init__(self):
        self.path = WORK / "ingest.sqlite3"

    @property
    def url(self):
        return f"sqlite:///{self.path}"

    def create(self):
        WORK.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def drop(self):
        """The file stays in bench/.work/ for inspection; the next run replaces it."""

    def version(self):
        return f"SQLite {sqlite3.sqlite_version} (file, WAL)"

    def _connect(self):
        return contextlib.closing(sqlite3.connect(self.path, timeout=60, isolation_level=None))

    def clear(self):
        with self._connect() as conn:
            conn.execute("DELETE FROM campaigns_reachevent")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def count(self):
        with self._connect() as conn:
            return conn.execute("SELECT COUNT(*) FROM campaigns_reachevent").fetchone()[0]

    def stored(self):
        """(every stored event id as 32 hex, COUNT(*) - COUNT(DISTINCT event_id))."""
        with self._connect() as conn:
            ids = [row[0] for row in conn.execute("SELECT event_id FROM campaigns_reachevent")]
            total, distinct = conn.execute(
                "SELECT COUNT(*), COUNT(DISTINCT event_id) FROM campaigns_reachevent"
            ).fetchone()
        return [str(i).replace("-", "").lower() for i in ids], total - distinct


class PostgresDB(ThrowawayPostgres):
    name = "postgres"
    label = "PostgreSQL"

    def __init__(self):
        super().__init__("ingest")

    def create(self):
        super().create(hint="; start it or use --backend sqlite")

    def version(self):
        return f"PostgreSQL {self.server_version()} on {PG_HOST}:{PG_PORT} (throwaway database)"

    def clear(self):
        self.psql("TRUNCATE campaigns_reachevent")

    def count(self):
        return int(self.psql("SELECT COUNT(*) FROM campaigns_reachevent").strip())

    def stored(self):
        ids = self.psql("SELECT event_id FROM campaigns_reachevent").split()
        total, distinct = self.psql(
            "SELECT COUNT(*), COUNT(DISTINCT event_id) FROM campaigns_reachevent"
        ).strip().split("|")
        return [i.replace("-", "").lower() for i in ids], int(total) - int(distinct)


BACKENDS = {"sqlite": SQLiteDB, "postgres": PostgresDB}


# --------------------------------------------------------------------------------------------
# The site


def site_env(db, conn_max_age=None):
    """Production settings, DEBUG off; the rate limit raised so it does not cap the load."""
    drop = {"REDIS_URL", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-only",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=db.url,
        MEDIA_ROOT=str(WORK / f"ingest-media-{db.name}"),
        SECURE_SSL_REDIRECT="0",
        PAGE_CACHE="1",
        REACH_RATE_LIMIT="100000000",
    )
    if conn_max_age is not None:
        env["DB_CONN_MAX_AGE"] = str(conn_max_age)
    return env


PICK_PAGE = (
    "from education.models import VideoLesson; "
    f"print(VideoLesson.objects.live().filter(completion_threshold={COMPLETE_PERCENT})"
    ".order_by('pk').values_list('pk', flat=True).first())"
)


def build_site(db):
    """Fresh database, migrated, with the demo content; returns a live video lesson's id."""
    print(f"Building the site on {db.label} (fresh database, demo content) ...", flush=True)
    db.create()
    shutil.rmtree(WORK / f"ingest-media-{db.name}", ignore_errors=True)
    env = site_env(db)
    manage = [sys.executable, "manage.py"]
    run_step("migrate", [*manage, "migrate", "--noinput"], env)
    run_step("load_demo_content", [*manage, "load_demo_content"], env)
    out = run_step("pick a live video lesson", [*manage, "shell", "-c", PICK_PAGE], env)
    last = (out.strip().splitlines() or ["None"])[-1].strip()
    if not last.isdigit():
        raise BenchError(
            f"no live VideoLesson completing at {COMPLETE_PERCENT} % after load_demo_content "
            f"(shell printed {out!r})"
        )
    return int(last)


def post_once(server, page):
    """One beacon with one event; returns (status, body)."""
    body = batch_body(new_nonce(), 0xFFFF, 1, 1, page)
    req = urllib.request.Request(
        server.base + ENDPOINT,
        data=body,
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except OSError as exc:
        return None, str(exc)


def check_endpoint(server, page):
    status, text = post_once(server, page)
    try:
        answer = json.loads(text)
    except ValueError:
        answer = None
    if status != 202 or answer != {"accepted": 1, "dropped": 0}:
        raise BenchError(
            f"{server.label}: a one-event beacon for page {page} answered {status} {text!r}, "
            f"expected 202 {{'accepted': 1, 'dropped': 0}}\nlog {server.log}:\n"
            f"{server.log_tail()}"
        )


# --------------------------------------------------------------------------------------------
# Load: wrk for the maximum-throughput scenarios


def wrk_once(ctx, server, page, per_request, seconds):
    """One wrk run; returns the run's figures and the 32-hex ids acknowledged with 202."""
    nonce = new_nonce()
    cmd = [
        ctx.wrk, f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s",
        f"--timeout={WRK_TIMEOUT}", "-s", str(ctx.lua), server.base + ENDPOINT,
        "--", nonce[0], nonce[1], str(per_request), str(page), USER_AGENT,
    ]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The CPU window leaves out wrk's start and end (it must end while wrk still runs).
    lead = min(0.5, seconds * 0.1)
    time.sleep(lead)
    with CpuMeter(server.session) as meter:
        time.sleep(max(0.1, started + seconds - lead - time.monotonic()))
        cpu = meter.stop()
    try:
        stdout, stderr = proc.communicate(timeout=seconds + 120)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
    proc.stdout, proc.stderr = stdout, stderr
    data = None
    for line in proc.stdout.splitlines():
        if line.startswith("BENCHJSON "):
            data = json.loads(line[len("BENCHJSON ") :])
    if data is None:
        raise BenchError(
            f"wrk printed no figures (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
        )
    statuses = Counter()
    acked, acked_requests, unanswered = set(), 0, {}
    accepted = dropped = 0
    for thread in data["threads"]:
        tid = thread["tid"]
        statuses.update({int(k): v for k, v in thread["statuses"].items()})
        accepted += thread["accepted"]
        dropped += thread["dropped"]
        not_acked = {counter: status for counter, status in thread["unacked"]}
        if thread["pending"]:
            not_acked[thread["pending"]] = 0  # in flight when wrk stopped
        for counter, status in not_acked.items():
            for i in range(per_request):
                unanswered[event_hex(nonce, tid, counter, i)] = status
        for counter in range(1, thread["sent"] + 1):
            if counter not in not_acked:
                acked_requests += 1
                acked.update(event_hex(nonce, tid, counter, i) for i in range(per_request))
    ok = statuses.get(202, 0)
    seconds_run = data["seconds"]
    run = {
        "tool": "wrk",
        "seconds": seconds_run,
        "requests": data["requests"],
        "rps": data["requests"] / seconds_run,
        "events_per_s": ok * per_request / seconds_run,
        "p50_ms": data["p50_ms"],
        "p99_ms": data["p99_ms"],
        "max_ms": data["max_ms"],
        "statuses": dict(statuses),
        "socket_errors": sum(data["socket_errors"].values()),
        "acked_events": ok * per_request,
        "accepted_in_bodies": accepted,
        "dropped_in_bodies": dropped,
        # The id bookkeeping must agree with wrk's own count of 202s, or the check is void.
        "bookkeeping_ok": acked_requests == ok,
        "cpu": cpu,
    }
    return run, acked, unanswered, nonce


# --------------------------------------------------------------------------------------------
# Load: a paced generator for the fixed-rate scenario


async def _paced(port, page, per_request, rate, seconds, nonce):
    """Open-loop load: request k is due at start + k/rate whatever happened before it, on a
    new connection, as each page view's beacon opens its own (and gunicorn's sync workers
    close every connection after answering). Latency
    is measured from the due time, so a slow answer also delays what queues behind it
    (no coordinated omission), as wrk2 does."""
    loop = asyncio.get_running_loop()
    total = max(1, round(rate * seconds))
    results = [None] * total

    async def exchange(raw):
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            writer.write(raw)
            await writer.drain()
            return await reader.read()  # until the server closes the connection
        finally:
            writer.close()

    async def one(k, due):
        body = batch_body(nonce, 0, k + 1, per_request, page)
        raw = (
            f"POST {ENDPOINT} HTTP/1.1\r\nHost: {HOST}:{port}\r\nUser-Agent: {USER_AGENT}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode() + body
        sent = loop.time()
        status, accepted, dropped = 0, 0, 0
        try:
            reply = await asyncio.wait_for(exchange(raw), PACED_TIMEOUT)
            head, _, payload = reply.partition(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            if status == 202:
                answer = json.loads(payload)
                accepted, dropped = answer["accepted"], answer["dropped"]
        except (OSError, TimeoutError, ValueError, IndexError, KeyError):
            pass
        end = loop.time()
        results[k] = (status, accepted, dropped, end - due, end - sent, sent - due, end)

    start = loop.time() + 0.05
    tasks = []
    for k in range(total):
        due = start + k / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(k, due)))
    await asyncio.gather(*tasks)
    return results, start


def percentile(values, q):
    """The q-th percentile (nearest rank) of a list of numbers."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def raise_open_files_limit():
    """A server that falls behind the pace keeps many connections open; allow them."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def paced_once(server, page, per_request, rate, seconds):
    raise_open_files_limit()
    nonce = new_nonce()
    with CpuMeter(server.session) as meter:  # the generator is this process
        results, start = asyncio.run(
            _paced(server.port, page, per_request, rate, seconds, nonce)
        )
        cpu = meter.stop(own_pid=os.getpid())
    statuses = Counter(r[0] for r in results)
    acked, unanswered = set(), {}
    for k, (status, *_rest) in enumerate(results):
        ids = [event_hex(nonce, 0, k + 1, i) for i in range(per_request)]
        if status == 202:
            acked.update(ids)
        else:
            unanswered.update(dict.fromkeys(ids, status))
    elapsed = max(r[6] for r in results) - start
    latency = [r[3] * 1000 for r in results if r[0]]
    answered = sum(1 for r in results if r[0])
    socket_errors = statuses.pop(0, 0)  # no answer: refused, reset or timed out
    run = {
        "tool": "paced",
        "seconds": elapsed,
        "requests": answered,
        "rps": answered / elapsed,
        "events_per_s": sum(r[1] for r in results) / elapsed,
        "p50_ms": percentile(latency, 50),
        "p99_ms": percentile(latency, 99),
        "max_ms": max(latency, default=0.0),
        "service_p99_ms": percentile([r[4] * 1000 for r in results if r[0]], 99),
        "send_lag_p99_ms": percentile([r[5] * 1000 for r in results], 99),
        "statuses": dict(statuses),
        "socket_errors": socket_errors,
        "acked_events": statuses.get(202, 0) * per_request,
        "accepted_in_bodies": sum(r[1] for r in results),
        "dropped_in_bodies": sum(r[2] for r in results),
        "bookkeeping_ok": True,
        "cpu": cpu,
    }
    return run, acked, unanswered, nonce


# --------------------------------------------------------------------------------------------
# Scenarios, runs and the loss check


@dataclass
class Scenario:
    key: str
    label: str
    per_request: int
    rate: int | None  # None: as fast as the server answers (wrk)


SCENARIOS = [
    Scenario("one", "1 event/req, max (wrk)", 1, None),
    Scenario("batch", "20 events/req, max (wrk)", 20, None),
    Scenario("paced", f"1 event/req @{PACED_RATE} req/s (paced)", 1, PACED_RATE),
]


@dataclass
class Result:
    """The median figures of one scenario on one backend, and the loss check of every run."""

    backend: str
    scenario: str
    label: str
    events_per_s: float
    rps: float
    p50_ms: float
    p99_ms: float
    acked: int
    stored: int
    lost: int
    doubled: int
    stored_unacked: int
    foreign: int
    non_2xx: dict
    socket_errors: int
    log: dict
    bookkeeping_ok: bool
    cpu: dict = field(default_factory=dict)
    server_ms: float = 0.0
    postgres_ms: float = 0.0
    runs: list = field(default_factory=list)
    target: str = "-"
    verdict: str = "-"


def settle(db, timeout=60):
    """Wait until the stored row count stops changing (requests cut off at the end of a run
    may still be committing)."""
    deadline = time.monotonic() + timeout
    last = db.count()
    while time.monotonic() < deadline:
        time.sleep(SETTLE_POLL)
        now = db.count()
        if now == last:
            return
        last = now


def log_counts(server, offset):
    """How often each LOG_PATTERNS text appears in the server log after `offset` bytes."""
    try:
        with open(server.log, "rb") as fh:
            fh.seek(offset)
            text = fh.read().decode("utf-8", "replace")
    except OSError:
        return {}
    return {name: text.count(pattern) for name, pattern in LOG_PATTERNS.items() if pattern in text}


def log_size(server):
    try:
        return server.log.stat().st_size
    except OSError:
        return 0


def one_run(ctx, server, db, page, scenario, seconds):
    """Clear the stored events, load, settle, and check every acknowledged id was stored once."""
    db.clear()
    offset = log_size(server)
    if scenario.rate:
        run, acked, unanswered, nonce = paced_once(
            server, page, scenario.per_request, scenario.rate, seconds
        )
    else:
        run, acked, unanswered, nonce = wrk_once(ctx, server, page, scenario.per_request, seconds)
    settle(db)
    ids, doubled = db.stored()
    stored = set(ids)
    prefix = nonce[0]
    mine = {i for i in stored if i.startswith(prefix)}
    stored_unacked = mine - acked
    by_status = Counter(unanswered.get(i, "unknown") for i in stored_unacked)
    run.update(
        stored=len(ids),
        lost=len(acked - stored),
        doubled=doubled,
        stored_unacked=len(stored_unacked),
        # Stored although answered with an error status: a 503 must mean "not committed".
        stored_after_error={str(k): v for k, v in by_status.items() if k not in (0, "unknown")},
        foreign=len(stored - mine),
        log=log_counts(server, offset),
    )
    return run


def cpu_ms(run, kind):
    """Milliseconds of CPU `kind` spent per request answered during the run."""
    return run["cpu"][kind] / 100 * 1000 / run["rps"] if run["rps"] else 0.0


def measure(ctx, server, db, page, scenario):
    warm = one_run(ctx, server, db, page, scenario, WARMUP_SECONDS)
    runs = []
    for n in range(ctx.runs):
        run = one_run(ctx, server, db, page, scenario, ctx.duration)
        runs.append(run)
        errors = {k: v for k, v in run["statuses"].items() if not 200 <= int(k) < 300}
        print(
            f"  {db.name:<8} {scenario.label:<32} run {n + 1}: {run['events_per_s']:9,.0f} ev/s "
            f"{run['rps']:7,.0f} req/s  p50 {run['p50_ms']:6.1f} ms  p99 {run['p99_ms']:7.1f} ms"
            f"  acked {run['acked_events']:,} stored {run['stored']:,} lost {run['lost']} "
            f"doubled {run['doubled']}"
            + (f"  non-2xx {errors}" if errors else "")
            + (f"  socket errors {run['socket_errors']}" if run["socket_errors"] else "")
            + (
                f"  generator send lag p99 {run['send_lag_p99_ms']:.1f} ms"
                if run.get("send_lag_p99_ms", 0) > 5
                else ""
            )
            + (f"  log {run['log']}" if run["log"] else "")
            + f"\n{'':11}cpu {format_cpu(run['cpu'])} | server {cpu_ms(run, 'server'):.2f} ms"
            f" and postgres {cpu_ms(run, 'postgres'):.2f} ms of CPU per request",
            flush=True,
        )
    non_2xx = Counter()
    log = Counter()
    for run in runs:
        non_2xx.update({int(k): v for k, v in run["statuses"].items() if not 200 <= int(k) < 300})
        log.update(run["log"])
    result = Result(
        backend=db.name,
        scenario=scenario.key,
        label=scenario.label,
        events_per_s=statistics.median(r["events_per_s"] for r in runs),
        rps=statistics.median(r["rps"] for r in runs),
        p50_ms=statistics.median(r["p50_ms"] for r in runs),
        p99_ms=statistics.median(r["p99_ms"] for r in runs),
        acked=sum(r["acked_events"] for r in runs),
        stored=sum(r["stored"] for r in runs),
        lost=sum(r["lost"] for r in runs),
        doubled=sum(r["doubled"] for r in runs),
        stored_unacked=sum(r["stored_unacked"] for r in runs),
        foreign=sum(r["foreign"] for r in runs),
        non_2xx=dict(sorted(non_2xx.items())),
        socket_errors=sum(r["socket_errors"] for r in runs),
        log=dict(log),
        bookkeeping_ok=all(r["bookkeeping_ok"] for r in runs),
        cpu={
            kind: statistics.median(r["cpu"][kind] for r in runs)
            for kind in ("server", "generator", "postgres", "other", "machine busy")
        },
        server_ms=statistics.median(cpu_ms(r, "server") for r in runs),
        postgres_ms=statistics.median(cpu_ms(r, "postgres") for r in runs),
        runs=[{"warmup": True, **warm}, *runs],
    )
    judge(result)
    return result


def judge(res):
    """Set the row's target text and PASS/FAIL (PostgreSQL only; SQLite gets no target)."""
    loss_ok = res.lost == 0 and res.doubled == 0 and res.foreign == 0 and res.bookkeeping_ok
    if res.scenario == "paced":
        res.target = f"p99 < {TARGET_P99_MS} ms"
        met = res.p99_ms < TARGET_P99_MS
    else:
        goal = TARGET_ONE if res.scenario == "one" else TARGET_BATCH
        res.target = f"≥ {goal:,} ev/s"
        met = res.events_per_s >= goal
    if res.backend != "postgres":
        res.target = "-"
        res.verdict = "-" if loss_ok else "FAIL (loss check)"
        return
    res.verdict = "PASS" if met and loss_ok else "FAIL"
    if not loss_ok:
        res.verdict += " (loss check)"


def measure_backend(ctx, name):
    db = BACKENDS[name]()
    results = []
    try:
        page = build_site(db)
        label = f"ingest {db.name}"
        env = site_env(db, ctx.conn_max_age)
        server = Gunicorn(label, "config.wsgi", env, ROOT, capture_output=True, args=ctx.gunicorn)
        server.log.parent.mkdir(parents=True, exist_ok=True)
        server.log.unlink(missing_ok=True)  # one log per bench run
        ctx.versions[name] = db.version()
        print(f"Measuring {db.label} (lesson page {page}; log {server.log}) ...", flush=True)
        with server:
            check_endpoint(server, page)
            for scenario in SCENARIOS:
                results.append(measure(ctx, server, db, page, scenario))
    finally:
        db.drop()
    return results


def calibrate(ctx):
    """req/s of the one-view Django project served the same way (wrk GET /, -t1 -c8): how fast
    this machine is right now, next to the issue's reference (~6,300 req/s)."""
    with min_django() as server:
        cmd = [ctx.wrk, "-t1", "-c8", f"-d{ctx.duration}s", server.base + "/"]
        subprocess.run([*cmd[:3], "-d1s", cmd[4]], capture_output=True)  # warm-up
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        lead = min(0.5, ctx.duration * 0.1)
        time.sleep(lead)
        with CpuMeter(server.session) as meter:
            time.sleep(max(0.1, started + ctx.duration - lead - time.monotonic()))
            cpu = meter.stop()
        out = proc.communicate()[0]
    match = re.search(r"^Requests/sec:\s+([\d.]+)", out, re.M)
    if not match:
        raise BenchError(f"wrk printed no Requests/sec for the minimal Django project:\n{out}")
    rps = float(match[1])
    ctx.calibration_cpu.append((cpu, cpu["server"] / 100 * 1000 / rps))
    return rps


# --------------------------------------------------------------------------------------------
# Report


def header_lines(ctx):
    dbs = " | ".join(ctx.versions[name] for name in ctx.backends if name in ctx.versions)
    conn = (
        "DB_CONN_MAX_AGE unset (production default 60: connections kept between requests)"
        if ctx.conn_max_age is None
        else f"DB_CONN_MAX_AGE={ctx.conn_max_age}"
        + (" (a new connection per request)" if ctx.conn_max_age == 0 else "")
    )
    return [
        *system_lines(),
        f"busy      1-min load average {ctx.load_before:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end (other processes on the machine add noise)",
        f"baseline  a one-view Django project served the same way (wrk -t1 -c8): "
        f"{' then '.join(f'{r:,.0f}' for r in ctx.calibration)} req/s at the start and end "
        f"(the issue's reference for this machine kind: ~6,300); its server used "
        f"{' then '.join(f'{ms:.2f}' for _, ms in ctx.calibration_cpu)} ms of CPU per "
        f"request, others on the machine "
        f"{' then '.join(format(cpu['other'], '.0f') + '%' for cpu, _ in ctx.calibration_cpu)}"
        f" of a core",
        f"server    gunicorn {' '.join(ctx.gunicorn)} on {HOST}, production settings "
        f"(DEBUG off), PAGE_CACHE=1, REACH_RATE_LIMIT=100000000, {conn}",
        f"database  {dbs}",
        f"load      max: {wrk_version(ctx.wrk)} -t{WRK_THREADS} -c{WRK_CONNECTIONS} "
        f"-d{ctx.duration}s; paced: bench/ingest.py's asyncio generator, {PACED_RATE} req/s "
        f"open-loop, new connection per request, latency from each request's due time (wrk2 "
        f"is not packaged in Debian); same machine",
        f"runs      {ctx.runs} per figure (median reported; loss check on every run), "
        f"{WARMUP_SECONDS} s warm-up per scenario, stored events deleted before every run",
    ]


def print_table(results):
    header = (
        "backend", "scenario", "events/s", "req/s", "p50 ms", "p99 ms", "acked", "stored",
        "lost", "doubled", "non-2xx", "target", "result",
    )
    rows = []
    for res in results:
        non_2xx = ", ".join(f"{k}×{v}" for k, v in res.non_2xx.items()) or "0"
        if res.socket_errors:
            non_2xx += f", socket×{res.socket_errors}"
        rows.append((
            res.backend, res.label, f"{res.events_per_s:,.0f}", f"{res.rps:,.0f}",
            f"{res.p50_ms:.1f}", f"{res.p99_ms:.1f}", f"{res.acked:,}", f"{res.stored:,}",
            f"{res.lost:,}", f"{res.doubled:,}", non_2xx, res.target, res.verdict,
        ))
    print()
    print("\n".join(format_table(header, rows, numeric={2, 3, 4, 5, 6, 7, 8, 9})))
    print()
    print(
        f"Targets (PostgreSQL; SQLite is measured without targets): ≥ {TARGET_ONE:,} events/s "
        f"sent one per request, ≥ {TARGET_BATCH:,} events/s sent 20 per request, p99 < "
        f"{TARGET_P99_MS} ms at {PACED_RATE} requests/s, and 0 lost, 0 doubled in every run."
    )
    print(
        "events/s: events acknowledged with 202 per second. acked / stored / lost / doubled: "
        "summed over the runs. lost = acknowledged ids not stored; doubled = COUNT(*) - "
        "COUNT(DISTINCT event_id). stored - acked = requests still in flight when wrk stopped "
        "(committed, never answered to wrk): not a loss."
    )
    print()
    cpu_header = (
        "backend", "scenario", "server", "server ms/req", "postgres", "postgres ms/req",
        "generator", "other", "machine busy",
    )
    cpu_rows = [
        (
            res.backend, res.label, f"{res.cpu['server']:.0f}%", f"{res.server_ms:.2f}",
            f"{res.cpu['postgres']:.0f}%", f"{res.postgres_ms:.2f}", f"{res.cpu['generator']:.0f}%",
            f"{res.cpu['other']:.0f}%", f"{res.cpu['machine busy']:.0f}%",
        )
        for res in results
    ]
    print("\n".join(format_table(cpu_header, cpu_rows, numeric=set(range(2, 9)))))
    print(
        "CPU (medians over the runs, from /proc): share of one core (machine busy: 200% = both "
        "cores of a 2-core machine) used by the server (gunicorn and its workers), PostgreSQL, "
        "the load generator (wrk; for the paced runs this script) and everything else, and the "
        "server's and PostgreSQL's CPU per request answered."
    )
    notes = []
    for res in results:
        where = f"{res.backend} {res.label}"
        if res.log:
            notes.append(f"{where}: server log {res.log}")
        if res.foreign:
            notes.append(f"{where}: {res.foreign} stored ids were not sent by that run")
        if not res.bookkeeping_ok:
            notes.append(f"{where}: the acknowledged-id bookkeeping disagreed with wrk's 202 count")
        after_error = Counter()
        for run in res.runs[1:]:
            after_error.update(run["stored_after_error"])
        if after_error:
            notes.append(f"{where}: events stored although answered {dict(after_error)}")
        dropped = sum(run["dropped_in_bodies"] for run in res.runs[1:])
        if dropped:
            notes.append(f"{where}: the server reported {dropped} events dropped in 202 answers")
    for note in notes:
        print("Note: " + note)
    failed = [f"{r.backend} {r.label}" for r in results if r.verdict.startswith("FAIL")]
    print("Result: " + ("all targets met." if not failed else "FAIL: " + "; ".join(failed)))


# --------------------------------------------------------------------------------------------
# Main


@dataclass
class Context:
    wrk: str
    lua: Path
    duration: int
    runs: int
    backends: list
    conn_max_age: int | None = None
    gunicorn: list = field(default_factory=lambda: list(GUNICORN_ARGS))
    versions: dict = field(default_factory=dict)
    load_before: float = 0.0
    calibration: list = field(default_factory=list)
    calibration_cpu: list = field(default_factory=list)


def gunicorn_args(threads):
    """The 2 workers of bench/common.py, sync or with `threads` threads each."""
    if threads == 1:
        return list(GUNICORN_ARGS)
    workers = GUNICORN_ARGS[GUNICORN_ARGS.index("-w") + 1]
    return ["-w", workers, "-k", "gthread", "--threads", str(threads)]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per run (10)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; median kept (3)")
    parser.add_argument("--quick", action="store_true", help="1 run of 3 s per figure")
    parser.add_argument(
        "--backend", choices=["sqlite", "postgres", "both"], default="both",
        help="database(s) to measure (both)",
    )
    parser.add_argument(
        "--db-conn-max-age", type=int, metavar="SECONDS",
        help="set DB_CONN_MAX_AGE for the server (default: unset, the settings' default 0, "
        "one database connection per request)",
    )
    parser.add_argument(
        "--threads", type=int, default=4, metavar="N",
        help="threads per gunicorn worker: `-k gthread --threads N` (default 4, as README.md "
        "recommends for production); 1 runs the 2 workers as `-k sync`, as bench/pages.py",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.threads < 1:
        parser.error("--threads must be at least 1")
    if args.quick:
        args.duration, args.runs = 3, 1
    if args.duration < 1 or args.runs < 1:
        parser.error("--duration and --runs must be at least 1")
    return args


def main(argv=None):
    args = parse_args(argv)
    install_signal_handlers()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    results = []
    try:
        ctx = Context(
            ensure_wrk(), Path(), args.duration, args.runs, backends, args.db_conn_max_age,
            gunicorn=gunicorn_args(args.threads), load_before=os.getloadavg()[0],
        )
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
            ctx.lua = Path(tmp) / "beacon.lua"
            ctx.lua.write_text(WRK_LUA)
            print("\n".join(system_lines()), flush=True)
            print("Calibrating: the minimal Django project ...", flush=True)
            ctx.calibration.append(calibrate(ctx))
            for name in backends:
                results.extend(measure_backend(ctx, name))
            ctx.calibration.append(calibrate(ctx))
    except BenchError as exc:
        print(f"\nbench/ingest.py: ERROR: {exc}", file=sys.stderr)
        return 2
    header = header_lines(ctx)
    print()
    print("\n".join(header))
    print_table(results)
    if args.json:
        write_json(
            args.json,
            {
                "header": header,
                "settings": {
                    "gunicorn": ctx.gunicorn,
                    "wrk_threads": WRK_THREADS,
                    "wrk_connections": WRK_CONNECTIONS,
                    "paced_rate": PACED_RATE,
                    "duration_s": ctx.duration,
                    "runs": ctx.runs,
                    "warmup_s": WARMUP_SECONDS,
                    "db_conn_max_age": ctx.conn_max_age,
                },
                "calibration_min_django_rps": ctx.calibration,
                "calibration_min_django_cpu": ctx.calibration_cpu,
                "targets": {
                    "postgres_one_per_request_events_per_s": TARGET_ONE,
                    "postgres_20_per_request_events_per_s": TARGET_BATCH,
                    "postgres_p99_ms_at_200_rps": TARGET_P99_MS,
                },
                "results": [asdict(r) for r in results],
            },
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
