"""File storages of our own: private ones with no URL, on disk or in an S3-compatible bucket."""

from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage


class NoPublicUrlMixin:
    """``url()`` refuses: nothing stored here can be linked to, by mistake or otherwise.

    Private files (partners' evidence, import files waiting for a decision) reach a reader
    only through a view that checks permissions and streams the file from the storage.
    """

    def url(self, name, *args, **kwargs):
        raise ValueError("Files in private storage have no public URL.")


class PrivateStorage(NoPublicUrlMixin, FileSystemStorage):
    """A directory outside MEDIA_ROOT with no URL (PRIVATE_ROOT): the web server serving
    MEDIA_ROOT never sees it. Used when no object storage is configured."""


class PrivateS3Storage(NoPublicUrlMixin, S3Storage):
    """The private bucket (or prefix) of the object store: objects are written with the
    ``private`` ACL and no URL, signed or not, is ever made for them."""

