"""Helpers shared by the benchmarks in bench/: gunicorn, wrk, CPU shares, set-up steps, the
throwaway PostgreSQL database, the header, tables and the JSON file.

Imported as `common` by the scripts next to it (`python bench/<name>.py` puts bench/ on
sys.path); it is not a benchmark itself.
"""

import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"

GUNICORN_ARGS = ["-w", "2", "-k", "sync"]
# gunicorn 27 opens a control socket at ~/.gunicorn/gunicorn.ctl by default; servers started
# side by side (ours, or another engineer's) would fight over it, and the bench needs none.
GUNICORN_EXTRA = ["--no-control-socket"]

# The baseline every bench can serve the same way: the cost of Django itself on this machine.
MIN_DJANGO_APP = '''"""Smallest Django project: one view answering "ok"; DEBUG off, no middleware"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok)]
application = get_wsgi_application()
'''


class BenchError(Exception):
    """A step failed; the message says which and why."""


# --------------------------------------------------------------------------------------------
# The throwaway PostgreSQL database

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", "5432", "postgres"


class ThrowawayPostgres:
    """A database of its own on the local PostgreSQL (trust auth), made for one run of a
    bench and dropped at its end."""

    def __init__(self, purpose):
        self.dbname = f"scamsense_bench_{purpose}_{os.getpid()}_{secrets.token_hex(3)}"
        self.created = False

    @property
    def url(self):
        return f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{self.dbname}"

    def psql(self, sql, db=None):
        """Run one statement with psql; its output, unaligned, without headers."""
        cmd = [
            "psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", PG_HOST, "-p", PG_PORT,
            "-U", PG_USER, "-d", db or self.dbname, "-c", sql,
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise BenchError(f"psql failed: {sql}\n{proc.stderr.strip()}")
        return proc.stdout

    def create(self, hint=""):
        if not shutil.which("psql"):
            raise BenchError("psql is not installed (apt-get install -y postgresql-client).")
        try:
            self.psql("SELECT 1", db="postgres")
        except BenchError as exc:
            raise BenchError(
                f"PostgreSQL does not answer on {PG_HOST}:{PG_PORT} as {PG_USER} (trust auth "
                f"expected){hint}.\n{exc}"
            ) from exc
        self.psql(f'CREATE DATABASE "{self.dbname}"', db="postgres")
        self.created = True

    def drop(self):
        if self.created:
            self.psql(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)', db="postgres")
            self.created = False

    def server_version(self):
        return self.psql("SHOW server_version", db="postgres").strip()


# --------------------------------------------------------------------------------------------
# Processes


def run_step(name, cmd, env, cwd=ROOT):
    """Run one set-up command; raise BenchError with the tail of its output if it fails."""
    print(f"  {name} ...", flush=True)
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        raise BenchError(
            f"{name} failed (exit {proc.returncode}): {' '.join(map(str, cmd))}\n{tail}"
        )
    return proc.stdout


def free_port():
    """Return a TCP port that is free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn server in its own process group; use as a context manager so it always dies.

    gunicorn's own messages go to `log` (--error-logfile). With `capture_output`, the workers'
    stdout and stderr (where Django's console logging writes tracebacks) are appended to the
    same file; otherwise they are discarded.
    """

    def __init__(self, label, app, env, cwd, capture_output=False, args=None):
        self.label = label
        self.app = app
        self.env = env
        self.cwd = cwd
        self.capture_output = capture_output
        self.args = list(GUNICORN_ARGS if args is None else args)
        self.port = free_port()
        self.log = WORK / "logs" / f"gunicorn-{re.sub(r'[^a-z0-9]+', '-', label.lower())}.log"
        self.proc = None

    @property
    def base(self):
        return f"http://{HOST}:{self.port}"

    @property
    def session(self):
        """The session id of gunicorn and its workers (it is started as a session leader)."""
        return self.proc.pid

    def __enter__(self):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        cmd = [
            str(VENV_BIN / "gunicorn"),
            self.app,
            *self.args,
            *GUNICORN_EXTRA,
            "-b",
            f"{HOST}:{self.port}",
            "--error-logfile",
            str(self.log),
        ]
        output = open(self.log, "ab") if self.capture_output else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(
                cmd,
                cwd=self.cwd,
                env=self.env,
                start_new_session=True,
                stdout=output,
                stderr=output,
            )
        finally:
            if self.capture_output:
                output.close()  # the child keeps its own descriptor
        try:
            self.wait_until_up()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def wait_until_up(self, timeout=60):
        """Poll the port until gunicorn accepts connections."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(
                    f"gunicorn ({self.label}) exited with {self.proc.returncode}; "
                    f"log {self.log}:\n{self.log_tail()}"
                )
            try:
                with socket.create_connection((HOST, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise BenchError(
            f"gunicorn ({self.label}) did not answer on port {self.port} within "
            f"{timeout} s; log {self.log}:\n{self.log_tail()}"
        )

    def log_tail(self, lines=20):
        try:
            return "\n".join(self.log.read_text().splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self):
        """Stop the whole process group: TERM, then KILL if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        except ProcessLookupError:
            pass


def min_django():
    """A one-file Django project in bench/.work/mindjango (reused if already written)."""
    project = WORK / "mindjango"
    project.mkdir(parents=True, exist_ok=True)
    app = project / "minapp.py"
    if not app.exists():
        app.write_text(MIN_DJANGO_APP)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return Gunicorn("minimal django", "minapp:application", env, project)


def exit_on_signal(signum, frame):
    """Turn SIGTERM/SIGINT into SystemExit so every `with Gunicorn(...)` block stops its server."""
    raise SystemExit(128 + signum)


def install_signal_handlers():
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, exit_on_signal)


# --------------------------------------------------------------------------------------------
# Where the CPU went during a run


def _process_table():
    """{pid: (session id, command line, CPU ticks so far)} for every readable process."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{name}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except OSError:
            continue
        # fields[0] is the state (3rd field of stat); session is the 6th, utime/stime 14th/15th
        table[int(name)] = (int(fields[3]), cmd, int(fields[11]) + int(fields[12]))
    return table


def _machine_ticks():
    with open("/proc/stat") as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    return sum(values), values[3] + values[4]  # total, idle + iowait


class CpuMeter:
    """CPU used during a window by the server under test (its process group), the load
    generator, PostgreSQL and everything else, as a share of one core (200% = both cores of a
    2-core machine), from /proc. Tells a server that is short of CPU from a slow one, and shows
    what a load generator or another user of the machine takes from it."""

    def __init__(self, server_session, generator="wrk"):
        self.session = server_session
        self.generator = generator

    def _kind(self, session, cmd):
        if session == self.session:
            return "server"
        if cmd.split(" ", 1)[0].endswith(self.generator) or cmd.startswith(self.generator):
            return "generator"
        if cmd.startswith("postgres") or "/bin/postgres" in cmd:
            return "postgres"
        return "other"

    def __enter__(self):
        self.before = _process_table()
        self.machine_before = _machine_ticks()
        self.started = time.monotonic()
        self.shares = None
        return self

    def stop(self, own_pid=None):
        """End the window (call it before the generator exits, or its CPU is not seen)."""
        after = _process_table()
        total, idle = _machine_ticks()
        seconds = time.monotonic() - self.started
        hz = os.sysconf("SC_CLK_TCK")
        used = {"server": 0, "generator": 0, "postgres": 0, "other": 0}
        for pid, (session, cmd, ticks) in after.items():
            kind = "generator" if pid == own_pid else self._kind(session, cmd)
            used[kind] += ticks - self.before.get(pid, (0, "", 0))[2]
        shares = {kind: 100 * ticks / hz / seconds for kind, ticks in used.items()}
        busy = 1 - (idle - self.machine_before[1]) / max(1, total - self.machine_before[0])
        shares["machine busy"] = 100 * busy * len(os.sched_getaffinity(0))
        shares["server cpu seconds"] = used["server"] / hz
        self.shares = shares
        return shares

    def __exit__(self, *exc):
        if self.shares is None:
            self.stop()


def format_cpu(shares):
    """'server 96% | generator 12% | postgres 30% | other 55% | machine busy 193%'"""
    return " | ".join(
        f"{k} {shares[k]:.0f}%"
        for k in ("server", "generator", "postgres", "other", "machine busy")
        if k in shares
    )


# --------------------------------------------------------------------------------------------
# wrk


def ensure_wrk():
    """Return the wrk executable, installing Debian's package when running as root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise BenchError("wrk is not installed; run `sudo apt-get install -y wrk` and retry.")
    print("wrk not found; installing it with apt-get ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(["apt-get", "install", "-y", "wrk"], env=env).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "wrk"], env=env, check=False)
    found = shutil.which("wrk")
    if not found:
        raise BenchError("could not install wrk with apt-get install -y wrk")
    return found


def wrk_version(wrk):
    """'wrk 4.1.0' (the first two words `wrk -v` prints)."""
    out = subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout
    return " ".join((out.split() or ["wrk", "?"])[:2])


# --------------------------------------------------------------------------------------------
# Report


def system_lines():
    """The header's first two lines: the machine, and the versions of what serves the site."""
    import django
    import gunicorn
    import wagtail

    cpu = "unknown"
    mem = "unknown"
    try:
        cpu = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)[1]
        kib = int(re.search(r"^MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text(), re.M)[1])
        mem = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, TypeError):
        pass
    nproc = len(os.sched_getaffinity(0))
    return [
        f"machine   nproc {nproc} | CPU {cpu} | memory {mem} | {platform.platform()}",
        f"versions  Python {platform.python_version()} | Django {django.get_version()} | "
        f"Wagtail {wagtail.__version__} | gunicorn {gunicorn.__version__}",
    ]


def format_table(header, rows, numeric=()):
    """Lines of a plain-text table: columns in `numeric` (indexes) are right-aligned."""
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]

    def line(cells):
        return "  ".join(
            str(c).rjust(w) if i in numeric else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return [line(header), "  ".join("-" * w for w in widths), *(line(row) for row in rows)]


def write_json(path, data):
    """Write a bench's results as indented JSON (dates and the like as text) and say where."""
    Path(path).write_text(json.dumps(data, indent=2, default=str) + "\n")
    print(f"JSON written to {path}")
