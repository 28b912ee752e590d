"""gunicorn's production settings: `gunicorn -c config/gunicorn.py config.wsgi`.

The address comes from the command line (`-b 127.0.0.1:8000`) or gunicorn's own `PORT` /
`GUNICORN_CMD_ARGS` variables; the sizes below can be changed without editing this file
through the variables named next to them. `bench/faults.py` runs the site with this file
through a PostgreSQL restart, Redis stopping, a worker killed and a spike of 1,000 clients.

Why these values:
- gthread workers, one per core, 4 threads each: a page view's beacon keeps its connection,
  and several commits in flight let PostgreSQL group them (README, "Serving in production").
- `timeout`: a worker silent for 30 s (stuck on a lock, a lost network peer) is killed and
  replaced; no request of ours needs that long, so the limit only ends hangs.
- `graceful_timeout`: on reload or stop, requests in flight get 30 s to finish.
- `backlog` / `worker_connections`: a burst waits in the kernel's queue and the workers' own
  queues instead of being refused; the page script retries what is refused anyway.
- `max_requests` with jitter: each worker is replaced after about 2,000 requests, one at a
  time, so a slow leak cannot grow without bound and workers never restart together.
- `keepalive`: behind a proxy, idle keep-alive connections are closed after 5 s.
"""

import os


def _int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


workers = _int("WEB_CONCURRENCY", max(2, os.cpu_count() or 1))
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
worker_connections = _int("GUNICORN_WORKER_CONNECTIONS", 1000)
backlog = _int("GUNICORN_BACKLOG", 2048)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# No control socket (gunicorn 27 opens ~/.gunicorn/gunicorn.ctl by default): servers started
# side by side on one machine would share that path, and nothing here uses it.
control_socket_disable = True
errorlog = "-"
# Proxies allowed to set X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER); the beacon trusts
# X-Forwarded-For only from REACH_TRUSTED_PROXIES, independently of this.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
