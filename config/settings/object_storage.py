"""Media in an S3-compatible object store when S3_BUCKET is set (AWS S3, MinIO, moto…).

Public files (images and their renditions, videos, captions, documents) go to S3_BUCKET under
S3_MEDIA_PREFIX, linked without signatures (the bucket or a CDN in front of it serves them);
private files (evidence files, import files waiting for confirmation) go to S3_PRIVATE_BUCKET
(S3_BUCKET by default) under S3_PRIVATE_PREFIX with the private ACL and never get a URL.
Credentials come from boto3's usual sources (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, an
instance role…). Every variable is listed in docs/operations.md.
"""

from .env import env_str


def s3_storages():
    """The "default" and "private" entries of STORAGES for the object store, or None when
    S3_BUCKET is unset (then files stay on local disk)."""
    bucket = env_str("S3_BUCKET")
    if not bucket:
        return None
    connection = {
        "endpoint_url": env_str("S3_ENDPOINT_URL"),  # unset for AWS itself
        "region_name": env_str("S3_REGION"),
        "addressing_style": env_str("S3_ADDRESSING_STYLE"),  # "path" for MinIO and moto
        "file_overwrite": False,  # an upload never replaces another file of the same name
    }
    public = {
        **connection,
        "bucket_name": bucket,
        "location": env_str("S3_MEDIA_PREFIX", "media"),
        "querystring_auth": False,  # plain, cacheable URLs
        "default_acl": env_str("S3_MEDIA_ACL"),  # None: the bucket policy decides
        "custom_domain": env_str("S3_PUBLIC_DOMAIN"),  # e.g. media.example.org (a CDN)
        "url_protocol": env_str("S3_URL_PROTOCOL", "https:"),
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    private = {
        **connection,
        "bucket_name": env_str("S3_PRIVATE_BUCKET", bucket),
        "location": env_str("S3_PRIVATE_PREFIX", "private"),
        "default_acl": "private",
        "querystring_auth": True,  # belt and braces: url() refuses anyway
    }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": public},
        "private": {"BACKEND": "config.storage.PrivateS3Storage", "OPTIONS": private},
    }
