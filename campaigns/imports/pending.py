"""The file kept between preview and confirm: stored server-side in the "private" storage
under a random name, found again through a random token in the user's session, checked by its
SHA-256, deleted on confirm or cancel and swept after a day."""

import hashlib
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from .limits import MAX_FILE_BYTES, PENDING_DIR, PENDING_MAX_AGE, SESSION_KEY, file_extension


def pending_storage():
    """Where a file waits between preview and confirm: the "private" storage (settings),
    outside MEDIA_ROOT and without a URL, never the public media storage."""
    return storages["private"]


def _pending(request):
    return request.session.get(SESSION_KEY, {})


def keep_for_confirmation(request, kind, preview, data):
    """Store the file server-side; returns the token the confirm form sends back."""
    sweep_stale_files()
    token = secrets.token_urlsafe(24)
    name = pending_storage().save(
        f"{PENDING_DIR}/{secrets.token_hex(16)}.{file_extension(preview.filename)}",
        ContentFile(data),
    )
    pending = _pending(request)
    for old in list(pending)[:-4]:  # at most five previews waiting per session
        forget(request, old)
        pending = _pending(request)
    pending[token] = {"kind": kind.key, "name": name, "sha256": preview.sha256,
                      "filename": preview.filename}
    request.session[SESSION_KEY] = pending
    return token


def take_back(request, kind, token):
    """(data, filename) of the session's pending file for this token, checked; or None."""
    entry = _pending(request).get(str(token))
    if not entry or entry["kind"] != kind.key:
        return None
    try:
        with pending_storage().open(entry["name"], "rb") as stored:
            data = stored.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        return None
    return data, entry["filename"]


def forget(request, token):
    pending = _pending(request)
    entry = pending.pop(str(token), None)
    request.session[SESSION_KEY] = pending
    if entry:
        try:
            pending_storage().delete(entry["name"])
        except OSError:
            pass


def sweep_stale_files(now=None):
    cutoff = (now or timezone.now()) - PENDING_MAX_AGE
    try:
        _dirs, names = pending_storage().listdir(PENDING_DIR)
    except (OSError, NotImplementedError):
        return
    for name in names:
        path = f"{PENDING_DIR}/{name}"
        try:
            if pending_storage().get_modified_time(path) < cutoff:
                pending_storage().delete(path)
        except (OSError, NotImplementedError):
            continue
