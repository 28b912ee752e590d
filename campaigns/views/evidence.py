"""The one way to read a partner's evidence file: signed in, with permission on channel
figures, streamed from the private storage (local disk or the private bucket alike)."""

import mimetypes
import posixpath

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from config.views import admin_forbidden

from ..models import ChannelFigure

EVIDENCE_PERMISSIONS = ("campaigns.view_channelfigure", "campaigns.change_channelfigure")


def can_read_evidence(user):
    return any(user.has_perm(permission) for permission in EVIDENCE_PERMISSIONS)


@require_safe
def evidence_file(request, pk):
    if not can_read_evidence(request.user):
        return admin_forbidden(request, gettext("No access to evidence files"), gettext(
            "Evidence files of channel figures need permission to view or edit channel "
            "figures (the Marketing group has it). Ask an administrator for access."
        ))
    figure = get_object_or_404(ChannelFigure, pk=pk)
    if not figure.evidence_file:
        raise Http404
    storage = figure.evidence_file.storage
    try:
        stream = storage.open(figure.evidence_file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = posixpath.basename(figure.evidence_file.name)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(stream, as_attachment=True, filename=filename,
                            content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
