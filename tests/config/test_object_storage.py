"""Files in an S3-compatible object store (a real moto server on loopback): uploaded, built by a worker,
downloaded only through the permission-checked views, deleted with their rows, backed up and restored."""

import io
import json
import tarfile
import uuid

import boto3
import pytest
from botocore.config import Config
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from questionnaires.models import Attachment, ItemAnswer
from reports.publication.models import PublishedDocument
from reports.publication.services import reply_publish
from reports.models import Compilation
from reports.services import compilation_build, compilation_request
from tests.conftest import S3_CREDENTIALS, bucket_keys, free_loopback_port
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, party_reply_start
from tests.questionnaires.test_answering import _item, _pdf, _url
from tests.reports.test_backup import PDF, _fill
from tests.reports.publication.helpers import party_with_answers
from tests.reports.publication.test_public_site import ROUND
from tests.reports.test_compilation_worker import _wait_for

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def _object(s3_bucket, key) -> bytes:
    client, name = s3_bucket
    return client.get_object(Bucket=name, Key=key)["Body"].read()


def _is_private(s3_bucket, key) -> bool:
    client, name = s3_bucket
    grants = client.get_object_acl(Bucket=name, Key=key)["Grants"]
    return all(grant["Grantee"].get("URI") != ALL_USERS for grant in grants)


@pytest.fixture
def france(published_version):
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country).user
    return party_reply_start(version=published_version, country=country, user=user), user


@pytest.mark.django_db
def test_an_uploaded_reference_text_is_a_private_object_downloaded_through_the_permission_check(
        client, france, s3_bucket, settings, django_capture_on_commit_callbacks):
    reply, focal_point = france
    client.force_login(focal_point)
    item = _item(reply, "9.3")

    response = client.post(_url("attachment_add", reply, "9"), {"item": item.item_id, "title": "Law",
                                                               "language": "en", "file": _pdf()})

    attachment = Attachment.objects.get()
    assert response.status_code == 302
    assert bucket_keys(s3_bucket) == [attachment.file.name] and attachment.file.name.startswith("attachments/")
    assert _object(s3_bucket, attachment.file.name) == PDF
    assert _is_private(s3_bucket, attachment.file.name)
    assert not settings.MEDIA_ROOT.exists()
    signed = default_storage.url(attachment.file.name)
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=60" in signed

    download = reverse("questionnaires:attachment_download", args=[attachment.pk])
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response.headers["Content-Type"] == "application/pdf"
    client.force_login(FocalPointFactory(country=CountryFactory(iso_code="DE", name="Germany")).user)
    assert client.get(download).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302

    client.force_login(focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("attachment_remove", reply, "9", attachment_pk=attachment.pk))
    assert response.status_code == 302
    assert not Attachment.objects.exists() and bucket_keys(s3_bucket) == []


@pytest.mark.django_db
def test_a_compilation_is_stored_in_the_bucket_downloaded_by_reviewers_and_deleted_with_its_row(
        client, published_version, s3_bucket, settings, django_capture_on_commit_callbacks):
    settings.COMPILATION_PDF = False
    compilation, _ = compilation_request(version=published_version, kind=Compilation.Kind.QUESTION,
                                         question=published_version.questions.get(number="13"))
    compilation = compilation_build(compilation_id=compilation.pk)

    names = sorted(getattr(compilation, field).name for field in ("docx", "xlsx", "preview"))
    assert compilation.status == Compilation.Status.DONE
    assert bucket_keys(s3_bucket) == names and all(_is_private(s3_bucket, key) for key in names)
    client.force_login(ReviewerFactory())
    response = client.get(reverse("reports:compilation_download", args=[compilation.pk, "docx"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == _object(s3_bucket, compilation.docx.name)
    preview = client.get(reverse("reports:compilation_preview", args=[compilation.pk]))
    assert preview.status_code == 200 and b"<html" in b"".join(preview.streaming_content).lower()
    client.force_login(FocalPointFactory(country=CountryFactory(iso_code="FR", name="France")).user)
    assert client.get(reverse("reports:compilation_download", args=[compilation.pk, "docx"])).status_code == 404
    assert not settings.MEDIA_ROOT.exists()

    with django_capture_on_commit_callbacks(execute=True):
        compilation.delete()
    assert bucket_keys(s3_bucket) == []


@pytest.mark.django_db
def test_publishing_copies_a_reference_text_within_the_bucket_for_the_public_download(
        client, published_version, s3_bucket, django_capture_on_commit_callbacks):
    france = party_with_answers(published_version, iso="FR", name="France")
    files = ItemAnswer.objects.get(answer__reply__country=france, item__number="5.2")
    original = Attachment(item_answer=files, title="Research report", language="fr", content_type="application/pdf")
    original.file.save("report.pdf", ContentFile(PDF))

    reply_publish(version=published_version, country=france, user=ReviewerFactory())

    document = PublishedDocument.objects.get()
    assert bucket_keys(s3_bucket) == sorted([original.file.name, document.file.name])
    assert document.file.name.startswith("publication/") and _is_private(s3_bucket, document.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        original.delete()
    assert bucket_keys(s3_bucket) == [document.file.name]
    response = client.get(reverse("public:document_download", args=[ROUND, document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_bucket_s_files_and_restores_them_into_another_bucket(
        published_version, s3_bucket, s3_endpoint, settings, tmp_path):
    settings.COMPILATION_PDF = False
    _fill(published_version)
    stored = bucket_keys(s3_bucket)
    archive = tmp_path / "backup.tar.gz"

    call_command("backup_data", str(archive), stdout=io.StringIO())
    with tarfile.open(archive, "r:gz") as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
        members = sorted(m.name.removeprefix("media/") for m in opened.getmembers() if m.name.startswith("media/"))
    assert members == stored and manifest["files"] == len(stored) == 4  # the PDF, DOCX, XLSX and HTML preview

    call_command("flush", interactive=False, verbosity=0)
    other = f"lanzarote-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id=S3_CREDENTIALS["access_key"],
                          aws_secret_access_key=S3_CREDENTIALS["secret_key"], region_name=S3_CREDENTIALS["region_name"])
    client.create_bucket(Bucket=other)
    default = settings.STORAGES["default"]
    settings.STORAGES = {**settings.STORAGES, "default": {**default, "OPTIONS": {**default["OPTIONS"],
                                                                                  "bucket_name": other}}}
    output = io.StringIO()
    call_command("restore_data", str(archive), stdout=output)

    assert "and 4 files" in output.getvalue()
    assert bucket_keys((client, other)) == stored
    with Attachment.objects.get().file.open("rb") as restored:
        assert restored.read() == PDF
    compilation = Compilation.objects.get()
    assert compilation.docx.storage.exists(compilation.docx.name)
    assert not settings.MEDIA_ROOT.exists()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_stores_a_compilation_in_the_bucket_for_the_permission_checked_download(
        client, published_version, s3_bucket, celery_worker_on_redis, settings):
    settings.COMPILATION_PDF = False
    compilation, created = compilation_request(version=published_version, kind=Compilation.Kind.QUESTION,
                                               question=published_version.questions.get(number="13"))

    done = _wait_for(compilation.pk, {Compilation.Status.DONE, Compilation.Status.FAILED}, timeout=60)
    assert created and done.status == Compilation.Status.DONE, done.error
    assert sorted(getattr(done, field).name for field in ("docx", "xlsx", "preview")) == bucket_keys(s3_bucket)
    client.force_login(ReviewerFactory())
    response = client.get(reverse("reports:compilation_download", args=[done.pk, "xlsx"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == _object(s3_bucket, done.xlsx.name)
    done.delete()
    assert bucket_keys(s3_bucket) == []


@pytest.mark.django_db
def test_a_store_that_fails_to_delete_leaves_the_removal_done_and_logged(
        client, france, s3_bucket, settings, caplog, django_capture_on_commit_callbacks):
    reply, focal_point = france
    client.force_login(focal_point)
    item = _item(reply, "9.3")
    client.post(_url("attachment_add", reply, "9"), {"item": item.item_id, "title": "Law", "language": "en",
                                                     "file": _pdf()})
    attachment = Attachment.objects.get()
    default = settings.STORAGES["default"]
    unreachable = {**default["OPTIONS"], "endpoint_url": f"http://127.0.0.1:{free_loopback_port()}",
                   "client_config": Config(retries={"total_max_attempts": 1}, connect_timeout=1)}
    settings.STORAGES = {**settings.STORAGES, "default": {**default, "OPTIONS": unreachable}}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("attachment_remove", reply, "9", attachment_pk=attachment.pk))

    assert response.status_code == 302 and not Attachment.objects.exists()
    [logged] = [record for record in caplog.records if "in on_commit()" in record.getMessage()]
    assert "delete_stored_file" in logged.getMessage() and "Could not connect" in logged.getMessage()
    assert bucket_keys(s3_bucket) == [attachment.file.name]  # left behind, and said so in the log
