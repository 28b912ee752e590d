"""Validators for files editors upload with lessons."""

import io

import filetype
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
    # webvtt-py requires the WebVTT signature (a first line "WEBVTT"): an HTML page named
    # .vtt is refused below, whatever its name.
    try:
        captions = webvtt.from_buffer(io.StringIO(text))
    except Exception as exc:  # webvtt-py raises several error types for malformed files
        raise ValidationError(
            _("This is not a valid WebVTT file: %(error)s") % {"error": exc}
        ) from exc
    if not len(captions):
        raise ValidationError(_("The captions file has no cues."))


# What a media file's first bytes must say it is, by its extension: uploads are checked by
# content (magic bytes, with the filetype package Wagtail's image library already uses), never
# by name alone, so an HTML page named .mp4 is not stored and served from /media/.
MEDIA_SIGNATURES = {
    "mp4": {"video/mp4", "video/x-m4v", "video/quicktime"},
    "webm": {"video/webm", "video/x-matroska"},
    "m4a": {"audio/mp4", "audio/m4a", "video/mp4"},
    "mp3": {"audio/mpeg"},
    "ogg": {"audio/ogg", "video/ogg"},
    "wav": {"audio/x-wav", "audio/wav"},
}
IMAGE_SIGNATURES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


def _sniff(upload):
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    return filetype.guess_mime(head)


def validate_media_content(upload):
    """A video or audio file whose content is of the kind its extension names."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    found = _sniff(upload)
    if found not in MEDIA_SIGNATURES.get(extension, set()):
        raise ValidationError(_(
            "“%(name)s” is not a %(extension)s file: its content does not match its name. "
            "Upload the video or audio file itself."
        ) % {"name": name, "extension": extension.upper() or _("media")})


def validate_image_content(upload):
    """A JPEG, PNG, GIF or WebP image by its content."""
    if _sniff(upload) not in IMAGE_SIGNATURES:
        raise ValidationError(_(
            "“%(name)s” is not a JPEG, PNG, GIF or WebP image: its content does not match."
        ) % {"name": getattr(upload, "name", "")})
