"""The wagtailmedia upload form, through its documented extension point
(``WAGTAILMEDIA["MEDIA_FORM_BASE"]``): files are checked by content, not by name.

Kept apart from education.forms because wagtailmedia.forms imports the media models, which
must not load while the page models do.
"""

from wagtailmedia.forms import BaseMediaForm

from .validators import validate_image_content, validate_media_content


class MediaForm(BaseMediaForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            validate_media_content(upload)
        return upload

    def clean_thumbnail(self):
        upload = self.cleaned_data.get("thumbnail")
        if upload and hasattr(upload, "content_type"):
            validate_image_content(upload)
        return upload
