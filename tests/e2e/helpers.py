"""What several browser tests do the same way: run a manage.py command on the demo site, and
play the scenario player from the keyboard."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.e2e.conftest import ROOT

# The player moves focus to the new question's heading once the next panel is shown.
FOCUSED_HEADING = """(text) => {
  const el = document.activeElement;
  return !!el && el.matches('.sim__question') && el.textContent.includes(text);
}"""


def manage(site_env, *args, timeout=600):
    """Run a manage.py command against the demo site's database; its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=site_env["env"],
        capture_output=True, text=True, timeout=timeout,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def demo_logins(site_env) -> dict[str, str]:
    """{username: password} of the demo roles (created, or given new passwords)."""
    login_file = site_env["workdir"] / "demo-login"
    manage(site_env, "create_demo_admin", "--login-file", str(login_file))
    return dict(line.split() for line in login_file.read_text().splitlines())


def tab_to(page, text, limit=80):
    """Press Tab until the focused link or button shows ``text``, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => (document.activeElement.textContent || '').trim()")
        if text in focused:
            return
    pytest.fail(f"Tab never reached a control labelled {text!r}")


def choose(page, label, then_heading):
    """Tab to a control, press Enter, and wait for the player to move focus to the next
    panel's heading (new messages have appeared by then)."""
    tab_to(page, label)
    page.keyboard.press("Enter")
    page.wait_for_function(FOCUSED_HEADING, arg=then_heading, timeout=15_000)
