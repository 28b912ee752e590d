"""Faults benchmark: every event the beacon acknowledges survives a database restart, Redis
going away, a worker killed and a spike of clients.

The script starts everything it breaks itself, on its own ports, and removes it at the end:

- a throwaway PostgreSQL cluster (Debian's initdb/pg_ctl run as the `postgres` user, data in a
  temporary directory, port 8450), so it can restart it freely;
- a redis-server without persistence (port 8451);
- gunicorn with production settings and config/gunicorn.py (port 8460), after migrate,
  collectstatic and a small site: a live case-study lesson and a running campaign with one
  tracking link.

The load imitates the page script (site/static/js/reach.js): each visitor sends its event with
a new random id; a 202, 400 or 413 ends it, anything else (429, 503, a refused or dropped
connection) keeps the event and sends it again with the same id after 4, 8, 16, 32 and then
every 60 s (the script's back-off; it never gives up while the page is open: here a visitor
gives up `--give-up` seconds, 90, after its first send). Visitors arrive open-loop at
`--rate` per second (200), half through the campaign's tracking link (events, campaign visitor
sets and their transaction) and half unattributed (one INSERT), each with its own address
(X-Forwarded-For from a trusted proxy, as behind nginx). A ledger keeps every attempt and
every id answered 202.

Scenarios (each prints its checks and figures):
  (a) PostgreSQL restarted (pg_ctl restart -m fast) during the load: 0 acknowledged events
      lost, 0 stored twice (recounted with SQL), the requests of the outage answered 503 with
      Retry-After and stored on retry;
  (b) Redis stopped during the load: pages still answered 200, the beacon still answers 202,
      /readyz says the cache is down (and ready again once Redis is back);
  (c) a gunicorn worker killed with SIGKILL during the load: 0 lost, 0 doubled;
  (d) a spike of `--spike` (1,000) clients at once on top of the load: no 5xx but 503 with
      Retry-After, no 429 without it, every spike event stored, time to drain.

Run from the repository root, as root (it runs initdb/pg_ctl as `postgres`):

    .venv/bin/python bench/faults.py                       # the four scenarios
    .venv/bin/python bench/faults.py --scenarios a,c --load-seconds 10 --json out.json

This prints checks and figures; it exits 1 when a check fails, 2 when the set-up fails.
"""

import argparse
import asyncio
import contextlib
import json
import os
import pwd
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from common import (
    HOST,
    ROOT,
    BenchError,
    Gunicorn,
    format_table,
    install_signal_handlers,
    run_step,
    system_lines,
    write_json,
)
from ingest import percentile, settle

PG_PORT = 8450
REDIS_PORT = 8451
APP_PORT = 8460
PG_BIN = Path("/usr/lib/postgresql/15/bin")
ENDPOINT = "/api/reach/events"
LINK_CODE = "faults1"
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
# The page script's back-off: 2 s doubled before the first retry, at most 60 s.
FIRST_BACKOFF, MAX_BACKOFF = 2.0, 60.0
REQUEST_TIMEOUT = 30.0  # a request unanswered this long counts as a dropped connection


# --------------------------------------------------------------------------------------------
# The servers the script breaks


def _as_postgres(cmd):
    """Run a PostgreSQL tool as the `postgres` user (initdb refuses root)."""
    if pwd.getpwuid(os.geteuid()).pw_name == "postgres":
        return cmd
    if os.geteuid() != 0:
        raise BenchError("run as root (the script runs initdb/pg_ctl as `postgres`) or as postgres")
    return ["runuser", "-u", "postgres", "--", *cmd]


class PostgresCluster:
    """A PostgreSQL cluster of its own in a temporary directory: fsync on, trust auth, one
    port on 127.0.0.1 and its socket in the same directory."""

    def __init__(self, base, port):
        self.dir = base / "postgres"
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        self.port = port
        self.started = False

    def pg(self, tool, *args, check=True, timeout=120):
        """Run a tool as `postgres`; its output goes to a file, not a pipe: a server that
        pg_ctl starts inherits the tool's output and would hold a pipe open for good."""
        cmd = _as_postgres([str(PG_BIN / tool), *args])
        with tempfile.TemporaryFile("w+") as out:
            try:
                proc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, text=True,
                                      timeout=timeout)
            except subprocess.TimeoutExpired as exc:
                raise BenchError(f"{tool} did not finish within {timeout} s") from exc
            out.seek(0)
            proc.stdout = out.read()
        if check and proc.returncode != 0:
            raise BenchError(f"{tool} failed: {proc.stdout}\n{self.log_tail()}")
        return proc

    def log_tail(self, lines=15):
        try:
            return "\n".join(self.log.read_text().splitlines()[-lines:])
        except OSError:
            return ""

    def start(self):
        if not (PG_BIN / "initdb").exists():
            raise BenchError(f"{PG_BIN}/initdb not found (apt-get install -y postgresql-15)")
        self.dir.mkdir(parents=True)
        user = pwd.getpwnam("postgres")
        os.chown(self.dir, user.pw_uid, user.pw_gid)
        self.pg("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--locale=C.UTF-8", "-N")
        options = (f"-c port={self.port} -c listen_addresses={HOST} "
                   f"-c unix_socket_directories={self.dir} -c max_connections=100")
        self.pg("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                "-t", "60", "start")
        self.started = True

    def restart(self):
        """pg_ctl restart -m fast: open sessions are ended, the server comes back with the
        same options. Returns the seconds pg_ctl took (the outage, give or take)."""
        began = time.monotonic()
        self.pg("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-m", "fast", "-w", "-t",
                "60", "restart")
        return time.monotonic() - began

    def stop(self):
        if self.started:
            self.pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
            self.started = False

    def url(self, db):
        return f"postgres://postgres@{HOST}:{self.port}/{db}"

    def version(self):
        out = self.pg("postgres", "--version").stdout.strip()
        return out.replace("postgres (PostgreSQL) ", "PostgreSQL ")


class RedisServer:
    """redis-server without persistence, in its own process group."""

    def __init__(self, base, port):
        self.dir = base / "redis"
        self.port = port
        self.proc = None

    def start(self):
        exe = shutil.which("redis-server")
        if not exe:
            raise BenchError("redis-server not found (apt-get install -y redis-server)")
        self.dir.mkdir(exist_ok=True)
        self.proc = subprocess.Popen(
            [exe, "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--dir", str(self.dir),
             "--logfile", str(self.dir / "redis.log")],
            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, f"redis-server on {self.port}", self.proc)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def version(self):
        out = subprocess.run(["redis-server", "--version"], capture_output=True, text=True)
        return " ".join(out.stdout.split()[:3])


def wait_for_port(port, what, proc=None, timeout=30):
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise BenchError(f"{what} exited with {proc.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise BenchError(f"{what} did not answer within {timeout} s")


def gunicorn_workers(master_pid):
    """The pids of the gunicorn master's children (its workers)."""
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == master_pid:
            pids.append(int(name))
    return sorted(pids)


# --------------------------------------------------------------------------------------------
# The site

SITE_SETUP = r"""
import datetime as dt, io, json
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model
from campaigns.days import today
from campaigns.models import Campaign, TrackingLink
from education.models import CaseStudy, HomePage, LessonIndexPage

buffer = io.BytesIO()
Image.new("RGB", (64, 36), (30, 90, 160)).save(buffer, "PNG")
image = get_image_model().objects.create(title="Faults bench",
                                         file=ImageFile(buffer, name="faults.png"))
page = CaseStudy(
    title="The courier fee that never was", summary="A text message asks for a redelivery fee.",
    story="<p>A parcel message asked for a small fee.</p>",
    how_it_worked="<p>The link led to a copied courier site.</p>",
    red_flags=[("red_flag", "A fee asked for by text message")],
    what_to_do="<p>Open the courier's app or site yourself.</p>", listing_image=image,
)
page.live = False
LessonIndexPage.objects.first().add_child(instance=page)
page.save_revision().publish()
page.refresh_from_db()
day = today()
campaign = Campaign.objects.create(
    name="Faults bench", slug="faults-bench", starts_on=day - dt.timedelta(days=1),
    ends_on=day + dt.timedelta(days=30), reach_goal=1000,
)
TrackingLink.objects.create(campaign=campaign, code="@CODE@", channel="poster",
                            label="Faults bench", destination=page)
print("FAULTSJSON " + json.dumps({
    "page": page.pk, "lesson_url": page.get_url(), "home_url": HomePage.objects.first().get_url(),
}))
""".replace("@CODE@", LINK_CODE)


def site_env(database_url, redis_url, media):
    """Production settings with what they require; the beacon trusts 127.0.0.1 as its proxy
    so each visitor's X-Forwarded-For address counts as its own (as behind nginx)."""
    drop = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "GUNICORN_CMD_ARGS", "PORT"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-faults-only-" + uuid.uuid4().hex,
        ALLOWED_HOSTS=f"{HOST},localhost",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        MEDIA_ROOT=str(media / "media"),
        PRIVATE_ROOT=str(media / "private"),
        SECURE_SSL_REDIRECT="0",
        REACH_TRUSTED_PROXIES=HOST,
    )
    return env


def build_site(env):
    manage = [sys.executable, "manage.py"]
    run_step("migrate", [*manage, "migrate", "--noinput"], env)
    run_step("collectstatic", [*manage, "collectstatic", "--noinput"], env)
    out = run_step("a live lesson and a running campaign", [*manage, "shell", "-c", SITE_SETUP],
                   env)
    for line in out.splitlines():
        if line.startswith("FAULTSJSON "):
            return json.loads(line[len("FAULTSJSON "):])
    raise BenchError(f"the site set-up printed no FAULTSJSON line:\n{out}")


# --------------------------------------------------------------------------------------------
# HTTP over asyncio streams (one connection per request, as each page's beacon)


@dataclass
class Answer:
    status: int  # 0: no answer (refused, reset, timed out)
    headers: dict
    body: bytes
    sent: float
    ended: float
    error: str = ""


async def http(port, method, path, body=b"", headers=None, timeout=REQUEST_TIMEOUT):
    loop = asyncio.get_running_loop()
    sent = loop.time()
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: close",
             f"User-Agent: {USER_AGENT}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    async def exchange():
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            writer.write(raw)
            await writer.drain()
            return await reader.read()
        finally:
            writer.close()

    try:
        reply = await asyncio.wait_for(exchange(), timeout)
        head, _, payload = reply.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        parsed = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            parsed[name.strip().lower()] = value.strip()
        return Answer(status, parsed, payload, sent, loop.time())
    except (OSError, TimeoutError, ValueError, IndexError) as exc:
        return Answer(0, {}, b"", sent, loop.time(), type(exc).__name__)


# --------------------------------------------------------------------------------------------
# Visitors and the ledger


@dataclass
class Attempt:
    sent: float
    ended: float
    status: int
    retry_after: str | None
    error: str = ""


@dataclass
class Visitor:
    """One page view's event, sent as the page script sends it until a 202 (or give-up)."""

    event_id: str  # 32 hex, as the recount reads them
    kind: str  # "steady" or "spike"
    due: float
    attempts: list = field(default_factory=list)
    acked_at: float | None = None
    final: int | None = None  # the status that ended it (202, 400, 413), None if it gave up


class Load:
    """Open-loop visitors at a steady rate, plus spikes; the ledger of every attempt."""

    def __init__(self, port, page, rate, give_up):
        self.port = port
        self.page = page
        self.rate = rate
        self.give_up = give_up
        self.visitors = []
        self.tasks = []
        self.counter = 0

    def body_and_headers(self, event_id):
        self.counter += 1
        n = self.counter
        event = {"id": str(uuid.UUID(event_id)), "type": "view" if n % 3 else "engaged",
                 "page": self.page}
        if n % 2:
            event["link"] = LINK_CODE
        body = json.dumps({"events": [event]}).encode()
        address = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255 or 1}"
        headers = {"Content-Type": "application/json", "X-Forwarded-For": address}
        return body, headers

    async def visit(self, visitor, body, headers, deadline):
        loop = asyncio.get_running_loop()
        backoff = FIRST_BACKOFF
        while True:
            answer = await http(self.port, "POST", ENDPOINT, body, headers)
            visitor.attempts.append(Attempt(answer.sent, answer.ended, answer.status,
                                            answer.headers.get("retry-after"), answer.error))
            if answer.status in (202, 400, 413):
                visitor.final = answer.status
                visitor.acked_at = answer.ended if answer.status == 202 else None
                return
            backoff = min(backoff * 2, MAX_BACKOFF)  # 429, 503, no answer: keep and retry
            if loop.time() + backoff > deadline:
                return
            await asyncio.sleep(backoff)

    def start_visitor(self, kind):
        """A visitor sending now; it stops retrying `give_up` seconds later."""
        now = asyncio.get_running_loop().time()
        visitor = Visitor(uuid.uuid4().hex, kind, now)
        self.visitors.append(visitor)
        body, headers = self.body_and_headers(visitor.event_id)
        task = self.visit(visitor, body, headers, now + self.give_up)
        self.tasks.append(asyncio.create_task(task))
        return visitor

    async def steady(self, stop):
        """Start `rate` visitors a second, each due at its own time, until `stop` is set."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        k = 0
        while not stop.is_set():
            delay = start + k / self.rate - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            self.start_visitor("steady")
            k += 1

    def spike(self, clients):
        """`clients` visitors at the same instant."""
        return [self.start_visitor("spike") for _ in range(clients)]

    async def finish(self):
        await asyncio.gather(*self.tasks)


def raise_open_files_limit(needed):
    """1,000 clients at once hold 1,000 sockets here and as many in the server."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# --------------------------------------------------------------------------------------------
# The recount


class Recount:
    """Reads the stored events straight from PostgreSQL (psycopg, autocommit)."""

    def __init__(self, url):
        self.url = url

    def _query(self, sql):
        import psycopg

        for attempt in range(30):  # the database may be coming back from a restart
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
                    cursor = conn.execute(sql)
                    return cursor.fetchall() if cursor.description else []
            except psycopg.OperationalError:
                if attempt == 29:
                    raise
                time.sleep(1)

    def clear(self):
        self._query("TRUNCATE campaigns_reachevent, campaigns_campaignvisitor, "
                    "campaigns_campaignvisitortouch, campaigns_droppedevent")

    def count(self):
        return self._query("SELECT COUNT(*) FROM campaigns_reachevent")[0][0]

    def stored(self):
        """({32-hex id: rows with it}, COUNT(*) - COUNT(DISTINCT event_id))."""
        rows = self._query(
            "SELECT replace(event_id::text, '-', ''), COUNT(*) FROM campaigns_reachevent "
            "GROUP BY event_id"
        )
        total, distinct = self._query(
            "SELECT COUNT(*), COUNT(DISTINCT event_id) FROM campaigns_reachevent"
        )[0]
        return {row[0]: row[1] for row in rows}, total - distinct

    def visitors(self):
        return self._query("SELECT COUNT(*) FROM campaigns_campaignvisitor")[0][0]


# --------------------------------------------------------------------------------------------
# Checks and figures


@dataclass
class Check:
    name: str
    ok: bool | None  # None: not measurable here (e.g. /readyz missing on this branch)
    detail: str


@dataclass
class ScenarioResult:
    key: str
    title: str
    checks: list = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def check(self, name, ok, detail):
        self.checks.append(Check(name, ok, detail))

    @property
    def passed(self):
        return all(c.ok is not False for c in self.checks)


def ledger_figures(load, stored, doubled, window=None):
    """The loss check and the answers, from the ledger and the recount."""
    visitors = load.visitors
    sent = {v.event_id for v in visitors}
    acked = {v.event_id for v in visitors if v.final == 202}
    attempts = [a for v in visitors for a in v.attempts]
    statuses = Counter(a.status for a in attempts)
    errors = [a for a in attempts if a.status >= 500]
    retried = [v for v in visitors if len(v.attempts) > 1]
    first = [a for v in visitors for a in v.attempts[:1] if a.status == 202]
    latencies = [(a.ended - a.sent) * 1000 for a in first]
    after_error = [v for v in visitors
                   if v.event_id in stored and any(a.status != 202 for a in v.attempts)]
    figures = {
        "visitors": len(visitors),
        "requests": len(attempts),
        "acked": len(acked),
        "stored": sum(1 for i in stored if i in sent),
        "lost": len(acked - set(stored)),
        "doubled": doubled,
        "foreign": len(set(stored) - sent),
        "stored_not_acked": len((set(stored) & sent) - acked),
        "gave_up": sum(1 for v in visitors if v.final is None),
        "answers": {("no answer" if k == 0 else str(k)): n for k, n in sorted(statuses.items())},
        "5xx_not_503": sum(1 for a in errors if a.status != 503),
        "503_without_retry_after": sum(1 for a in errors
                                       if a.status == 503 and not a.retry_after),
        "429_without_retry_after": sum(1 for a in attempts
                                       if a.status == 429 and not a.retry_after),
        "visitors_retried": len(retried),
        "max_attempts": max((len(v.attempts) for v in visitors), default=0),
        "stored_after_an_error_answer": len(after_error),
        "first_try_p50_ms": round(percentile(latencies, 50), 1),
        "first_try_p99_ms": round(percentile(latencies, 99), 1),
    }
    return figures


def loss_checks(res, fig):
    res.check("0 acknowledged events lost", fig["lost"] == 0,
              f"{fig['acked']:,} acked with 202, {fig['stored']:,} stored, {fig['lost']} lost")
    res.check("0 events stored twice", fig["doubled"] == 0,
              f"COUNT(*) - COUNT(DISTINCT event_id) = {fig['doubled']}")
    res.check("every event stored in the end (retries until 202)",
              fig["gave_up"] == 0 and fig["foreign"] == 0 and fig["acked"] == fig["visitors"],
              f"{fig['visitors']:,} sent, {fig['acked']:,} acked, {fig['gave_up']} gave up, "
              f"{fig['foreign']} stored ids never sent")
    res.check("no 5xx but 503, every 503/429 with Retry-After",
              fig["5xx_not_503"] == 0 and fig["503_without_retry_after"] == 0
              and fig["429_without_retry_after"] == 0,
              f"answers {fig['answers']}")


def window_statuses(load, began, ended):
    """Answers given between two instants (when the server answered, whenever sent: on a busy
    machine a request may wait in the queue for seconds)."""
    return Counter(a.status for v in load.visitors for a in v.attempts
                   if began <= a.ended < ended)


def fmt_answers(counter):
    parts = (f"{'no answer' if k == 0 else k}×{n}" for k, n in sorted(counter.items()))
    return ", ".join(parts) or "-"


# --------------------------------------------------------------------------------------------
# Scenarios


@dataclass
class Context:
    args: argparse.Namespace
    pg: PostgresCluster
    redis: RedisServer
    server: Gunicorn
    recount: Recount
    page: int
    urls: dict
    log_offset: int = 0


async def run_load(ctx, fault):
    """Steady load with `fault(load, began)` run alongside: the load goes on for at least
    `--load-seconds` and at least a third of that after the fault is over (a slow machine
    stretches a fault, never shortens the load around it); then waits for every visitor."""
    seconds = ctx.args.load_seconds
    load = Load(ctx.server.port, ctx.page, ctx.args.rate, ctx.args.give_up)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    began = loop.time()
    steady = asyncio.create_task(load.steady(stop))
    try:
        await fault(load, began)
        await asyncio.sleep(max(began + seconds - loop.time(), seconds / 3))
    finally:
        stop.set()
    await steady
    ended = loop.time()
    await load.finish()
    return load, began, ended


def log_excerpt(ctx):
    """Tracebacks and worker messages written to the server log during the scenario."""
    try:
        with open(ctx.server.log, "rb") as fh:
            fh.seek(ctx.log_offset)
            text = fh.read().decode("utf-8", "replace")
    except OSError:
        return {}
    patterns = {
        "tracebacks": "Traceback (most recent call last)",
        "beacon 503 logged": "Reach events could not be stored",
        "worker timeout": "WORKER TIMEOUT",
        "worker killed": "was sent SIGKILL",
        "redis errors ignored": "Exception ignored",
    }
    return {name: text.count(p) for name, p in patterns.items() if p in text}


def begin(ctx):
    """Start a scenario on an empty event table; returns the dict its fault marks times in."""
    settle(ctx.recount)  # whatever an earlier scenario left queued in the server is stored
    ctx.recount.clear()
    try:
        ctx.log_offset = ctx.server.log.stat().st_size
    except OSError:
        ctx.log_offset = 0
    return {}


def finish(ctx, res, load):
    settle(ctx.recount)  # a request abandoned by its client may still be committing
    stored, doubled = ctx.recount.stored()
    fig = ledger_figures(load, stored, doubled)
    res.figures.update(fig)
    res.figures["server_log"] = log_excerpt(ctx)
    loss_checks(res, fig)
    return fig


def at(fraction, ctx):
    return ctx.args.load_seconds * fraction


async def sleep_until(moment):
    await asyncio.sleep(max(0.0, moment - asyncio.get_running_loop().time()))


async def a_third_in(ctx, began):
    """Sleep until a third into the load (when every fault comes); returns that moment."""
    await sleep_until(began + at(1 / 3, ctx))
    return asyncio.get_running_loop().time()


async def scenario_postgres(ctx):
    res = ScenarioResult("a", "PostgreSQL restarted (pg_ctl restart -m fast) during the load")
    marks = begin(ctx)

    async def fault(load, began):
        loop = asyncio.get_running_loop()
        marks["down"] = await a_third_in(ctx, began)
        marks["pg_ctl_s"] = await asyncio.to_thread(ctx.pg.restart)
        marks["up"] = loop.time()

    load, began, ended = await run_load(ctx, fault)
    fig = finish(ctx, res, load)
    down, up = marks["down"], marks["up"]
    during = window_statuses(load, down, up + 1)
    after_503 = [v for v in load.visitors if any(a.status == 503 for a in v.attempts)]
    first_ok_after = min((a.ended for v in load.visitors for a in v.attempts
                          if a.status == 202 and a.sent >= down), default=None)
    res.figures.update(
        pg_ctl_restart_s=round(marks["pg_ctl_s"], 2),
        visitors_answered_503=len(after_503),
        visitors_answered_503_then_stored=sum(1 for v in after_503 if v.final == 202),
        first_202_after_restart_began_s=(round(first_ok_after - down, 2)
                                         if first_ok_after else None),
        answers_during_restart=fmt_answers(during),
        load_seconds=round(ended - began, 1),
    )
    res.check("the outage was hit (requests answered 503 during the restart)",
              during.get(503, 0) > 0,
              f"answers given from the restart's start to 1 s after its end: "
              f"{fmt_answers(during)}")
    res.check("every visitor answered 503 was stored on a retry",
              len(after_503) == res.figures["visitors_answered_503_then_stored"],
              f"{len(after_503)} answered 503, "
              f"{res.figures['visitors_answered_503_then_stored']} stored on retry")
    res.check("no 202 for an event that was not stored", fig["lost"] == 0,
              f"{fig['lost']} acknowledged ids missing from the table")
    return res


async def readyz(ctx):
    """(status, JSON) of /readyz, or None where it does not exist (no JSON answer with a
    "status": a 404, or the language redirect every unknown address gets)."""
    answer = await http(ctx.server.port, "GET", "/readyz", timeout=10)
    try:
        data = json.loads(answer.body)
    except ValueError:
        return None
    if answer.status not in (200, 503) or not isinstance(data, dict) or "status" not in data:
        return None
    return answer.status, data


async def page_round(ctx, repeats):
    """GET the home page and the lesson `repeats` times each, all at once (they queue with the
    beacon's load): statuses, page-cache headers and the median time."""
    urls = [ctx.urls["home_url"], ctx.urls["lesson_url"]] * repeats
    answers = await asyncio.gather(*(http(ctx.server.port, "GET", url, timeout=10)
                                     for url in urls))
    statuses = Counter(a.status for a in answers)
    cache = Counter(a.headers.get("x-page-cache", "none") for a in answers)
    return statuses, cache, statistics.median((a.ended - a.sent) * 1000 for a in answers)


def readyz_check(res, name, got, want_status, want_cache):
    if got is None:
        res.check(name, None, "readyz: not available (no /readyz on this branch)")
        return
    status, data = got
    res.check(name, status == want_status and data.get("cache") == want_cache,
              f"{status} {json.dumps(data)}")


async def scenario_redis(ctx):
    res = ScenarioResult("b", "Redis stopped during the load (and started again)")
    marks = begin(ctx)

    async def fault(load, began):
        loop = asyncio.get_running_loop()
        marks["pages_before"] = await page_round(ctx, 3)
        marks["readyz_before"] = await readyz(ctx)
        marks["down"] = await a_third_in(ctx, began)
        await asyncio.to_thread(ctx.redis.stop)
        await asyncio.sleep(1)
        marks["pages_during"] = await page_round(ctx, 5)
        marks["readyz_during"] = await readyz(ctx)
        await sleep_until(marks["down"] + at(1 / 3, ctx))  # down for a third of the load
        marks["up"] = loop.time()
        await asyncio.to_thread(ctx.redis.start)
        await asyncio.sleep(1)
        await page_round(ctx, 1)  # refills the emptied cache (requests at once all miss)
        marks["pages_after"] = await page_round(ctx, 3)
        marks["readyz_after"] = await readyz(ctx)

    load, began, ended = await run_load(ctx, fault)
    finish(ctx, res, load)
    # answered from 0.5 s after Redis stopped until it was started again
    during = window_statuses(load, marks["down"] + 0.5, marks["up"])
    for phase in ("before", "during", "after"):
        statuses, cache, median = marks[f"pages_{phase}"]
        res.figures[f"pages_{phase}"] = {
            "answers": fmt_answers(statuses), "x-page-cache": dict(cache),
            "median_ms": round(median, 1),
        }
        got = marks[f"readyz_{phase}"]
        res.figures[f"readyz_{phase}"] = (
            "not available" if got is None else f"{got[0]} {json.dumps(got[1])}"
        )
    res.figures["beacon_answers_while_redis_down"] = fmt_answers(during)
    res.figures["redis_down_s"] = round(marks["up"] - marks["down"], 1)
    res.figures["load_seconds"] = round(ended - began, 1)
    statuses = marks["pages_during"][0]
    res.check("pages answered 200 while Redis is down",
              set(statuses) == {200}, f"home + lesson: {fmt_answers(statuses)}")
    res.check("the beacon kept counting while Redis is down (202, rate limit fails open)",
              set(during) == {202} and during[202] > 0,
              f"answers to beacon requests sent while Redis was down: {fmt_answers(during)}")
    res.check("pages are cached again once Redis is back",
              marks["pages_after"][1].get("hit", 0) > 0,
              f"X-Page-Cache after: {dict(marks['pages_after'][1])}")
    readyz_check(res, "/readyz ready before", marks["readyz_before"], 200, "ok")
    readyz_check(res, "/readyz reports the cache down", marks["readyz_during"], 503, "down")
    readyz_check(res, "/readyz ready again after", marks["readyz_after"], 200, "ok")
    return res


async def scenario_worker(ctx):
    res = ScenarioResult("c", "a gunicorn worker killed with SIGKILL during the load")
    marks = begin(ctx)

    async def fault(load, began):
        loop = asyncio.get_running_loop()
        marks["down"] = await a_third_in(ctx, began)
        before = gunicorn_workers(ctx.server.proc.pid)
        victim = before[0]
        os.kill(victim, signal.SIGKILL)
        while True:
            now = gunicorn_workers(ctx.server.proc.pid)
            if victim not in now and len(now) >= len(before):
                break
            if loop.time() - marks["down"] > 30:
                break
            await asyncio.sleep(0.05)
        marks["respawn_s"] = loop.time() - marks["down"]
        marks["workers"] = (before, now, victim)

    load, began, ended = await run_load(ctx, fault)
    finish(ctx, res, load)
    before, now, victim = marks["workers"]
    window = window_statuses(load, marks["down"] - 1, marks["down"] + 1)
    res.figures.update(
        killed_worker=victim, workers_before=before, workers_after=now,
        replacement_up_s=round(marks["respawn_s"], 2),
        answers_within_1s_of_the_kill=fmt_answers(window),
    )
    res.check("gunicorn replaced the worker", victim not in now and len(now) == len(before),
              f"workers {before} → {now} in {marks['respawn_s']:.2f} s")
    return res


async def scenario_spike(ctx):
    clients = ctx.args.spike
    res = ScenarioResult("d", f"a spike of {clients:,} clients at once on top of the load")
    marks = begin(ctx)

    async def fault(load, began):
        marks["at"] = await a_third_in(ctx, began)
        marks["spike"] = load.spike(clients)

    load, began, ended = await run_load(ctx, fault)
    finish(ctx, res, load)
    spike = marks["spike"]
    t0 = marks["at"]
    spike_attempts = [a for v in spike for a in v.attempts]
    first = [v.attempts[0] for v in spike if v.attempts]
    acked_times = [v.acked_at - t0 for v in spike if v.acked_at is not None]
    steady = [v for v in load.visitors if v.kind == "steady"]

    def steady_p99(lo, hi):
        values = [(v.attempts[0].ended - v.attempts[0].sent) * 1000 for v in steady
                  if v.attempts and lo <= v.due - t0 < hi and v.attempts[0].status == 202]
        return round(percentile(values, 99), 1) if values else None

    res.figures.update(
        spike_clients=clients,
        spike_answers_first_try=fmt_answers(Counter(a.status for a in first)),
        spike_answers_all_tries=fmt_answers(Counter(a.status for a in spike_attempts)),
        spike_acked=len(acked_times),
        time_to_drain_s=round(max(acked_times), 2) if acked_times else None,
        spike_acked_within_p50_s=round(percentile(acked_times, 50), 2) if acked_times else None,
        spike_first_try_p99_ms=round(percentile(
            [(a.ended - a.sent) * 1000 for a in first if a.status == 202], 99), 1),
        steady_p99_ms_before=steady_p99(-at(1 / 3, ctx), 0),
        steady_p99_ms_first_5s=steady_p99(0, 5),
        steady_p99_ms_after_5s=steady_p99(5, ctx.args.load_seconds),
    )
    res.check("the backlog drained: every spike event stored",
              len(acked_times) == clients,
              f"{len(acked_times):,}/{clients:,} acked; last one "
              f"{res.figures['time_to_drain_s']} s after the spike")
    return res


SCENARIOS = {"a": scenario_postgres, "b": scenario_redis, "c": scenario_worker,
             "d": scenario_spike}


# --------------------------------------------------------------------------------------------
# Report


def print_result(res):
    print()
    print(f"({res.key}) {res.title}")
    rows = [("PASS" if c.ok else "FAIL" if c.ok is False else "n/a", c.name, c.detail)
            for c in res.checks]
    print("\n".join("  " + line for line in format_table(("result", "check", "measured"), rows)))
    print("  figures:")
    for name, value in res.figures.items():
        print(f"    {name}: {value}")
    for note in res.notes:
        print(f"  note: {note}")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", default="a,b,c,d",
                        help="which scenarios, comma-separated (a,b,c,d)")
    parser.add_argument("--rate", type=int, default=200, help="visitors per second (200)")
    parser.add_argument("--load-seconds", type=float, default=20.0,
                        help="seconds of steady load per scenario; the fault comes after a "
                        "third (20)")
    parser.add_argument("--give-up", type=float, default=90.0,
                        help="seconds after its first send a visitor stops retrying (90)")
    parser.add_argument("--spike", type=int, default=1000, help="clients in the spike (1000)")
    parser.add_argument("--runs", type=int, default=1,
                        help="runs of each scenario; medians of the figures printed (1)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directory (cluster data, logs) for inspection")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    args.scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = [s for s in args.scenarios if s not in SCENARIOS]
    if unknown or not args.scenarios:
        parser.error(f"unknown scenario(s) {unknown}; choose from a, b, c, d")
    if args.rate < 1 or args.load_seconds < 3 or args.spike < 1 or args.runs < 1:
        parser.error("--rate, --spike and --runs must be ≥ 1, --load-seconds ≥ 3")
    return args


def medians(results):
    """Numeric figures of repeated runs of one scenario: median and every value."""
    out = {}
    for name in results[0].figures:
        values = [r.figures.get(name) for r in results]
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            out[name] = f"median {statistics.median(values):g} (runs: {values})"
    return out


async def run_scenarios(ctx):
    results = {}
    for key in ctx.args.scenarios:
        for run in range(ctx.args.runs):
            label = f" run {run + 1}/{ctx.args.runs}" if ctx.args.runs > 1 else ""
            print(f"Scenario ({key}){label} ...", flush=True)
            res = await SCENARIOS[key](ctx)
            print_result(res)
            results.setdefault(key, []).append(res)
            await wait_healthy(ctx)
    return results


async def wait_healthy(ctx, timeout=180):
    """Between scenarios: the server answers a beacon with 202 within a second again (it has
    worked off what the last scenario left in its queue)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    load = Load(ctx.server.port, ctx.page, 1, 0)
    while loop.time() < deadline:
        body, headers = load.body_and_headers(uuid.uuid4().hex)
        answer = await http(ctx.server.port, "POST", ENDPOINT, body, headers, timeout=30)
        if answer.status == 202 and answer.ended - answer.sent < 1:
            return
        await asyncio.sleep(0.5)
    raise BenchError(f"the server did not answer a beacon within 1 s again in {timeout} s")


def gunicorn_settings():
    """The sizes config/gunicorn.py gives gunicorn on this machine."""
    import runpy

    conf = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))
    names = ("workers", "worker_class", "threads", "worker_connections", "backlog", "timeout",
             "graceful_timeout", "keepalive", "max_requests", "max_requests_jitter")
    return ", ".join(f"{name} {conf[name]}" for name in names)


def main(argv=None):
    args = parse_args(argv)
    install_signal_handlers()
    load_before = os.getloadavg()[0]
    nofile = raise_open_files_limit(4 * args.spike + 1024)
    results, header = {}, []
    with contextlib.ExitStack() as stack:
        try:
            tmp = Path(tempfile.mkdtemp(prefix="scamsense-faults-"))
            if args.keep:
                stack.callback(print, f"Kept {tmp}")
            else:
                stack.callback(shutil.rmtree, tmp, ignore_errors=True)
            tmp.chmod(0o755)  # the postgres user must reach its directory inside
            print("\n".join(system_lines()), flush=True)
            print(f"Starting PostgreSQL on {HOST}:{PG_PORT} and Redis on {HOST}:{REDIS_PORT} "
                  f"in {tmp} ...", flush=True)
            pg = PostgresCluster(tmp, PG_PORT)
            stack.callback(pg.stop)
            pg.start()
            redis = RedisServer(tmp, REDIS_PORT)
            stack.callback(redis.stop)
            redis.start()
            subprocess.run(_as_postgres([str(PG_BIN / "createdb"), "-h", HOST, "-p",
                                         str(PG_PORT), "scamsense_faults"]), check=True)
            database_url = pg.url("scamsense_faults")
            env = site_env(database_url, f"redis://{HOST}:{REDIS_PORT}/0", tmp)
            print("Building the site (production settings) ...", flush=True)
            urls = build_site(env)
            gunicorn_args = ["-c", str(ROOT / "config" / "gunicorn.py")]
            server = Gunicorn("faults", "config.wsgi", env, ROOT, capture_output=True,
                              args=gunicorn_args)
            server.port = APP_PORT
            server.log.parent.mkdir(parents=True, exist_ok=True)
            server.log.unlink(missing_ok=True)
            stack.enter_context(server)
            workers = gunicorn_workers(server.proc.pid)
            header = [
                *system_lines(),
                f"busy      1-min load average {load_before:.2f} at the start",
                f"server    gunicorn -c config/gunicorn.py config.wsgi on {HOST}:{APP_PORT} "
                f"({len(workers)} workers), production settings (DEBUG off), "
                f"log {server.log}",
                f"gunicorn  {gunicorn_settings()}",
                f"database  {pg.version()} on {HOST}:{PG_PORT} (throwaway cluster, fsync on), "
                f"{redis.version()} on {HOST}:{REDIS_PORT} (no persistence)",
                f"load      {args.rate} visitors/s for {args.load_seconds:g} s per scenario, "
                f"1 event each (half through a campaign link), the page script's back-off "
                f"(4, 8, 16, 32, 60 s), give up {args.give_up:g} s after the first send; spike "
                f"{args.spike:,} clients; open files limit {nofile}; runs {args.runs}",
            ]
            print("\n".join(header[2:]), flush=True)
            ctx = Context(args, pg, redis, server, Recount(database_url), urls["page"], urls)
            asyncio.run(wait_healthy(ctx))
            results = asyncio.run(run_scenarios(ctx))
        except BenchError as exc:
            print(f"\nbench/faults.py: ERROR: {exc}", file=sys.stderr)
            return 2
    print()
    print("Summary")
    failed = []
    for key, runs in results.items():
        verdict = "PASS" if all(r.passed for r in runs) else "FAIL"
        unmeasured = sorted({c.name for r in runs for c in r.checks if c.ok is None})
        print(f"  ({key}) {verdict}  {runs[0].title}"
              + (f"  [not measured: {'; '.join(unmeasured)}]" if unmeasured else ""))
        if len(runs) > 1:
            for name, text in medians(runs).items():
                print(f"        {name}: {text}")
        if verdict == "FAIL":
            failed.append(key)
    if args.json:
        write_json(args.json, {
            "header": header,
            "settings": vars(args),
            "results": {key: [{"checks": [c.__dict__ for c in r.checks], "figures": r.figures}
                              for r in runs] for key, runs in results.items()},
        })
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
