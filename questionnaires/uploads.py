"""Checks on uploaded reference texts: size and real type, read from the content, not the file name;
the file is then stored and served under the extension of that type."""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PNG, JPEG, GIF, WEBP = "image/png", "image/jpeg", "image/gif", "image/webp"
ACCEPTED_DESCRIPTION = "PDF, DOCX, ODT, PNG, JPEG, GIF, WebP"
EXTENSIONS = {PDF: "pdf", DOCX: "docx", ODT: "odt", PNG: "png", JPEG: "jpg", GIF: "gif", WEBP: "webp"}
MAX_ARCHIVE_ENTRIES = 10_000


class ArchiveTooLarge(Exception):
    """A DOCX or ODT whose parts would unpack to more than the limit (a "zip bomb")."""


def _unpacked_size_check(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ARCHIVE_ENTRIES or sum(entry.file_size for entry in entries) > settings.ATTACHMENT_MAX_UNPACKED_BYTES:
        raise ArchiveTooLarge


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
                _unpacked_size_check(archive)
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
    try:
        content_type = sniff_content_type(uploaded)
    except ArchiveTooLarge:
        raise ValidationError(
            _("“%(name)s” would unpack to more than %(limit)s; save it again from your word processor or "
              "attach it as a PDF.")
            % {"name": uploaded.name, "limit": filesizeformat(settings.ATTACHMENT_MAX_UNPACKED_BYTES)},
            code="too_large_unpacked",
        ) from None
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not a file type we accept (%(accepted)s), whatever its name says.")
            % {"name": uploaded.name, "accepted": ACCEPTED_DESCRIPTION},
            code="bad_type",
        )
    return content_type


def name_for_type(name: str, content_type: str) -> str:
    """The file name with the extension of its real type: a PDF uploaded as ``poly.html`` is ``poly.pdf``."""
    path = PurePath(name)
    return f"{path.stem or 'file'}.{EXTENSIONS[content_type]}" if content_type in EXTENSIONS else path.name
