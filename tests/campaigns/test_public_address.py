"""Short URLs, QR codes and posters must carry an address people can open: `make run` sets
the default Site to its HOST:PORT, and the link tools and the poster warn when the public
base URL is unset, local, or not the host the admin is reached at."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from campaigns.models import Campaign, TrackingLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def poster_url(make_case):
    lesson = make_case(title="Courier fee scam")
    today = dt.date.today()
    campaign = Campaign.objects.create(name="Posters", slug="posters", starts_on=today,
                                       ends_on=today + dt.timedelta(days=5))
    link = TrackingLink.objects.create(campaign=campaign, code="wall1", channel="poster",
                                       label="Wall", destination=lesson)
    return reverse("campaigns:link_poster", args=(campaign.pk, link.pk)), campaign


def test_make_run_points_the_default_site_at_its_host_and_port():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "manage.py set_site_address $(HOST) $(PORT)" in makefile
    call_command("set_site_address", "127.0.0.1", "8000")
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8000"


@pytest.mark.parametrize("args", [("127.0.0.1", "99999"), ("bad/host", "8000"),
                                  ("127.0.0.1:80", "8000")])
def test_set_site_address_refuses_bad_input(args):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("set_site_address", *args)


def test_the_poster_warns_on_a_fresh_install(admin_client, poster_url, settings):
    settings.PUBLIC_BASE_URL = None
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    url, campaign = poster_url
    html = admin_client.get(url).content.decode()
    assert "PUBLIC_BASE_URL is not set" in html
    assert "http://localhost is a local address" in html
    assert "but you reached this page at testserver" in html
    form = admin_client.get(f"/admin/campaigns/edit/{campaign.pk}/").content.decode()
    assert "PUBLIC_BASE_URL is not set" in form and "http://localhost is a local address" in form


def test_the_poster_warns_when_the_public_address_is_another_host(admin_client, poster_url,
                                                                   settings):
    settings.PUBLIC_BASE_URL = "https://scamsense.example"
    html = admin_client.get(poster_url[0]).content.decode()
    assert "PUBLIC_BASE_URL is not set" not in html
    assert ("Short URLs point at https://scamsense.example, but you reached this page at "
            "testserver.") in html


def test_no_warning_when_the_public_address_is_right(admin_client, poster_url, settings):
    settings.PUBLIC_BASE_URL = "https://scamsense.example"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "scamsense.example"]
    html = admin_client.get(poster_url[0], HTTP_HOST="scamsense.example", secure=True)\
        .content.decode()
    assert 'role="alert"' not in html and "PUBLIC_BASE_URL" not in html
