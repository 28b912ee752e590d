"""ScamSense on several app servers, behind a load balancer and Varnish, with real parts.

Starts, on this machine, everything production has (ports 8360-8399, all on 127.0.0.1):

  client ──> Varnish :8370 (docs/varnish/scamsense.vcl) ──> HAProxy :8360 (round robin)
                 ──> gunicorn A :8361 and gunicorn B :8362 (config.settings.production)
  shared by A and B: PostgreSQL (a throwaway database on 127.0.0.1:5432), Redis (our own
  redis-server on :8380), S3 (moto's standalone server on :8390, buckets for public media and
  private files). Each app server gets its own, empty MEDIA_ROOT and PRIVATE_ROOT: nothing can
  be shared through a local disk.

and prints one line per check (PASS/FAIL):

  1. an image uploaded through A's admin is stored in S3 and served through B (B's admin page
     for it renders its thumbnail, which B can only make from the S3 original);
  2. an editor's session made through the load balancer is signed in on A and on B;
  3. a lesson published through A's admin shows its new text on A and B within 1 s;
  4. Varnish serves the cached lesson (X-Cache HIT, Age, two ids in X-Varnish), the publish
     purges it (PURGE from the app through wagtail.contrib.frontend_cache) and the next request
     shows the new text;

then the figures: requests/s and latency of an anonymous lesson page for each app server
alone, through HAProxy (both) and through Varnish, with wrk (short runs; the machine and
settings are printed with them). Everything it started is stopped and the database dropped at
the end, also on failure or Ctrl-C; the whole run is bounded (--timeout).

Needs Debian's haproxy, varnish, redis-server and wrk (installed with apt-get when missing and
running as root), PostgreSQL on 127.0.0.1:5432 (trust auth), and moto[server] in the venv.

  .venv/bin/python bench/cluster.py            # checks + 5 s load per target
  .venv/bin/python bench/cluster.py --smoke    # checks + 1 s load per target (for CI)
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from common import (
    HOST,
    ROOT,
    VENV_BIN,
    WORK,
    BenchError,
    Gunicorn,
    ThrowawayPostgres,
    ensure_wrk,
    install_signal_handlers,
    run_step,
    system_lines,
    wrk_version,
)

PORTS = {"haproxy": 8360, "app_a": 8361, "app_b": 8362, "varnish": 8370,
         "varnish_admin": 8371, "redis": 8380, "s3": 8390}
APT_PACKAGES = {"haproxy": "haproxy", "varnishd": "varnish", "redis-server": "redis-server",
                "wrk": "wrk"}
GUNICORN = ["-w", "2", "-k", "gthread", "--threads", "4"]  # README's production advice
VCL = ROOT / "docs" / "varnish" / "scamsense.vcl"
PUBLIC_BUCKET, PRIVATE_BUCKET = "scamsense-media", "scamsense-private"
ADMIN_USER = "cluster-admin"
OLD_TEXT, NEW_TEXT = "Couriers never ask for a customs fee by text.", "Fresh text {}"
FRESH_WITHIN = 1.0

# Run in the app's environment once migrations are done: an administrator and one live lesson.
SEED = """
from django.contrib.auth import get_user_model
from education.models import CaseStudy, LessonIndexPage
User = get_user_model()
User.objects.create_superuser({user!r}, "admin@example.invalid", {password!r})
library = LessonIndexPage.objects.filter(locale__language_code="en").first()
page = CaseStudy(title="Parcel fee texts", slug="parcel-fee-texts",
                 summary="A text asks for a customs fee.", story="<p>{old}</p>",
                 how_it_worked="<p>A copied courier logo.</p>",
                 red_flags=[("red_flag", "A fee by text")],
                 what_to_do="<p>Call the courier on its own number.</p>")
library.add_child(instance=page)
page.save_revision().publish()
print("LESSON", page.pk, page.url)
"""
# A new draft of the lesson, as an editor saving without publishing would leave it.
DRAFT = """
from education.models import CaseStudy
page = CaseStudy.objects.get(pk={pk})
page.story = "<p>{text}</p>"
page.save_revision()
"""


class Http:
    """A small HTTP client: one base address, its own cookies (sent over plain HTTP although
    Django marks them Secure: the load balancer plays TLS terminator and says https)."""

    def __init__(self, port, cookies=None):
        self.port = port
        self.cookies = cookies if cookies is not None else {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        sent = {"Host": f"{HOST}:{self.port}", "X-Forwarded-Proto": "https",
                "User-Agent": "scamsense-cluster-bench", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        conn.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post_form(self, path, fields, files=None):
        """POST a form (multipart when files are given) with the CSRF token and origin."""
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        origin = f"https://{HOST}:{self.port}"
        headers = {"Origin": origin, "Referer": origin + path}
        if not files:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            return self.request("POST", path, urlencode(fields).encode(), headers)
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                         f"\r\n\r\n{value}\r\n".encode())
        for name, (filename, content, content_type) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                         f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
                         .encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, b"".join(parts), headers)

    def login(self, user, password):
        self.get("/admin/login/")  # the CSRF cookie
        status, headers, _ = self.post_form("/admin/login/", {"username": user,
                                                              "password": password})
        if status != 302:
            raise BenchError(f"login through :{self.port} answered {status}")


@dataclass
class Cluster:
    """Every process started, to stop them all at the end whatever happens."""

    tmp: Path
    procs: list = field(default_factory=list)
    servers: list = field(default_factory=list)
    database: ThrowawayPostgres = None

    def start(self, name, cmd, **kwargs):
        log = open(self.tmp / f"{name}.log", "ab")
        proc = subprocess.Popen(cmd, stdout=log, stderr=log, start_new_session=True, **kwargs)
        log.close()
        self.procs.append((name, proc))
        return proc

    def stop(self):
        for server in reversed(self.servers):
            server.stop()
        for _name, proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                except ProcessLookupError:
                    pass
        if self.database is not None:
            self.database.drop()


def ensure_debian_packages():
    missing = [pkg for command, pkg in APT_PACKAGES.items() if not shutil.which(command)]
    if not missing:
        return
    if os.geteuid() != 0:
        raise BenchError(f"install first: apt-get install -y {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"  apt-get install {' '.join(missing)} ...", flush=True)
    if subprocess.run(["apt-get", "install", "-y", "-qq", *missing], env=env,
                      capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], env=env,
                       capture_output=True, check=True)


def wait_for_port(port, proc, name, log, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"{name} exited with {proc.returncode}:\n{tail(log)}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise BenchError(f"{name} did not listen on :{port} within {timeout} s:\n{tail(log)}")


def tail(path, lines=15):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def check_ports_free():
    busy = []
    for name, port in PORTS.items():
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                busy.append(f"{name} :{port}")
    if busy:
        raise BenchError(f"ports in use (another run?): {', '.join(busy)}")


def haproxy_config(tmp):
    path = tmp / "haproxy.cfg"
    path.write_text(f"""
global
    maxconn 2000
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    option forwardfor
frontend web
    bind {HOST}:{PORTS['haproxy']}
    # TLS ends here in production; say so to the app (SECURE_PROXY_SSL_HEADER).
    http-request set-header X-Forwarded-Proto https
    default_backend app
backend app
    balance roundrobin
    option httpchk GET /healthz
    http-check send hdr Host {HOST}
    timeout check 5s
    default-server check inter 2s rise 1 fall 3
    server a {HOST}:{PORTS['app_a']}
    server b {HOST}:{PORTS['app_b']}
""")
    return path


def varnish_vcl(tmp):
    """docs/varnish/scamsense.vcl with the backend's port set to our HAProxy."""
    text = VCL.read_text()
    text, count = re.subn(r'\.port = "\d+";', f'.port = "{PORTS["haproxy"]}";', text, count=1)
    if count != 1:
        raise BenchError(f"no backend port found in {VCL}")
    path = tmp / "scamsense.vcl"
    path.write_text(text)
    return path


def app_env(tmp, database_url, label):
    media, private = tmp / f"media-{label}", tmp / f"private-{label}"
    media.mkdir(exist_ok=True)
    private.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "AWS_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "cluster-bench-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://{HOST}:{PORTS['redis']}/0",
        "SECURE_SSL_REDIRECT": "0",
        "MEDIA_ROOT": str(media), "PRIVATE_ROOT": str(private),
        "S3_BUCKET": PUBLIC_BUCKET, "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
        "S3_ENDPOINT_URL": f"http://{HOST}:{PORTS['s3']}", "S3_REGION": "us-east-1",
        "S3_ADDRESSING_STYLE": "path",
        "AWS_ACCESS_KEY_ID": "cluster-bench", "AWS_SECRET_ACCESS_KEY": "cluster-bench",
        "FRONTEND_CACHE_URL": f"http://{HOST}:{PORTS['varnish']}",
        "CDN_S_MAXAGE": "120",
        "PAGE_CACHE": "1",
        "REACH_TRUSTED_PROXIES": HOST,
        "LOG_LEVEL": "WARNING",
    })
    return env


def start_cluster(cluster, args):
    tmp = cluster.tmp
    print("Starting the cluster", flush=True)
    redis_proc = cluster.start("redis", ["redis-server", "--port", str(PORTS["redis"]),
                                         "--bind", HOST, "--save", "", "--appendonly", "no"])
    wait_for_port(PORTS["redis"], redis_proc, "redis-server", tmp / "redis.log")
    s3 = cluster.start("s3", [str(VENV_BIN / "moto_server"), "-H", HOST,
                              "-p", str(PORTS["s3"])])
    wait_for_port(PORTS["s3"], s3, "moto_server", tmp / "s3.log")
    import boto3

    client = boto3.client("s3", endpoint_url=f"http://{HOST}:{PORTS['s3']}",
                          region_name="us-east-1", aws_access_key_id="cluster-bench",
                          aws_secret_access_key="cluster-bench")
    for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
        client.create_bucket(Bucket=bucket)
    # As docs/operations.md says: anyone may read public media, nothing else.
    client.put_bucket_policy(Bucket=PUBLIC_BUCKET, Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                       "Resource": f"arn:aws:s3:::{PUBLIC_BUCKET}/media/*"}],
    }))

    cluster.database = ThrowawayPostgres("cluster")
    cluster.database.create()
    env_a = app_env(tmp, cluster.database.url, "a")
    manage = [sys.executable, "manage.py"]
    run_step("migrate", [*manage, "migrate", "--noinput"], env_a)
    run_step("collectstatic", [*manage, "collectstatic", "--noinput", "-v", "0"], env_a)
    run_step("site address = Varnish", [*manage, "set_site_address", HOST,
                                         str(PORTS["varnish"])], env_a)
    password = secrets.token_urlsafe(12)
    out = run_step("seed an administrator and a lesson", [
        *manage, "shell", "-c", SEED.format(user=ADMIN_USER, password=password, old=OLD_TEXT)
    ], env_a)
    match = re.search(r"LESSON (\d+) (\S+)", out)
    if not match:
        raise BenchError(f"the seed printed no lesson:\n{out}")
    lesson = {"pk": int(match[1]), "path": match[2], "password": password}

    for label, port in (("a", PORTS["app_a"]), ("b", PORTS["app_b"])):
        server = Gunicorn(f"cluster {label}", "config.wsgi", app_env(tmp, cluster.database.url,
                          label), ROOT, capture_output=True, args=GUNICORN)
        server.port = port
        server.log = tmp / f"gunicorn-{label}.log"
        cluster.servers.append(server)
        server.__enter__()
    for server in cluster.servers:  # workers load Django: slow on a busy machine
        wait_healthy(server.port, f"gunicorn :{server.port}", timeout=120)
    haproxy = cluster.start("haproxy", ["haproxy", "-db", "-f", str(haproxy_config(tmp))])
    wait_for_port(PORTS["haproxy"], haproxy, "haproxy", tmp / "haproxy.log")
    varnish_dir = tmp / "varnish"
    varnish = cluster.start("varnish", [
        "varnishd", "-F", "-j", "none", "-n", str(varnish_dir), "-f", str(varnish_vcl(tmp)),
        "-a", f"{HOST}:{PORTS['varnish']}", "-T", f"{HOST}:{PORTS['varnish_admin']}",
        "-s", "malloc,64m",
    ])
    wait_for_port(PORTS["varnish"], varnish, "varnishd", tmp / "varnish.log")
    wait_healthy(PORTS["haproxy"], "HAProxy (first health checks)", timeout=30)
    return lesson, client


def wait_healthy(port, name, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if Http(port).get("/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise BenchError(f"{name} did not answer /healthz with 200 within {timeout} s")


# --------------------------------------------------------------------------------------------
# Checks


def report(ok, text):
    print(f"  {'PASS' if ok else 'FAIL'}  {text}", flush=True)
    return ok


def png_bytes():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 180), (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def check_image(s3_client, password, tmp):
    """Upload through A, then B renders the image's admin page and its thumbnail."""
    a, b = Http(PORTS["app_a"]), Http(PORTS["app_b"])
    a.login(ADMIN_USER, password)
    b.cookies = dict(a.cookies)
    content = png_bytes()
    title = f"cluster-{secrets.token_hex(3)}"
    a.get("/admin/images/add/")
    status, headers, body = a.post_form(
        "/admin/images/add/", {"title": title, "collection": "1", "tags": ""},
        files={"file": (f"{title}.png", content, "image/png")})
    if status != 302 or "/login/" in headers.get("location", ""):
        return report(False, f"image upload through A answered {status} "
                             f"{headers.get('location')}: {body[:300]!r}")
    keys = [item["Key"] for item in s3_client.list_objects_v2(
        Bucket=PUBLIC_BUCKET, Prefix="media/original_images/").get("Contents", [])]
    stored = [key for key in keys if title in key]
    status, _, listing = b.get("/admin/images/")  # the only image: the one just uploaded
    match = re.search(rb'/admin/images/(\d+)/[?"]', listing)
    if status != 200 or not match or title.encode() not in listing:
        return report(False, f"B's image listing ({status}) does not show {title} (S3 has "
                             f"{stored}; upload answered {headers.get('location')})")
    status, _, page = b.get(f"/admin/images/{match[1].decode()}/")
    thumbs = re.findall(rb'src="(http://[^"]+/media/images/[^"]+)"', page)
    thumb = Http(PORTS["s3"]).get(urlsplit(thumbs[0].decode()).path) if thumbs else (0, {}, b"")
    original = Http(PORTS["s3"]).get(f"/{PUBLIC_BUCKET}/{stored[0]}") if stored else (0, {}, b"")
    local = [p for label in ("a", "b") for p in (tmp / f"media-{label}").rglob("*")
             if p.is_file()]
    ok = (bool(stored) and status == 200 and thumb[0] == 200
          and thumb[2].startswith(b"\x89PNG") and original[2] == content and not local)
    return report(ok, f"image uploaded through A is in S3 ({stored[0] if stored else '-'}) "
                      f"and served through B: B's page for it {status} with a rendition B made "
                      f"from the S3 original ({thumb[0]}, {len(thumb[2])} bytes from S3), the "
                      f"original read back from S3 byte for byte: {original[2] == content}; "
                      f"files on the app servers' local disks: {len(local)}")


def check_sessions(password):
    lb = Http(PORTS["haproxy"])
    lb.login(ADMIN_USER, password)
    results = {}
    for label, port in (("A", PORTS["app_a"]), ("B", PORTS["app_b"])):
        statuses = [Http(port, dict(lb.cookies)).get("/admin/")[0] for _ in range(3)]
        results[label] = statuses
    through_lb = [Http(PORTS["haproxy"], dict(lb.cookies)).get("/admin/")[0] for _ in range(4)]
    ok = all(s == 200 for s in results["A"] + results["B"] + through_lb)
    return report(ok, f"editor's session made through HAProxy is signed in on A {results['A']}, "
                      f"on B {results['B']}, and through HAProxy (round robin) {through_lb}"), lb


def publish_through_a(session_cookies, lesson, text, env):
    """An editor's draft (saved with the new text), published through A's admin."""
    run_step("save a draft with new text", [sys.executable, "manage.py", "shell", "-c",
                                            DRAFT.format(pk=lesson["pk"], text=text)], env)
    a = Http(PORTS["app_a"], dict(session_cookies))
    path = f"/admin/bulk/wagtailcore/page/publish/?id={lesson['pk']}"
    a.get(path)
    status, _, body = a.post_form(path, {"include_descendants": ""})
    if status != 302:
        raise BenchError(f"publishing through A answered {status}: {body[:300]!r}")
    return time.monotonic()  # published (committed) when A answers


def wait_fresh(port, path, text, started, limit=5.0):
    """Seconds from A's answer to the publish until `port` serves `text` (None if not within
    `limit`); polled every 50 ms."""
    client = Http(port)
    while time.monotonic() - started < limit:
        status, _, body = client.get(path)
        if status == 200 and text.encode() in body:
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def check_publish_fresh(lb, lesson, env):
    for port in (PORTS["app_a"], PORTS["app_b"]):  # both have the page in their page cache
        for _ in range(2):
            Http(port).get(lesson["path"])
    text = NEW_TEXT.format(secrets.token_hex(4))
    started = publish_through_a(lb.cookies, lesson, text, env)
    seen = {label: wait_fresh(port, lesson["path"], text, started)
            for label, port in (("A", PORTS["app_a"]), ("B", PORTS["app_b"]))}
    ok = all(t is not None and t <= FRESH_WITHIN for t in seen.values())
    shown = ", ".join(f"{k} after {v:.2f} s" if v is not None else f"{k} not within 5 s"
                      for k, v in seen.items())
    return report(ok, f"lesson published through A is served fresh by both ({shown}; "
                      f"limit {FRESH_WITHIN:.0f} s)"), text


def check_varnish(lb, lesson, env):
    front = Http(PORTS["varnish"])
    time.sleep(2.0)  # the previous check's publish is purged again 1.5 s after it
    first = front.get(lesson["path"])
    time.sleep(1.1)  # so Age shows the copy's age
    second = front.get(lesson["path"])
    hit = second[1]
    cached = (second[0] == 200 and hit.get("x-cache") == "HIT"
              and len(hit.get("x-varnish", "").split()) == 2)
    report(cached, f"Varnish serves the cached lesson: 1st X-Cache {first[1].get('x-cache')}, "
                   f"2nd X-Cache {hit.get('x-cache')}, Age {hit.get('age')}, "
                   f"X-Varnish {hit.get('x-varnish')!r}, Cache-Control "
                   f"{hit.get('cache-control')!r}")
    text = NEW_TEXT.format(secrets.token_hex(4))
    started = publish_through_a(lb.cookies, lesson, text, env)
    seen = wait_fresh(PORTS["varnish"], lesson["path"], text, started)
    after = front.get(lesson["path"])
    # The app purges again 1.5 s after the publish (CDN_PURGE_REPEAT_SECONDS): whatever
    # Varnish holds then must be the new text.
    time.sleep(2.0)
    later = front.get(lesson["path"])
    purged = (seen is not None and seen <= FRESH_WITHIN and text.encode() in later[2])
    report(purged, "the publish purged it: Varnish shows the new text "
                   + (f"after {seen:.2f} s" if seen is not None else "NOT within 5 s")
                   + f" (X-Cache then {after[1].get('x-cache')}), and still 2 s later "
                   f"(after the repeated purge): {text.encode() in later[2]}")
    editor = Http(PORTS["varnish"], dict(lb.cookies)).get(lesson["path"])
    passed = editor[1].get("x-cache") != "HIT" and "public" not in editor[1].get(
        "cache-control", "")
    report(passed, f"an editor's request passes Varnish (X-Cache {editor[1].get('x-cache')}, "
                   f"Cache-Control {editor[1].get('cache-control')!r})")
    return cached and purged and passed


# --------------------------------------------------------------------------------------------
# Figures


WRK_LINE = re.compile(r"Requests/sec:\s+([\d.]+)")
LAT_LINE = re.compile(r"^\s+Latency\s+(\S+)\s+(\S+)\s+(\S+)", re.M)


def load(wrk, port, path, seconds):
    cmd = [wrk, "-t2", "-c16", f"-d{seconds}s", "-H", "X-Forwarded-Proto: https",
           f"http://{HOST}:{port}{path}"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30).stdout
    rate, latency = WRK_LINE.search(out), LAT_LINE.search(out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(rate[1]) if rate else 0.0,
            "latency_avg": latency[1] if latency else "?",
            "non_2xx": int(errors[1]) if errors else 0}


def figures(wrk, lesson, seconds):
    targets = [("app server A alone", PORTS["app_a"]), ("app server B alone", PORTS["app_b"]),
               ("HAProxy (A + B)", PORTS["haproxy"]), ("Varnish (cached)", PORTS["varnish"])]
    for _label, port in targets:  # warm every cache on the way
        load(wrk, port, lesson["path"], 1)
    rows = []
    for label, port in targets:
        result = load(wrk, port, lesson["path"], seconds)
        rows.append((label, port, result))
        print(f"  {label:<20} :{port}  {result['rps']:8.0f} req/s  latency avg "
              f"{result['latency_avg']:>8}  non-2xx {result['non_2xx']}", flush=True)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="1 s of load per target")
    parser.add_argument("--seconds", type=int, default=5, help="seconds of load per target")
    parser.add_argument("--timeout", type=int, default=600, help="stop everything after this")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    seconds = 1 if args.smoke else args.seconds
    install_signal_handlers()
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(
        BenchError(f"the run took longer than --timeout {args.timeout} s")))
    signal.alarm(args.timeout)

    WORK.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(Path(tempfile.mkdtemp(prefix="cluster-", dir=WORK)))
    ok = False
    try:
        ensure_debian_packages()
        check_ports_free()
        wrk = ensure_wrk()
        lesson, s3_client = start_cluster(cluster, args)
        env = app_env(cluster.tmp, cluster.database.url, "a")
        print("Checks", flush=True)
        results = [check_image(s3_client, lesson["password"], cluster.tmp)]
        session_ok, lb = check_sessions(lesson["password"])
        results.append(session_ok)
        fresh_ok, _ = check_publish_fresh(lb, lesson, env)
        results.append(fresh_ok)
        results.append(check_varnish(lb, lesson, env))
        print(f"Figures: anonymous lesson page {lesson['path']}, wrk -t2 -c16 -d{seconds}s "
              f"per target, page cache on (Redis), Varnish in front for the last row", flush=True)
        print("\n".join(f"  {line}" for line in system_lines()))
        print(f"  app servers: gunicorn {' '.join(GUNICORN)} each, config.settings.production,"
              f" {wrk_version(wrk)}, {os.getloadavg()[0]:.2f} load average before the load")
        rows = figures(wrk, lesson, seconds)
        if args.json:
            Path(args.json).write_text(json.dumps({
                "checks_passed": all(results), "seconds": seconds,
                "figures": [{"target": label, "port": port, **result}
                            for label, port, result in rows],
            }, indent=2) + "\n")
        ok = all(results)
        print(f"{'ALL CHECKS PASSED' if ok else 'SOME CHECKS FAILED'}", flush=True)
    except BenchError as exc:
        print(f"ERROR: {exc}", file=sys.stderr, flush=True)
    finally:
        signal.alarm(0)
        cluster.stop()
        if ok:
            shutil.rmtree(cluster.tmp, ignore_errors=True)
        else:
            print(f"logs kept in {cluster.tmp}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
