"""Media in an S3-compatible store when S3_BUCKET is set: public files get plain URLs under the
media prefix, private files (evidence, pending imports) get the private ACL and no URL at all.
The bucket is moto's in-process S3 (no network)."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import override_settings
from moto import mock_aws
from wagtail.documents import get_document_model

from config.settings.object_storage import s3_storages

ROOT = Path(__file__).resolve().parent.parent.parent
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
S3_ENV = {
    "S3_BUCKET": "scamsense-media",
    "S3_PRIVATE_BUCKET": "scamsense-private",
    "S3_REGION": "us-east-1",
}


@pytest.fixture
def s3_env(monkeypatch):
    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("S3_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("S3_PUBLIC_DOMAIN", raising=False)


@pytest.fixture
def bucket_storages(s3_env, settings):
    """settings.STORAGES as base.py builds it with S3_BUCKET set, against moto's S3."""
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="scamsense-media")
        client.create_bucket(Bucket="scamsense-private")
        with override_settings(STORAGES={**settings.STORAGES, **s3_storages()}):
            yield client


def test_local_disk_without_s3_bucket(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    assert s3_storages() is None


def test_s3_when_a_bucket_is_configured(s3_env):
    chosen = s3_storages()
    assert chosen["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert chosen["default"]["OPTIONS"]["location"] == "media"
    assert chosen["private"]["BACKEND"] == "config.storage.PrivateS3Storage"
    assert chosen["private"]["OPTIONS"]["bucket_name"] == "scamsense-private"
    assert chosen["private"]["OPTIONS"]["default_acl"] == "private"


def test_private_files_share_the_bucket_under_their_own_prefix(s3_env, monkeypatch):
    monkeypatch.delenv("S3_PRIVATE_BUCKET")
    private = s3_storages()["private"]["OPTIONS"]
    assert (private["bucket_name"], private["location"]) == ("scamsense-media", "private")


def test_production_settings_pick_the_object_store():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(S3_ENV, DJANGO_SETTINGS_MODULE="config.settings.production",
               SECRET_KEY="s" * 50, ALLOWED_HOSTS="scamsense.example",
               DATABASE_URL="sqlite:////tmp/scamsense-storage-check.sqlite3")
    code = ("from django.core.files.storage import storages as s; "
            "print(type(s['default']).__name__, type(s['private']).__name__, "
            "type(s['staticfiles']).__name__)")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "S3Storage", "PrivateS3Storage", "CompressedManifestStaticFilesStorage"]


def test_public_files_get_a_plain_url_under_the_media_prefix(bucket_storages):
    name = storages["default"].save("images/poster.png", ContentFile(b"\x89PNG"))
    url = storages["default"].url(name)
    assert url == f"https://scamsense-media.s3.amazonaws.com/media/{name}"
    assert "Signature" not in url and "X-Amz" not in url
    assert bucket_storages.get_object(Bucket="scamsense-media", Key=f"media/{name}")


def test_private_files_get_no_url_and_no_public_grant(bucket_storages):
    private = storages["private"]
    name = private.save("imports/pending.csv", ContentFile(b"campaign,date\n"))
    with pytest.raises(ValueError, match="no public URL"):
        private.url(name)
    key = f"private/{name}"
    grants = bucket_storages.get_object_acl(Bucket="scamsense-private", Key=key)["Grants"]
    assert not any(grant["Grantee"].get("URI") == ALL_USERS for grant in grants)
    assert private.open(name).read() == b"campaign,date\n"
    assert not storages["default"].exists(name)


@pytest.mark.django_db
def test_evidence_is_streamed_from_the_private_bucket(bucket_storages, client, make_user,
                                                     monkeypatch):
    from campaigns.models import Campaign, ChannelFigure
    from staff.roles import MARKETING

    # A FileField resolves its storage callable once, when models load (with test settings).
    field = ChannelFigure._meta.get_field("evidence_file")
    monkeypatch.setattr(field, "storage", storages["private"])

    campaign = Campaign.objects.create(name="Autumn", slug="autumn",
                                       starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2025, 9, 30))
    figure = ChannelFigure(campaign=campaign, channel="social", partner="Partner",
                           period_start=dt.date(2025, 9, 1), period_end=dt.date(2025, 9, 7),
                           metric="impressions", value=1, source="Export", method="Counted")
    figure.evidence_file.save("report.pdf", ContentFile(b"%PDF-1.4 evidence"))
    stored = bucket_storages.get_object(Bucket="scamsense-private",
                                        Key=f"private/{figure.evidence_file.name}")
    assert stored["Body"].read() == b"%PDF-1.4 evidence"

    client.force_login(make_user("marketer", MARKETING))
    response = client.get(f"/admin/campaigns/channel-figures/{figure.pk}/evidence/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"


def test_sessions_are_shared_by_every_app_server(settings):
    # Database sessions (or cached_db with Redis): never process memory or a local file.
    assert settings.SESSION_ENGINE in ("django.contrib.sessions.backends.db",
                                       "django.contrib.sessions.backends.cached_db")


@pytest.mark.django_db
def test_documents_are_streamed_through_wagtail_not_linked_to_the_bucket(bucket_storages, client):
    """A document's address is Wagtail's permission-checked view, never the bucket's URL."""
    document = get_document_model().objects.create(
        title="Guide", file=ContentFile(b"%PDF-1.4 guide", name="guide.pdf"))
    response = client.get(document.url)
    assert response.status_code == 200, response.get("Location")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 guide"
