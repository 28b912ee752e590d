"""`check --deploy` stays clean with the object store and the CDN configured."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a-long-random-test-value-" + "x" * 40,
    "ALLOWED_HOSTS": "scamsense.example",
    "DATABASE_URL": "sqlite:////tmp/scamsense-deploy-check-s3.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:1/0",
    "S3_BUCKET": "scamsense-media",
    "S3_PRIVATE_BUCKET": "scamsense-private",
    "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    "S3_ADDRESSING_STYLE": "path",
    "FRONTEND_CACHE_URL": "http://127.0.0.1:6081",
    "CDN_S_MAXAGE": "120",
}


def test_deploy_check_is_clean_with_object_store_and_cdn():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(PRODUCTION)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
