"""Backups: all data (database rows and uploaded or generated files) in one archive, and its restore into
an empty installation.

The archive is a gzipped tar with ``manifest.json`` (format, date, schema state, row counts, checksum),
``data.json`` (``dumpdata`` with natural keys, so it loads on SQLite or PostgreSQL alike) and ``media/``
(every file of the default storage: attachments, compilation files, published copies, whether on local disk
or in an object store). It holds every country's confidential replies and the accounts:
keep it as carefully as the database.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from config.storage import stored_names
from countries.models import Country
from questionnaires.models import Questionnaire
from questionnaires.signals import restoring_backup
from reports.search.services import index_rebuild

FORMAT = "lanzarote-backup/1"
# Rebuilt by migrate, or transient (sessions, sign-in attempts, the processes' heartbeats), or rebuilt after a
# restore (the search index): not part of a backup.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "search", "operations"]


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why."""


@dataclass
class BackupSummary:
    rows: int
    files: int
    path: Path


def _schema_state() -> dict[str, str]:
    """The latest applied migration of each app."""
    state = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        state[app] = max(state.get(app, ""), name)
    return state


def backup_create(*, path: Path) -> BackupSummary:
    """Write every row and every file of the default storage into the archive at ``path``."""
    with tempfile.TemporaryDirectory() as work:
        data_path = Path(work) / "data.json"
        call_command("dumpdata", exclude=EXCLUDED, natural_foreign=True, natural_primary=True,
                     output=str(data_path), verbosity=0)
        rows = json.loads(data_path.read_text(encoding="utf-8"))
        files = list(stored_names(default_storage))
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "schema": _schema_state(),
            "rows": dict(Counter(row["model"] for row in rows)),
            "files": len(files),
            "data_sha256": hashlib.sha256(data_path.read_bytes()).hexdigest(),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(path, "w:gz") as archive:
            payload = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(payload), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(payload))
            archive.add(data_path, arcname="data.json")
            for name in files:
                _add_stored_file(archive, name)
    return BackupSummary(rows=len(rows), files=len(files), path=path)


def installation_is_empty() -> bool:
    return not (get_user_model().objects.exists() or Country.objects.exists() or Questionnaire.objects.exists())


def backup_restore(*, path: Path) -> BackupSummary:
    """Load an archive made by backup_create into an empty, migrated installation: all or nothing."""
    if not installation_is_empty():
        raise BackupError("This installation already holds data: restore only into an empty, migrated database.")
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not a readable backup archive ({error}).") from None
    with archive, tempfile.TemporaryDirectory() as work:
        manifest = _read_manifest(archive)
        _check_schema(manifest)
        try:
            archive.extractall(work, filter="data")
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"The archive could not be unpacked ({error}).") from None
        data_path = Path(work) / "data.json"
        if hashlib.sha256(data_path.read_bytes()).hexdigest() != manifest.get("data_sha256"):
            raise BackupError("data.json does not match the checksum in the manifest: the archive is damaged.")
        try:
            with transaction.atomic(), restoring_backup():
                call_command("loaddata", str(data_path), verbosity=0)
                index_rebuild()
        except (DeserializationError, DatabaseError, FieldDoesNotExist, LookupError, ValueError) as error:
            raise BackupError(f"The archive's rows could not be loaded ({error}); nothing was restored.") from None
        files = _restore_media(Path(work) / "media")
    return BackupSummary(rows=sum(manifest["rows"].values()), files=files, path=path)


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.extractfile("manifest.json")
        manifest = json.load(member)
    except (KeyError, AttributeError, TypeError, ValueError, tarfile.TarError):
        raise BackupError("The archive has no readable manifest.json: it was not made by backup_data.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}; expected {FORMAT!r}.")
    return manifest


def _check_schema(manifest: dict) -> None:
    """The database must be migrated at least as far as the one the backup was taken from."""
    current = _schema_state()
    installed = {config.label for config in apps.get_app_configs()}
    behind = [f"{app} (backup {name}, here {current.get(app, 'none')})"
              for app, name in manifest.get("schema", {}).items()
              if app in installed and current.get(app, "") < name]
    if behind:
        raise BackupError("Run `manage.py migrate` first; these apps are behind the backup: " + ", ".join(behind))


def _add_stored_file(archive: tarfile.TarFile, name: str) -> None:
    info = tarfile.TarInfo(f"media/{name}")
    info.size, info.mtime = default_storage.size(name), int(timezone.now().timestamp())
    with default_storage.open(name, "rb") as stored:
        archive.addfile(info, stored)


def _restore_media(source: Path) -> int:
    """Put the archive's files back into the default storage under their own names (the rows name them)."""
    count = 0
    if not source.exists():
        return 0
    for file in sorted(source.rglob("*")):
        if file.is_file():
            name = file.relative_to(source).as_posix()
            if default_storage.exists(name):
                default_storage.delete(name)
            with file.open("rb") as content:
                stored = default_storage.save(name, File(content))
            if stored != name:
                raise BackupError(f"The storage kept {name} as {stored}: the rows naming it would not find it.")
            count += 1
    return count
