"""Every response carries a Content-Security-Policy: strict on the public site (no inline
script or style), wider in the Wagtail admin only as far as the admin needs."""

import pytest

from tests.campaigns.conftest import BROWSER_UA

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"


def directives(response):
    policy = response[HEADER]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_public_pages_get_the_strict_policy(client, make_case, make_video, settings):
    settings.PAGE_CACHE_ENABLED = True
    lesson = make_case(title="Strict policy")
    for url in ("/en/", "/en/lessons/", lesson.url, "/en/search/?q=bank", lesson.url,
                "/en/no-such-page/"):
        response = client.get(url, HTTP_USER_AGENT=BROWSER_UA)
        assert HEADER in response, url
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert "'unsafe-inline'" not in response[HEADER] and "'unsafe-eval'" not in \
            response[HEADER]


def test_machine_endpoints_get_it_too(client):
    assert HEADER in client.get("/healthz")
    response = client.post("/api/reach/events", data="{}", content_type="application/json",
                           HTTP_USER_AGENT=BROWSER_UA)
    assert HEADER in response


def test_the_admin_gets_what_wagtail_needs(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"] and "'unsafe-inline'" in policy["style-src"]
    assert "blob:" in policy["img-src"]
    assert "gravatar" not in response.content.decode()
