"""`make serve` (bin/serve.py) refuses to start without what production needs."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
FULL = {
    "SECRET_KEY": "k" * 50,
    "DATABASE_URL": "postgres://scamsense@127.0.0.1:5432/scamsense",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "scamsense.example",
}


def run_serve(overrides):
    env = {k: v for k, v in os.environ.items() if k not in FULL}
    env.update(overrides)
    return subprocess.run([sys.executable, "bin/serve.py"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("missing", sorted(FULL))
def test_refuses_to_start_and_names_the_missing_variable(missing):
    result = run_serve({**FULL, missing: ""})
    assert result.returncode == 2
    assert f"refusing to start; set {missing}:" in result.stderr
    assert "migrate" not in result.stdout  # nothing ran


def test_names_every_missing_variable_at_once():
    result = run_serve({})
    assert result.returncode == 2
    for name in FULL:
        assert f"  {name}  " in result.stderr


def test_gunicorn_runs_threaded_workers_on_the_given_address():
    sys.path.insert(0, str(ROOT / "bin"))
    try:
        import serve
    finally:
        sys.path.pop(0)
    command = serve.gunicorn_command({"HOST": "0.0.0.0", "PORT": "8360", "WEB_CONCURRENCY": "3"})
    assert command[1] == "config.wsgi"
    assert command[command.index("--bind") + 1] == "0.0.0.0:8360"
    assert command[command.index("--workers") + 1] == "3"
    assert command[command.index("--worker-class") + 1] == "gthread"
