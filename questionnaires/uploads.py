"""Checks on uploaded reference texts: size and real type, read from the content, not the file name."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PNG, JPEG, GIF, WEBP = "image/png", "image/jpeg", "image/gif", "image/webp"
ACCEPTED_DESCRIPTION = "PDF, DOCX, ODT, PNG, JPEG, GIF, WebP"


def sniff_content_type(uploaded) -> str | None:
    """The type the file really is, or None when it is none of the accepted kinds."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names and "[Content_Types].xml" in names:
                    return DOCX
                if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                    return ODT
        except (zipfile.BadZipFile, KeyError, OSError):
            return None
        finally:
            uploaded.seek(0)
    return None


def check_upload(uploaded) -> str:
    """Return the file's content type, or raise ValidationError with a message for the user."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {"name": uploaded.name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    content_type = sniff_content_type(uploaded)
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not a file type we accept (%(accepted)s), whatever its name says.")
            % {"name": uploaded.name, "accepted": ACCEPTED_DESCRIPTION},
            code="bad_type",
        )
    return content_type
