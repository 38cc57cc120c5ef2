"""The STORAGES setting: uploaded and generated files on local disk (MEDIA_ROOT), or in an S3-compatible
object store (django-storages with boto3) when a bucket is named. Objects are private and never
overwritten; the URLs the store hands out are signed and expire after a minute, though the application
itself streams every download through its permission-checked views."""

import environ


def file_storages(env: environ.Env, *, bucket: str) -> dict:
    """STORAGES for ``bucket`` (local disk when empty), the store's other options read from ``env``."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if bucket:
        storages["default"] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": env("DJANGO_S3_ENDPOINT_URL", default="") or None,
                "region_name": env("DJANGO_S3_REGION", default="") or None,
                "location": env("DJANGO_S3_PREFIX", default=""),
                "addressing_style": env("DJANGO_S3_ADDRESSING_STYLE", default="") or None,
                "signature_version": "s3v4",
                "default_acl": env("DJANGO_S3_DEFAULT_ACL", default="private") or None,
                "querystring_auth": True,
                "querystring_expire": 60,
                "file_overwrite": False,
            },
        }
    return storages
