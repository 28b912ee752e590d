"""Every response carries a Content-Security-Policy: strict on the public site (no inline
script or style), wider in the Wagtail admin only as far as the admin needs."""

import pytest
from csp.constants import NONCE
from csp.decorators import csp_update
from django.http import HttpResponse

from config.middleware import ContentSecurityPolicyMiddleware
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


def test_a_changed_policy_setting_takes_effect_at_once(client, settings):
    """The header text is built once per kind and process; changing the setting rebuilds it."""
    assert "https://cdn.example" not in client.get("/healthz")[HEADER]
    policy = dict(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"] = {**policy["DIRECTIVES"], "img-src": ["'self'", "https://cdn.example"]}
    settings.CONTENT_SECURITY_POLICY = policy
    assert directives(client.get("/healthz"))["img-src"] == ["'self'", "https://cdn.example"]


def test_report_only_policy_and_excluded_prefixes_are_honoured(client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {"default-src": ["'none'"], "report-uri": "/csp-reports/"},
        "EXCLUDE_URL_PREFIXES": ["/api/"],
    }
    assert client.get("/healthz")["Content-Security-Policy-Report-Only"].startswith(
        "default-src 'none'")
    beacon = client.post("/api/reach/events", data="{}", content_type="application/json",
                         HTTP_USER_AGENT=BROWSER_UA)
    assert "Content-Security-Policy-Report-Only" not in beacon and HEADER in beacon


def test_a_view_with_its_own_policy_or_a_nonce_keeps_it(rf, settings):
    """django-csp's per-view decorators and nonces still shape that response's header."""
    @csp_update({"img-src": ["https://maps.example"]})
    def decorated(request):
        return HttpResponse("map")

    def with_nonce(request):
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    policy = dict(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"] = {**policy["DIRECTIVES"], "script-src": ["'self'", NONCE]}
    settings.CONTENT_SECURITY_POLICY = policy
    for view, expected in ((decorated, "https://maps.example"), (with_nonce, "'nonce-")):
        middleware = ContentSecurityPolicyMiddleware(view)
        request = rf.get("/en/")
        middleware.process_request(request)
        response = middleware.process_response(request, view(request))
        assert expected in response[HEADER]
        plain = rf.get("/en/")
        middleware.process_request(plain)
        assert expected not in middleware.process_response(plain, HttpResponse("x"))[HEADER]
