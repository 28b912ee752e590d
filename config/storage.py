"""File storage that is never served: files kept for the server's eyes only."""

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A directory outside MEDIA_ROOT with no URL: nothing stored here can be downloaded.

    Used for files waiting for a decision, such as an uploaded import file between its preview
    and its confirmation (campaigns.imports). ``url()`` refuses, so no template or view can
    link to such a file by mistake, and the web server serving MEDIA_ROOT never sees it.
    """

    def url(self, name):
        raise ValueError("Files in private storage have no public URL.")
