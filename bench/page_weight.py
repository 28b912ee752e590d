"""Page-weight and paint benchmark: what a first visit on a slow phone costs, per page type.

Serves the site as bench/pages.py does (gunicorn, production settings, SQLite, demo content,
page cache on) and opens each public page type in Debian's Chromium through Playwright, as a
phone on a slow mobile network, with an empty browser cache each time:

- viewport 375×812 at device pixel ratio 1.75, touch, a mobile user agent;
- network (DevTools protocol): 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up (Lighthouse's
  "slow 4G" figures); CPU slowed 4× (``Emulation.setCPUThrottlingRate``).

For each page type it prints the median, over ``--runs`` visits, of the bytes transferred
(encoded body + headers of every response, video/audio media excluded) and of the Largest
Contentful Paint (``PerformanceObserver`` 'largest-contentful-paint', read once the page is
idle), against the budget: ≤ 200 KiB and LCP ≤ 1.0 s.

Run from the repository root:  .venv/bin/python bench/page_weight.py [--runs 3] [--reuse]

This prints figures; it is not a test and asserts nothing. CPU throttling multiplies this
machine's own speed, so a machine busy with other work paints later than an idle one.
"""

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field

from common import ROOT, WORK, BenchError, Gunicorn, format_table, install_signal_handlers
from pages import FIXED_PAGES, build_site, check_urls, discover_lessons, site_env

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # as tests/e2e/conftest.py launches it
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 375, "height": 812}
DEVICE_SCALE_FACTOR = 1.75
MOBILE_UA = (
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"
)
SLOW_4G = {  # Network.emulateNetworkConditions: latency in ms, throughput in bytes/s
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1000 * 1000 / 8,
    "uploadThroughput": 750 * 1000 / 8,
}
CPU_SLOWDOWN = 4
BUDGET_BYTES = 200 * 1024
BUDGET_LCP_MS = 1000
IDLE_TIMEOUT = 15  # seconds to wait for the page to go quiet (then measured as it is)
EXCLUDED_TYPES = {"Media"}  # video and audio: streamed as watched, outside the budget

LCP_OBSERVER = """
window.__lcp = null;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__lcp = {time: entry.startTime, element: entry.element ? entry.element.tagName : ''};
  }
}).observe({type: 'largest-contentful-paint', buffered: true});
"""


@dataclass
class Visit:
    bytes: int
    requests: int
    lcp_ms: float | None
    lcp_element: str
    by_type: dict = field(default_factory=dict)


def visit(browser, url: str) -> Visit:
    """One first visit to `url` on an emulated slow-4G phone with an empty cache."""
    context = browser.new_context(
        viewport=VIEWPORT, device_scale_factor=DEVICE_SCALE_FACTOR, is_mobile=True,
        has_touch=True, user_agent=MOBILE_UA,
    )
    try:
        page = context.new_page()
        page.add_init_script(LCP_OBSERVER)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        types, sizes, pending = {}, {}, set()

        def sent(event):
            if event.get("type") not in EXCLUDED_TYPES:
                pending.add(event["requestId"])

        def done(event):
            pending.discard(event["requestId"])
            if "encodedDataLength" in event:
                sizes[event["requestId"]] = event["encodedDataLength"]

        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.responseReceived", lambda e: types.__setitem__(e["requestId"], e["type"]))
        cdp.on("Network.loadingFinished", done)
        cdp.on("Network.loadingFailed", done)
        page.goto(url, wait_until="load", timeout=120_000)
        # Idle: no request but media in flight for half a second (a video streams on, so
        # Playwright's "networkidle" may never come).
        quiet_since, deadline = None, time.monotonic() + IDLE_TIMEOUT
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)
            if any(types.get(rid) in EXCLUDED_TYPES for rid in list(pending)):
                pending.difference_update(
                    [rid for rid in list(pending) if types.get(rid) in EXCLUDED_TYPES]
                )
            if pending:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= 0.5:
                break
        lcp = page.evaluate("window.__lcp")
        by_type: dict[str, int] = {}
        for request_id, size in sizes.items():
            kind = types.get(request_id, "Other")
            by_type[kind] = by_type.get(kind, 0) + int(size)
        counted = {k: v for k, v in by_type.items() if k not in EXCLUDED_TYPES}
        return Visit(
            bytes=sum(counted.values()),
            requests=sum(1 for rid in sizes if types.get(rid, "Other") not in EXCLUDED_TYPES),
            lcp_ms=lcp["time"] if lcp else None,
            lcp_element=lcp["element"].lower() if lcp else "",
            by_type=by_type,
        )
    finally:
        context.close()


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="visits per page; median kept (3)")
    parser.add_argument(
        "--reuse", action="store_true",
        help="reuse the database and media bench/.work already holds (skip loading the demo)",
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    install_signal_handlers()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("bench/page_weight.py: Playwright is not installed", file=sys.stderr)
        return 2
    try:
        if not (args.reuse and (WORK / "bench.sqlite3").exists()):
            build_site()
        with Gunicorn("page weight", "config.wsgi", site_env(cache_on=True), ROOT) as server:
            pages = [*FIXED_PAGES, *discover_lessons(server)]
            check_urls(server, pages)
            rows = []
            with sync_playwright() as manager:
                browser = manager.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
                for name, path in pages:
                    visits = [visit(browser, server.base + path) for _ in range(args.runs)]
                    size = statistics.median(v.bytes for v in visits)
                    paints = [v.lcp_ms for v in visits if v.lcp_ms is not None]
                    lcp = statistics.median(paints) if paints else None
                    ok = size <= BUDGET_BYTES and lcp is not None and lcp <= BUDGET_LCP_MS
                    heaviest = max(visits[0].by_type.items(), key=lambda kv: kv[1])
                    print(
                        f"  {name:<20} {size / 1024:7.1f} KiB  LCP "
                        f"{lcp if lcp is not None else float('nan'):7.0f} ms",
                        flush=True,
                    )
                    rows.append((
                        name, path, f"{size / 1024:.1f}", str(visits[0].requests),
                        f"{lcp:.0f}" if lcp is not None else "-", visits[0].lcp_element,
                        f"{heaviest[0]} {heaviest[1] / 1024:.0f} KiB",
                        "PASS" if ok else "FAIL",
                    ))
                browser.close()
    except BenchError as exc:
        print(f"\nbench/page_weight.py: ERROR: {exc}", file=sys.stderr)
        return 2
    print()
    print(
        f"First visit, empty cache, {VIEWPORT['width']}×{VIEWPORT['height']} @"
        f"{DEVICE_SCALE_FACTOR}x; slow 4G ({SLOW_4G['latency']} ms, 1.6 Mbit/s down, "
        f"750 kbit/s up), CPU {CPU_SLOWDOWN}× slower; median of {args.runs} visits."
    )
    header = ("page", "path", "KiB", "requests", "LCP ms", "LCP element", "largest type",
              "budget")
    print("\n".join(format_table(header, rows, numeric={2, 3, 4})))
    print(
        f"\nBudget: ≤ {BUDGET_BYTES // 1024} KiB transferred (video/audio media excluded) and "
        f"Largest Contentful Paint ≤ {BUDGET_LCP_MS / 1000:.1f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
