"""A backup holds every row and file; restoring it into an empty installation brings everything back."""

import hashlib
import io
import json
import tarfile

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from countries.models import Country
from reports.operations.models import Heartbeat
from reports.operations.services import heartbeat_record
from questionnaires.exceptions import VersionFrozenError
from questionnaires.models import Answer, Attachment, ItemAnswer, Question, Version
from questionnaires.services import ItemValue, answer_save, attachment_add_file
from reports.analysis.models import Category, Coding, CodingEvent
from reports.analysis.services import Code, codebook_import_yaml, coding_save
from reports.backup import BackupError, backup_create, backup_restore
from reports.models import Compilation
from reports.services import compilation_build, compilation_request
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, party_reply_start

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _fill(version):
    country = CountryFactory(iso_code="FR", name="France", national_language="")
    focal_point = FocalPointFactory(country=country).user
    reply = party_reply_start(version=version, country=country, user=focal_point)
    answer = reply.answers.get(question__number="5")
    answer_save(answer=answer, values={"5.1": ItemValue(text="<p>Une étude de 2019 sur le sexting.</p>")},
                user=focal_point, language="fr")
    attachment_add_file(item_answer=ItemAnswer.objects.get(answer=answer, item__number="5.2"),
                        uploaded=SimpleUploadedFile("study.pdf", PDF), title="Study", language="fr", user=focal_point)
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.APPROVED)
    question = answer.question
    codebook_import_yaml(question=question, text="categories:\n  - {code: study, label: {en: A study, fr: Une étude}}\n")
    coding_save(answer=answer, coder=ReviewerFactory(), codes=[Code(category="study", quote="étude de 2019")])
    compilation, _ = compilation_request(version=version, kind=Compilation.Kind.QUESTION, question=answer.question,
                                         user=ReviewerFactory())
    compilation_build(compilation_id=compilation.pk)
    return focal_point


def _empty_the_installation(settings, tmp_path):
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "new-media"


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_brings_back_rows_files_and_accounts(published_version, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COMPILATION_PDF = False
    focal_point = _fill(published_version)
    before = {model: model.objects.count()
              for model in (Country, Version, Question, Answer, Attachment, Compilation, Category, Coding, CodingEvent)}
    archive = tmp_path / "backup.tar.gz"

    call_command("backup_data", str(archive), stdout=io.StringIO())
    _empty_the_installation(settings, tmp_path)
    assert Answer.objects.count() == 0
    call_command("restore_data", str(archive), stdout=io.StringIO())

    assert {model: model.objects.count() for model in before} == before
    answer = Answer.objects.get(reply__country__iso_code="FR", question__number="5")
    assert answer.item_answers.get(item__number="5.1").text == "<p>Une étude de 2019 sur le sexting.</p>"
    assert answer.language == "fr" and answer.revisions.count() == 2
    with Attachment.objects.get().file.open("rb") as restored:
        assert restored.read() == PDF
    assert Coding.objects.get().assignments.get().quote == "étude de 2019"
    compilation = Compilation.objects.get()
    assert compilation.docx.storage.exists(compilation.docx.name)
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username=focal_point.username, password="correct horse battery") is not None
    version = Version.objects.get()
    assert version.status == Version.Status.PUBLISHED
    question = version.questions.first()
    question.title_en = "Changed"
    with pytest.raises(VersionFrozenError):  # the guards are back once the restore is over
        question.save()


@pytest.mark.django_db
def test_a_backup_is_not_restored_over_existing_data(published_version, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    CountryFactory(iso_code="FR", name="France")
    archive = backup_create(path=tmp_path / "backup.tar.gz").path

    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore_data", str(archive))


@pytest.mark.django_db
def test_a_damaged_or_foreign_archive_is_refused_with_a_reason(tmp_path):
    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_text("hello")
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as archive:
        payload = json.dumps({"format": "something-else"}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(payload)
        archive.addfile(info, io.BytesIO(payload))

    with pytest.raises(BackupError, match="not a readable backup archive"):
        backup_restore(path=not_an_archive)
    with pytest.raises(BackupError, match="Unknown backup format"):
        backup_restore(path=foreign)
    assert get_user_model().objects.count() == 0


def _rewritten(archive, target, *, manifest_changes=None, data_changes=None):
    """A copy of ``archive`` with its manifest or its rows changed (the checksum made to match)."""
    with tarfile.open(archive, "r:gz") as source:
        manifest = json.load(source.extractfile("manifest.json"))
        data = source.extractfile("data.json").read()
        media = [(member, source.extractfile(member).read()) for member in source.getmembers()
                 if member.name.startswith("media/") and member.isfile()]
    if data_changes:
        data = json.dumps(data_changes(json.loads(data))).encode()
        manifest["data_sha256"] = hashlib.sha256(data).hexdigest()
    manifest.update(manifest_changes or {})
    with tarfile.open(target, "w:gz") as copy:
        for name, payload in (("manifest.json", json.dumps(manifest).encode()), ("data.json", data)):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            copy.addfile(info, io.BytesIO(payload))
        for member, payload in media:
            copy.addfile(member, io.BytesIO(payload))
    return target


@pytest.fixture
def filled_archive(published_version, settings, tmp_path):
    """A backup of an installation with a reply, an attachment and a compilation."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COMPILATION_PDF = False
    _fill(published_version)
    return backup_create(path=tmp_path / "backup.tar.gz").path


@pytest.mark.django_db(transaction=True)
def test_an_archive_from_a_newer_schema_is_refused_and_nothing_is_restored(filled_archive, settings, tmp_path):
    archive = filled_archive
    newer = _rewritten(archive, tmp_path / "newer.tar.gz", manifest_changes={"schema": {"questionnaires": "9999_future"}})
    _empty_the_installation(settings, tmp_path)

    with pytest.raises(BackupError, match="Run `manage.py migrate` first.*questionnaires"):
        backup_restore(path=newer)

    assert Country.objects.count() == 0 and Answer.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_restore_that_fails_on_one_row_restores_nothing(filled_archive, settings, tmp_path):
    archive = filled_archive

    def break_the_last_row(rows):
        rows[-1]["fields"] = {**rows[-1]["fields"], "no_such_field": 1}
        return rows

    broken = _rewritten(archive, tmp_path / "broken.tar.gz", data_changes=break_the_last_row)
    _empty_the_installation(settings, tmp_path)

    with pytest.raises(BackupError, match="could not be loaded.*nothing was restored"):
        backup_restore(path=broken)

    assert Country.objects.count() == 0 and Version.objects.count() == 0 and Answer.objects.count() == 0
    assert not (tmp_path / "new-media").exists() or not any((tmp_path / "new-media").rglob("*.pdf"))


@pytest.mark.django_db
def test_the_background_processes_heartbeats_are_not_kept(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    heartbeat_record(process=Heartbeat.Process.WORKER, hostname="celery@worker-1")

    archive = backup_create(path=tmp_path / "backup.tar.gz").path

    with tarfile.open(archive, "r:gz") as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert "operations.heartbeat" not in manifest["rows"]
