"""Browser tests: the real site in a subprocess, driven by Playwright through Debian's Chromium.

The tests talk to that server over HTTP only. It runs on its own SQLite database and media
directory in a temporary folder (migrated, then filled with the demo content), so the tests
never touch pytest-django's test database and need no `db` fixture.

Environment:
- `SCAMSENSE_CHROMIUM`: the Chromium binary (default /usr/bin/chromium).
- `SCAMSENSE_REQUIRE_BROWSER=1` (CI): a missing or broken Chromium fails instead of skipping.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SCAMSENSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SERVER_START_TIMEOUT = 60  # seconds for runserver to answer
COMMAND_TIMEOUT = 600  # seconds for migrate / load_demo_content
# The first browser test also builds the demo site (migrate, then the demo content with its
# drawn comics and narrated videos, both languages): that test may take this long in all,
# every other one keeps the suite's 5-minute limit.
FIRST_TEST_TIMEOUT = 2 * COMMAND_TIMEOUT + 300
BLOCKING_IMPACTS = ("serious", "critical")


def browser_required() -> bool:
    return os.environ.get("SCAMSENSE_REQUIRE_BROWSER", "") == "1"


def skip_or_fail(reason: str, detail: str = ""):
    """Skip the browser tests, or fail them (with the details) when CI requires a browser."""
    if browser_required():
        pytest.fail(f"{reason} (SCAMSENSE_REQUIRE_BROWSER=1)\n{detail}".rstrip(), pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    """Give the first browser test room for the one-time site set-up (see FIRST_TEST_TIMEOUT)."""
    for item in items:
        if "site_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.timeout(FIRST_TEST_TIMEOUT))
            break


# --- the site under test -------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(args: list[str], env: dict[str, str], log: Path) -> None:
    """Run a manage.py command; on failure show its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=COMMAND_TIMEOUT,
    )
    with log.open("a") as out:
        out.write(f"$ manage.py {' '.join(args)}\n{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}",
            pytrace=False,
        )


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"runserver exited with {process.returncode}:\n{log.read_text()[-5000:]}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(f"runserver did not answer within {SERVER_START_TIMEOUT} s:\n"
                f"{log.read_text()[-5000:]}", pytrace=False)


@pytest.fixture(scope="session")
def site_env(tmp_path_factory, browser) -> dict:
    """The demo site's working folder and environment (its database is `db.sqlite3` there).

    Tests may run `manage.py` commands with this environment to prepare data, and read the
    database file to check what the server stored. Depends on `browser` so that a missing
    Chromium skips before the slow set-up runs.
    """
    workdir = tmp_path_factory.mktemp("e2e-site")
    env = {
        key: value for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "MEDIA_ROOT", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        PAGE_CACHE="0",
        PYTHONUNBUFFERED="1",
    )
    return {"workdir": workdir, "env": env, "db": workdir / "db.sqlite3"}


@pytest.fixture(scope="session")
def site_url(site_env) -> str:
    """Base URL of the demo site, served by `manage.py runserver` for the whole session."""
    workdir = site_env["workdir"]
    env = site_env["env"]
    log = workdir / "server.log"
    _manage(["migrate", "--noinput"], env, log)
    _manage(["load_demo_content"], env, log)

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("a") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        skip_or_fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    try:
        error = None
        try:
            browser = manager.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        except PlaywrightError as exc:
            error = str(exc).strip()
        if error is not None:  # outside the except block: no chained traceback
            skip_or_fail(
                f"Playwright could not launch Chromium at {CHROMIUM}: {error.splitlines()[0]}",
                error,
            )
        yield browser
        browser.close()
    finally:
        manager.stop()


@pytest.fixture
def new_context(browser, site_url):
    """Factory for extra browser contexts (viewport, JS off, …); all closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("base_url", site_url)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context(viewport={"width": 1280, "height": 900})


@pytest.fixture
def page(context):
    return context.new_page()


# --- helpers -------------------------------------------------------------------------------


def assert_no_axe_violations(page, label: str | None = None) -> None:
    """Run axe-core on the page; fail on any serious or critical violation, listed readably."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    if not blocking:
        return
    lines = [f"axe-core found {len(blocking)} serious/critical violation(s) on "
             f"{label or page.url}:"]
    for violation in blocking:
        lines.append(f"\n[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"  - {', '.join(map(str, node['target']))}")
            lines.append(f"    {node['html'][:300]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n      ")
                lines.append(f"      {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"  … and {len(violation['nodes']) - 10} more element(s)")
    pytest.fail("\n".join(lines), pytrace=False)


def has_horizontal_scroll(page) -> dict | None:
    """None when the page fits its viewport; otherwise the widths and the widest culprits."""
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            if (root.scrollWidth <= root.clientWidth) return null;
            const wide = [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > root.clientWidth + 0.5)
                .slice(0, 8)
                .map(el => el.tagName.toLowerCase()
                    + (el.id ? '#' + el.id : '')
                    + (el.className && typeof el.className === 'string'
                        ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                    + ' right=' + Math.round(el.getBoundingClientRect().right));
            return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
        }"""
    )


def assert_no_horizontal_scroll(page, label: str | None = None) -> None:
    overflow = has_horizontal_scroll(page)
    assert overflow is None, f"horizontal scrolling on {label or page.url}: {overflow}"


# Test modules get the helpers through fixtures: importing this conftest from a test module
# would load it a second time and duplicate its session fixtures.


@pytest.fixture(scope="session")
def check_axe():
    """`check_axe(page, label=None)`: fail on serious or critical axe-core violations."""
    return assert_no_axe_violations


@pytest.fixture(scope="session")
def check_no_hscroll():
    """`check_no_hscroll(page, label=None)`: fail when the page scrolls sideways."""
    return assert_no_horizontal_scroll
