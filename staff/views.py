"""The admin's one "no access" page, shared by every app's admin screens."""

from django.template.response import TemplateResponse


def admin_forbidden(request, title, message):
    """A real 403 page inside the Wagtail admin, saying who may use the screen and how to get
    access. (Raising PermissionDenied in an admin view makes Wagtail redirect to the dashboard
    with a message, which reads as success to scripts and bookmarks.)"""
    return TemplateResponse(request, "staff/admin_forbidden.html", {
        "page_title": title, "header_title": title, "header_icon": "lock", "message": message,
    }, status=403)
