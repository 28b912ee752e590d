"""The private Wagtail names this project relies on, and nothing else.

Everything else in ``page_cache`` goes through Wagtail's documented API. What is here is
pinned by ``tests/page_cache/test_wagtail_contract.py``, which fails when a Wagtail upgrade
changes it: read that test's failure before upgrading.

- ``request._wagtail_site``: where ``Site.find_for_request`` keeps the site it found for a
  request and answers from afterwards (its docstring says so). Setting it first from the
  remembered sites spares the query on every request; Wagtail, its redirects middleware,
  page URLs and settings then all read the same answer.
- ``wagtail.views.serve``: ``page_cache.routing.serve`` runs the same hooks in the same
  order (``on_serve_page``, ``before_serve_page``, then ``page.serve``) around its own page
  lookup; ``SERVE_VIEW_FINGERPRINT`` pins the source it mirrors.
"""

import hashlib
import inspect

from wagtail import views as wagtail_views

REQUEST_SITE_ATTRIBUTE = "_wagtail_site"

# sha256 of ``inspect.getsource(wagtail.views.serve)`` in the Wagtail version whose serve
# view page_cache.routing.serve mirrors (8.0.1).
SERVE_VIEW_FINGERPRINT = "eab2a9d475a3384347f8dd3a62e522b635298d6990adf6e3fbbdd302bfa8d62b"


def set_request_site(request, site):
    """Make ``Site.find_for_request(request)`` answer ``site`` without a query."""
    setattr(request, REQUEST_SITE_ATTRIBUTE, site)


def request_site_is_set(request):
    return hasattr(request, REQUEST_SITE_ATTRIBUTE)


def serve_view_fingerprint():
    """The fingerprint of the installed Wagtail's serve view (compare with the pinned one)."""
    source = inspect.getsource(wagtail_views.serve)
    return hashlib.sha256(source.encode()).hexdigest()
