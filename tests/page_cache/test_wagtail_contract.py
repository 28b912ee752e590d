"""The private Wagtail behaviour page_cache relies on (page_cache/wagtail_internals.py).

These fail when a Wagtail upgrade changes it: then read wagtail/models/sites.py and
wagtail/views.py of the new version, adapt page_cache.routing and re-pin.
"""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.models.i18n import LocaleManager

from page_cache import wagtail_internals

pytestmark = pytest.mark.django_db


def test_wagtail_keeps_the_site_it_finds_on_the_request_under_the_pinned_name(home):
    request = RequestFactory().get("/en/", HTTP_HOST="localhost")
    site = Site.find_for_request(request)
    assert site is not None
    assert wagtail_internals.request_site_is_set(request)
    assert getattr(request, wagtail_internals.REQUEST_SITE_ATTRIBUTE) is site


def test_a_site_set_on_the_request_is_what_wagtail_answers_without_a_query(home):
    request = RequestFactory().get("/en/", HTTP_HOST="localhost")
    chosen = Site(hostname="example.org", port=443, root_page=home)
    wagtail_internals.set_request_site(request, chosen)
    with CaptureQueriesContext(connection) as captured:
        assert Site.find_for_request(request) is chosen
    assert not captured.captured_queries


def test_the_serve_view_page_cache_mirrors_is_unchanged():
    """page_cache.routing.serve runs wagtail.views.serve's hooks around its own lookup; a
    new Wagtail serve view may add a step (a hook, a check) that ours would then miss."""
    assert wagtail_internals.serve_view_fingerprint() == wagtail_internals.SERVE_VIEW_FINGERPRINT
    assert callable(wagtail_views.serve_chain)


def test_no_wagtail_class_is_patched():
    """Site.find_for_request and LocaleManager.get_for_language are Wagtail's own."""
    assert Site.__dict__["find_for_request"].__func__.__module__ == "wagtail.models.sites"
    assert LocaleManager.get_for_language.__module__ == "wagtail.models.i18n"
