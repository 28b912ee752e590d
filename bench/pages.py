"""Page-serving benchmark: prints requests/s and latency for the public pages.

Serves the site with gunicorn (2 sync workers, DEBUG off, SQLite, demo content) and loads it
with wrk on the same machine, cache off and cache on. In the same run it measures two baselines
served the same way: the home page of a fresh `wagtail start` project and a one-view Django
project, and reports every page's throughput as a ratio to both.

Run from the repository root:  .venv/bin/python bench/pages.py [--quick] [--json FILE]

This prints figures; it is not a test and asserts nothing (rows are marked PASS/FAIL against
the targets only to make the table easy to read).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from common import (
    GUNICORN_ARGS,
    HOST,
    ROOT,
    VENV_BIN,
    WORK,
    BenchError,
    Gunicorn,
    ensure_wrk,
    format_table,
    install_signal_handlers,
    min_django,
    run_step,
    system_lines,
    write_json,
    wrk_version,
)

WRK_THREADS = 1
WRK_CONNECTIONS = 8
WARMUP_SECONDS = 1

# Targets from the issue. Cache off: home and lesson pages, search. Cache on: every page.
TARGET_OFF_PAGE = 220
TARGET_OFF_SEARCH = 165
TARGET_ON = 4000
# The library, filtered or not, cache off: at least this share of the bare Wagtail page's
# req/s measured in the same run (a ratio, so a loaded machine does not move the goal).
TARGET_LIBRARY_VS_BARE = 0.55

LESSON_FORMATS = ["video", "comic", "scenario", "case"]
# Public pages live under a language prefix (issue 7): English is measured page by page; the
# Chinese side adds its home, one lesson (below) and a search, whose Han words are matched as
# bigrams, so the costlier query shape is measured too.
FIXED_PAGES = [
    ("home", "/en/"),
    ("library", "/en/lessons/"),
    ("library filtered", "/en/lessons/?audience=seniors&format=video"),
    ("home zh-hans", "/zh-hans/"),
]
SEARCH_PAGES = [
    ("search", "/en/search/?q=scam"),
    ("search zh-hans", "/zh-hans/search/?q=%E8%AF%88%E9%AA%97"),  # q=诈骗 ("fraud")
]

# wrk prints this line from done(); everything else wrk prints is ignored.
WRK_LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %d, "seconds": %.6f, "rps": %.3f, "p50_ms": %.3f, ' ..
    '"p99_ms": %.3f, "max_ms": %.3f, "status_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""

BARE_BENCH_SETTINGS = '''"""Bench settings: production (DEBUG off), throwaway key, local hosts."""

from .production import *  # noqa: F401,F403

SECRET_KEY = "bench-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
'''



@dataclass
class Result:
    """The median figures for one URL on one server."""

    page: str
    cache: str
    url: str
    rps: float
    p50_ms: float
    p99_ms: float
    runs: list = field(default_factory=list)
    errors: int = 0
    target: float | None = None
    ratios: dict = field(default_factory=dict)

    @property
    def verdict(self):
        if self.target is None:
            return "-"
        return "PASS" if self.rps >= self.target else "FAIL"


# --------------------------------------------------------------------------------------------
# HTTP helpers


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url):
    """GET a URL without following redirects; return (status, body text)."""
    try:
        with _opener.open(url, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except OSError as exc:
        return None, str(exc)


def check_urls(server, pages):
    """Raise BenchError naming every URL that does not answer 200."""
    bad = []
    for name, path in pages:
        status, _ = fetch(server.base + path)
        if status != 200:
            bad.append(f"{name} {path} -> {status}")
    if bad:
        raise BenchError(
            f"{server.label}: these URLs do not answer 200:\n  "
            + "\n  ".join(bad)
            + f"\nlog {server.log}:\n{server.log_tail()}"
        )


_A_TAG = re.compile(r"<a\b[^>]*>", re.I | re.S)
_HREF = re.compile(r"""\bhref\s*=\s*["']([^"']*)["']""", re.I)
_CLASS = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""", re.I)
_LESSON_PATH = re.compile(r"^(?:https?://[^/]+)?(/[a-z-]+/lessons/[^/?#\s]+/)$")


def first_lesson_link(html):
    """The first lesson link in a library listing: a `lesson-card` <a> if any, else any
    `/lessons/<slug>/` href that is not a query link."""
    fallback = None
    for tag in _A_TAG.findall(html):
        href = _HREF.search(tag)
        match = _LESSON_PATH.match(href.group(1)) if href else None
        if not match:
            continue
        cls = _CLASS.search(tag)
        if cls and "lesson-card" in cls.group(1):
            return match.group(1)
        fallback = fallback or match.group(1)
    return fallback


def discover_lessons(server):
    """Find one English lesson URL per format from the library listing filtered by that
    format, and the Chinese comic."""
    lessons = []
    for fmt, lang in [*((fmt, "en") for fmt in LESSON_FORMATS), ("comic", "zh-hans")]:
        listing = f"/{lang}/lessons/?format={fmt}"
        status, html = fetch(server.base + listing)
        if status != 200:
            raise BenchError(f"{listing} answered {status}, expected 200")
        link = first_lesson_link(html)
        name = f"lesson {fmt}" if lang == "en" else f"lesson {fmt} {lang}"
        if link:
            lessons.append((name, link))
        else:
            print(f"  warning: {listing} lists no lesson; no {name} page measured")
    if not lessons:
        raise BenchError("the library lists no lessons at all; is the demo content loaded?")
    return lessons


# --------------------------------------------------------------------------------------------
# Load generation


def wrk_once(wrk, lua, url, seconds):
    """One wrk run; returns the dict printed by the Lua done() hook."""
    cmd = [wrk, f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "-s", str(lua), url]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        if line.startswith("BENCHJSON "):
            return json.loads(line[len("BENCHJSON ") :])
    raise BenchError(
        f"wrk printed no figures for {url} (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
    )


def measure(ctx, server, name, path, cache, target=None):
    """Warm up, then run wrk `runs` times and keep the median of each figure."""
    url = server.base + path
    wrk_once(ctx.wrk, ctx.lua, url, WARMUP_SECONDS)
    runs = [wrk_once(ctx.wrk, ctx.lua, url, ctx.duration) for _ in range(ctx.runs)]
    result = Result(
        page=name,
        cache=cache,
        url=path,
        rps=statistics.median(r["rps"] for r in runs),
        p50_ms=statistics.median(r["p50_ms"] for r in runs),
        p99_ms=statistics.median(r["p99_ms"] for r in runs),
        runs=runs,
        errors=sum(r["status_errors"] + r["socket_errors"] for r in runs),
        target=target,
    )
    print(
        f"  {name:<18} {cache:<4} {result.rps:9.1f} req/s  p50 {result.p50_ms:7.2f} ms  "
        f"p99 {result.p99_ms:7.2f} ms" + (f"  ({result.errors} errors)" if result.errors else ""),
        flush=True,
    )
    return result


# --------------------------------------------------------------------------------------------
# The three things we serve


def site_env(cache_on):
    """Environment for our site under production settings, SQLite in bench/.work."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-only",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{WORK / 'bench.sqlite3'}",
        MEDIA_ROOT=str(WORK / "media"),
        SECURE_SSL_REDIRECT="0",
        PAGE_CACHE="1" if cache_on else "0",
    )
    return env


def build_site():
    """Fresh database with demo content, and collected static files, for our site."""
    print("Building the site (fresh SQLite database, demo content) ...", flush=True)
    WORK.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        (WORK / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
    shutil.rmtree(WORK / "media", ignore_errors=True)
    env = site_env(cache_on=False)
    manage = [sys.executable, "manage.py"]
    run_step("migrate", [*manage, "migrate", "--noinput"], env)
    commands = run_step("list commands", [*manage, "help", "--commands"], env).split()
    if "load_demo_content" not in commands:
        raise BenchError(
            "the management command `load_demo_content` does not exist yet; "
            "the site's demo content is needed to benchmark its pages."
        )
    run_step("load_demo_content", [*manage, "load_demo_content"], env)
    run_step("collectstatic", [*manage, "collectstatic", "--noinput"], env)


def bare_wagtail():
    """A fresh `wagtail start` project in bench/.work/bare (reused if already built)."""
    project = WORK / "bare"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["DJANGO_SETTINGS_MODULE"] = "barebench.settings.bench"
    ready = project / ".bench-ready"
    if not ready.exists():
        print("Creating the bare Wagtail baseline (wagtail start) ...", flush=True)
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        run_step(
            "wagtail start", [str(VENV_BIN / "wagtail"), "start", "barebench", str(project)], env
        )
        (project / "barebench" / "settings" / "bench.py").write_text(BARE_BENCH_SETTINGS)
        manage = [sys.executable, "manage.py"]
        run_step("migrate (bare)", [*manage, "migrate", "--noinput"], env, cwd=project)
        # Production settings use ManifestStaticFilesStorage: {% static %} needs the manifest.
        run_step("collectstatic (bare)", [*manage, "collectstatic", "--noinput"], env, cwd=project)
        ready.touch()
    return Gunicorn("bare wagtail", "barebench.wsgi", env, project)


# --------------------------------------------------------------------------------------------
# Report


def machine_lines(ctx):
    """Lines describing the machine, the versions and the settings of this run."""
    return [
        *system_lines(),
        f"server    gunicorn {' '.join(GUNICORN_ARGS)} on {HOST}, DEBUG off, SQLite",
        f"load      {wrk_version(ctx.wrk)} -t{WRK_THREADS} -c{WRK_CONNECTIONS} "
        f"-d{ctx.duration}s on the same machine, {WARMUP_SECONDS} s warm-up per URL",
        f"runs      {ctx.runs} per figure (median reported)",
    ]


def add_ratios(results, bare, minimal):
    """Attach each result's ratios (req/s, p50, p99) to the two baselines."""
    for res in results:
        for key, base in (("bare_wagtail", bare), ("min_django", minimal)):
            res.ratios[key] = {
                "rps": res.rps / base.rps if base.rps else None,
                "p50": res.p50_ms / base.p50_ms if base.p50_ms else None,
                "p99": res.p99_ms / base.p99_ms if base.p99_ms else None,
            }


def print_table(results):
    """The table: one row per page and cache mode, then the baselines; targets in a footnote."""
    header = (
        "page",
        "cache",
        "req/s",
        "p50 ms",
        "p99 ms",
        "×bare-wagtail",
        "×min-django",
        "target",
    )
    rows = []
    for res in results:
        ratio_bare = res.ratios.get("bare_wagtail", {}).get("rps")
        ratio_min = res.ratios.get("min_django", {}).get("rps")
        target = f"≥{res.target:,.0f} {res.verdict}" if res.target else "-"
        if res.errors:
            target += f" ({res.errors} errors!)"
        rows.append(
            (
                res.page,
                res.cache,
                f"{res.rps:,.0f}",
                f"{res.p50_ms:.1f}",
                f"{res.p99_ms:.1f}",
                f"{ratio_bare:.2f}×" if ratio_bare else "-",
                f"{ratio_min:.3f}×" if ratio_min else "-",
                target,
            )
        )
    print()
    print("\n".join(format_table(header, rows, numeric={2, 3, 4, 5, 6})))
    print()
    print(
        f"Targets: cache off - home and every lesson page ≥ {TARGET_OFF_PAGE} req/s, "
        f"search ≥ {TARGET_OFF_SEARCH} req/s, the library (filtered or not) ≥ "
        f"{TARGET_LIBRARY_VS_BARE}× the bare Wagtail page's req/s in this run; cache on - "
        f"every public page ≥ {TARGET_ON:,} req/s."
    )
    print(
        "×bare-wagtail / ×min-django: the row's req/s divided by that baseline's req/s "
        "(p50/p99 ratios are in --json)."
    )
    failed = [f"{r.page} ({r.cache})" for r in results if r.verdict == "FAIL"]
    print("Result: " + ("all targets met." if not failed else "below target: " + ", ".join(failed)))


# --------------------------------------------------------------------------------------------
# Main


@dataclass
class Context:
    """Settings shared by every measurement."""

    wrk: str
    lua: Path
    duration: int
    runs: int


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run (5)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; median kept (3)")
    parser.add_argument("--quick", action="store_true", help="1 run of 2 s per figure")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument(
        "--baselines-only",
        action="store_true",
        help="measure only the two baselines (skip building our site)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.runs = 2, 1
    if args.duration < 1 or args.runs < 1:
        parser.error("--duration and --runs must be at least 1")
    return args


def measure_site(ctx):
    """Serve our site cache off then cache on and measure every public page."""
    results = []
    pages = list(FIXED_PAGES)
    for cache_on in (False, True):
        cache = "on" if cache_on else "off"
        print(f"Measuring the site, cache {cache} ...", flush=True)
        with Gunicorn(f"site cache {cache}", "config.wsgi", site_env(cache_on), ROOT) as server:
            if not cache_on:
                pages = [*FIXED_PAGES, *discover_lessons(server), *SEARCH_PAGES]
            check_urls(server, pages)
            for name, path in pages:
                results.append(measure(ctx, server, name, path, cache, site_target(name, cache)))
    return results


def site_target(name, cache):
    """The req/s target for one page and cache mode, or None when the issue sets none."""
    if cache == "on":
        return TARGET_ON
    if name.startswith("search"):
        return TARGET_OFF_SEARCH
    if name.startswith(("home", "lesson ")):
        return TARGET_OFF_PAGE
    return None


def measure_baseline(ctx, server_factory, name):
    """Serve one baseline and measure its `/`."""
    print(f"Measuring the {name} baseline ...", flush=True)
    with server_factory() as server:
        check_urls(server, [(name, "/")])
        return measure(ctx, server, name, "/", "-")


def main(argv=None):
    args = parse_args(argv)
    install_signal_handlers()
    try:
        ctx = Context(wrk=ensure_wrk(), lua=Path(), duration=args.duration, runs=args.runs)
        if not args.baselines_only:
            build_site()  # first, so a missing piece of the site fails before anything is timed
        with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
            ctx.lua = Path(tmp) / "report.lua"
            ctx.lua.write_text(WRK_LUA)
            header = machine_lines(ctx)
            print("\n".join(header), flush=True)
            minimal = measure_baseline(ctx, min_django, "minimal django")
            bare = measure_baseline(ctx, bare_wagtail, "bare wagtail")
            site = [] if args.baselines_only else measure_site(ctx)
    except BenchError as exc:
        print(f"\nbench/pages.py: ERROR: {exc}", file=sys.stderr)
        return 2
    results = [*site, bare, minimal]
    add_ratios(results, bare, minimal)
    for res in site:
        if res.page.startswith("library") and res.cache == "off":
            res.target = TARGET_LIBRARY_VS_BARE * bare.rps
    print()
    print("\n".join(header))
    print_table(results)
    if args.json:
        write_json(
            args.json,
            {
                "header": header,
                "settings": {
                    "gunicorn": GUNICORN_ARGS,
                    "wrk_threads": WRK_THREADS,
                    "wrk_connections": WRK_CONNECTIONS,
                    "duration_s": ctx.duration,
                    "runs": ctx.runs,
                    "warmup_s": WARMUP_SECONDS,
                },
                "targets": {
                    "cache_off_page": TARGET_OFF_PAGE,
                    "cache_off_search": TARGET_OFF_SEARCH,
                    "cache_on": TARGET_ON,
                    "cache_off_library_vs_bare_wagtail": TARGET_LIBRARY_VS_BARE,
                },
                "results": [{**asdict(r), "verdict": r.verdict} for r in results],
            },
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
