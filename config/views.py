"""Operational endpoints of the project as a whole."""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query, 503 otherwise (for load balancers)."""
    if not _database_answers():
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _cache_answers():
    """Write a fresh value and read it back. The Redis client ignores connection errors (the
    site keeps working without Redis), so an error shows only as the value not coming back."""
    key, value = "readyz:probe", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        return cache.get(key) == value
    except Exception:  # any client error means the same thing here: the cache is not usable
        return False


@never_cache
@require_safe
def readyz(request):
    """Readiness for a load balancer or an orchestrator: 200 when the database and the cache
    both answer, 503 naming the one(s) down. /healthz stays the cheap liveness check."""
    checks = {
        "database": "ok" if _database_answers() else "down",
        "cache": "ok" if _cache_answers() else "down",
    }
    ready = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ready" if ready else "unavailable", **checks},
                        status=200 if ready else 503)


def admin_forbidden(request, title, message):
    """A real 403 page inside the Wagtail admin, saying who may use the screen and how to get
    access. (Raising PermissionDenied in an admin view makes Wagtail redirect to the dashboard
    with a message, which reads as success to scripts and bookmarks.)"""
    return TemplateResponse(request, "admin_forbidden.html", {
        "page_title": title, "header_title": title, "header_icon": "lock", "message": message,
    }, status=403)
