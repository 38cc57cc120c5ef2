"""Uploaded reference texts: stored and served under the extension of what they really are, archives that
would unpack to far more than their size refused, and files deleted with their rows."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from questionnaires.models import ItemAnswer
from questionnaires.services import attachment_add_file, attachment_remove
from questionnaires.uploads import DOCX, ODT, check_upload
from tests.factories import CountryFactory, FocalPointFactory, party_reply_start

pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _archive(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_ENTRIES = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}


@pytest.fixture
def files_item(published_version, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country).user
    reply = party_reply_start(version=published_version, country=country, user=user)
    return ItemAnswer.objects.get(answer__reply=reply, item__number="9.3"), user


@pytest.mark.parametrize("name, content, extension", [
    ("poly.html", PDF_BYTES, ".pdf"),
    ("law.pdf", _archive(DOCX_ENTRIES), ".docx"),
    ("noextension", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, ".png"),
])
def test_a_file_is_stored_and_served_with_the_extension_of_its_real_type(client, files_item, name, content,
                                                                         extension):
    item_answer, user = files_item
    attachment = attachment_add_file(item_answer=item_answer, uploaded=SimpleUploadedFile(name, content),
                                     title="Law", language="en", user=user)
    client.force_login(user)

    response = client.get(reverse("questionnaires:attachment_download", args=[attachment.pk]))

    assert attachment.file.name.endswith(extension)
    assert response.status_code == 200
    assert f'filename="{name.rsplit(".", 1)[0]}{extension}"' in response.headers["Content-Disposition"]


def test_odt_and_images_are_recognised_by_content():
    odt = _archive({"mimetype": ODT.encode(), "content.xml": b"<office:document-content/>"})

    assert check_upload(SimpleUploadedFile("x.docx", odt)) == ODT
    assert check_upload(SimpleUploadedFile("x", b"GIF89a" + b"\x00" * 10)) == "image/gif"
    assert check_upload(SimpleUploadedFile("x", b"\xff\xd8\xff\xe0" + b"\x00" * 10)) == "image/jpeg"
    assert check_upload(SimpleUploadedFile("x", b"RIFF\x00\x00\x00\x00WEBPVP8 ")) == "image/webp"
    assert check_upload(SimpleUploadedFile("x.odt", _archive(DOCX_ENTRIES))) == DOCX


def test_a_document_that_would_unpack_to_more_than_the_limit_is_refused(files_item, settings):
    settings.ATTACHMENT_MAX_UNPACKED_BYTES = 1024 * 1024
    item_answer, user = files_item
    bomb = _archive({**DOCX_ENTRIES, "word/media/padding.bin": b"\x00" * 2_000_000})

    with pytest.raises(ValidationError, match="would unpack to more than 1.0"):
        attachment_add_file(item_answer=item_answer, uploaded=SimpleUploadedFile("law.docx", bomb),
                            title="Law", language="en", user=user)

    assert not item_answer.attachments.exists()


def test_a_removed_reference_text_s_file_is_deleted_from_disk_once_the_removal_is_committed(
        files_item, settings, django_capture_on_commit_callbacks):
    item_answer, user = files_item
    attachment = attachment_add_file(item_answer=item_answer, uploaded=SimpleUploadedFile("law.pdf", PDF_BYTES),
                                     title="Law", language="en", user=user)
    stored = settings.MEDIA_ROOT / attachment.file.name
    assert stored.read_bytes() == PDF_BYTES

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            attachment_remove(attachment=attachment, user=user)
            raise RuntimeError("rolled back")
    assert item_answer.attachments.exists() and stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=item_answer.attachments.get(), user=user)
    assert not item_answer.attachments.exists() and not stored.exists()
