#!/usr/bin/env python3
"""`make serve`: migrate, collectstatic, then gunicorn with the production settings.

Refuses to start, naming every missing variable at once, unless the environment holds what
production needs (docs/operations.md lists them all). Gunicorn replaces this process, so a
service manager (systemd) sees and signals gunicorn itself.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a production start cannot do without. REDIS_URL: several app servers share the page
# cache, rate limits and cached sessions through it (the site survives Redis going down,
# but must not be started without one by mistake).
REQUIRED = {
    "SECRET_KEY": "long and random: python3 -c 'import secrets; print(secrets.token_urlsafe())'",
    "DATABASE_URL": "e.g. postgres://scamsense@127.0.0.1:5432/scamsense",
    "REDIS_URL": "e.g. redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "the public host name(s), comma-separated, e.g. scamsense.example",
}


def missing_variables(environ):
    return [name for name in REQUIRED if not environ.get(name, "").strip()]


def gunicorn_command(environ):
    bind = environ.get("BIND", f"{environ.get('HOST', '127.0.0.1')}:{environ.get('PORT', '8000')}")
    return [
        str(Path(sys.executable).parent / "gunicorn"), "config.wsgi",
        "--bind", bind,
        "--workers", environ.get("WEB_CONCURRENCY", str(os.cpu_count() or 1)),
        "--worker-class", "gthread", "--threads", environ.get("GUNICORN_THREADS", "4"),
        "--timeout", environ.get("GUNICORN_TIMEOUT", "30"),
        "--graceful-timeout", "20",
        "--max-requests", "5000", "--max-requests-jitter", "500",
        # No control socket (~/.gunicorn/gunicorn.ctl): two servers on one host would share it.
        "--no-control-socket",
        "--access-logfile", "-", "--forwarded-allow-ips",
        environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]


def main():
    environ = dict(os.environ)
    environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    missing = missing_variables(environ)
    if missing:
        lines = [f"make serve: refusing to start; set {', '.join(missing)}:"]
        lines += [f"  {name}  {REQUIRED[name]}" for name in missing]
        lines.append("(every variable: docs/operations.md, 'Environment variables')")
        print("\n".join(lines), file=sys.stderr)
        return 2
    manage = [sys.executable, str(ROOT / "manage.py")]
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        subprocess.run([*manage, *step], cwd=ROOT, env=environ, check=True)
    command = gunicorn_command(environ)
    print("make serve:", " ".join(command), flush=True)
    os.chdir(ROOT)
    os.execve(command[0], command, environ)


if __name__ == "__main__":
    sys.exit(main())
