"""POST /api/reach/events — the beacon endpoint (contract in docs/public-contract.md)."""

import logging
from urllib.parse import urlsplit

from django.db import DatabaseError
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..ingest import MAX_BODY_BYTES, BadBatch, RateLimited, ingest, parse_batch
from .visits import visit_from_request

logger = logging.getLogger(__name__)
ACCEPTED_TYPES = ("application/json", "text/plain")


def _error(message, status):
    return JsonResponse({"error": message}, status=status)


@csrf_exempt  # no cookie or session is read or set; cross-site posts are refused below
@never_cache
@require_POST
def reach_events(request):
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if content_type not in ACCEPTED_TYPES:
        return _error("Send the events as application/json or text/plain.", 400)
    origin = request.META.get("HTTP_ORIGIN")
    if origin and origin != "null" and urlsplit(origin).netloc != request.get_host():
        return _error("Events are only accepted from this site's own pages.", 400)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _error("Bad Content-Length.", 400)
    if declared > MAX_BODY_BYTES:
        return _error(f"The body is larger than {MAX_BODY_BYTES} bytes.", 413)
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return _error(f"The body is larger than {MAX_BODY_BYTES} bytes.", 413)

    try:
        batch = parse_batch(body)
    except BadBatch as exc:
        return _error(str(exc), 400)
    try:
        outcome = ingest(batch, visit_from_request(request), timezone.now())
    except RateLimited as exc:
        response = _error(str(exc), 429)
        response["Retry-After"] = str(exc.retry_after)
        return response
    except DatabaseError:
        logger.exception("Reach events could not be stored")
        response = _error("Storage is unavailable; keep the events and retry.", 503)
        response["Retry-After"] = "30"
        return response
    return JsonResponse(
        {"accepted": outcome.accepted, "dropped": outcome.dropped_total}, status=202
    )
