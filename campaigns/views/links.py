"""/go/<code>: a tracking link's redirect, which also records a (raw) link open."""

import logging
import re

from django.db import DatabaseError
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from education.navigation import section_urls

from ..ingest import record_link_open
from ..models import CODE_PATTERN, TrackingLink
from .visits import visit_from_request

logger = logging.getLogger(__name__)
CODE_RE = re.compile(CODE_PATTERN)
PREFETCH_HEADERS = ("HTTP_PURPOSE", "HTTP_SEC_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
ATTRIBUTION_PARAM = "via"


def _is_prefetch(request):
    return any(
        word in request.META.get(header, "").lower()
        for header in PREFETCH_HEADERS for word in ("prefetch", "preview", "prerender")
    )


def _library_url():
    urls = section_urls()
    return urls["library"] or urls["home"]


@never_cache
@require_safe
def go(request, code):
    """302 to the link's page with the code for the page script; never off-site."""
    if not CODE_RE.match(code):
        raise Http404("Unknown link")
    link = (
        TrackingLink.objects.select_related("campaign", "destination")
        .filter(code=code).first()
    )
    if link is None:
        raise Http404("Unknown link")
    destination = link.destination
    target = destination.get_url(request=request) if destination.live else None
    if not target:  # the lesson was taken down: the library, in the visitor's language
        target = _library_url()
    if request.method == "GET" and not _is_prefetch(request):
        try:
            record_link_open(link, visit_from_request(request), timezone.now())
        except DatabaseError:  # the visitor still gets the lesson; the open is lost
            logger.exception("Could not record a link open")
    # Only ever a path on this site: the code travels as a query parameter the page script
    # keeps in sessionStorage and then removes from the address bar.
    if not target.startswith("/") or target.startswith("//"):
        target = _library_url()
    return HttpResponseRedirect(f"{target}?{urlencode({ATTRIBUTION_PARAM: link.code})}")
