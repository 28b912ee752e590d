"""Project-wide behaviour: health check, robots, sitemap, error pages, deploy settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_live_lessons_and_audience_pages(client, taxonomy, make_case):
    live = make_case(title="Listed")
    make_case(title="Not listed", live=False)
    body = client.get("/sitemap.xml").content.decode()
    # Pages use the Wagtail Site's root URL (set under Settings → Sites), here localhost.
    assert f"{live.url}</loc>" in body
    assert "not-listed" not in body
    assert "/en/audiences/seniors/</loc>" in body
    assert "/en/lessons/</loc>" in body


def test_sitemap_lists_the_pages_of_every_language(client, taxonomy, make_case, zh_site, translate):
    lesson = make_case(title="Listed in both")
    chinese = translate(lesson, title="两种语言都列出")
    body = client.get("/sitemap.xml").content.decode()
    assert f"{lesson.url}</loc>" in body
    assert chinese.url.startswith("/zh-hans/")
    assert f"{chinese.url}</loc>" in body
    assert f"{zh_site['library'].url}</loc>" in body


def test_unknown_pages_get_our_404_page(client):
    response = client.get("/en/no/such/page/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_server_errors_get_our_500_page_without_a_traceback(client, monkeypatch):
    from education import views

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "search_page_ids", explode)
    client.raise_request_exception = False
    response = client.get("/en/search/", {"q": "anything"})
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "Traceback" not in body and "boom" not in body


def run_manage(args, env_overrides):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a-long-random-test-value-" + "x" * 40,
    "ALLOWED_HOSTS": "scamsense.example",
    "DATABASE_URL": "sqlite:////tmp/scamsense-deploy-check.sqlite3",
}


def test_production_settings_pass_the_deploy_check():
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_settings(missing):
    env = dict(PRODUCTION)
    env[missing] = ""
    result = run_manage(["check"], env)
    assert result.returncode != 0
    assert missing in result.stderr
