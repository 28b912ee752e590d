"""Validators for files editors upload with lessons."""

import io

import webvtt
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_CAPTIONS_BYTES = 512 * 1024


def validate_webvtt(upload):
    """Accept only a well-formed WebVTT file with at least one cue."""
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".vtt"):
        raise ValidationError(_("Captions must be a WebVTT file ending in .vtt."))
    if upload.size > MAX_CAPTIONS_BYTES:
        raise ValidationError(_("The captions file is larger than 512 KB."))
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The captions file must be saved as UTF-8 text.")) from exc
    try:
        captions = webvtt.from_buffer(io.StringIO(text))
    except Exception as exc:  # webvtt-py raises several error types for malformed files
        raise ValidationError(
            _("This is not a valid WebVTT file: %(error)s") % {"error": exc}
        ) from exc
    if not len(captions):
        raise ValidationError(_("The captions file has no cues."))
