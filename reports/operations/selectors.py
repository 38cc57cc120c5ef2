"""Reads of the operations app: heartbeats, the broker's queue, compilations in flight, stored files."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.db.models import Count, Q
from django.utils import timezone
from kombu.exceptions import ChannelError

from config.celery_app import BROKER_ERRORS, app
from reports.models import Compilation
from reports.selectors import compilations_stuck

from .models import Heartbeat


def tasks_run_in_process() -> bool:
    """True on the embedded default without a broker: tasks run inside the request that sends them, so
    there is no queue, worker or beat to watch."""
    return bool(app.conf.task_always_eager)


@dataclass(frozen=True)
class HeartbeatRow:
    heartbeat: Heartbeat
    late: bool  # older than HEALTH_HEARTBEAT_MAX_AGE_SECONDS


def heartbeats() -> list[HeartbeatRow]:
    """Every worker's and beat's heartbeat, most recent first within each process, and whether it is late."""
    oldest_fresh = timezone.now() - datetime.timedelta(seconds=settings.HEALTH_HEARTBEAT_MAX_AGE_SECONDS)
    return [HeartbeatRow(heartbeat, late=heartbeat.seen_at < oldest_fresh) for heartbeat in Heartbeat.objects.all()]


def heartbeat_age(process: str) -> datetime.timedelta | None:
    """How long ago any process of this kind was last seen; None if never."""
    latest = Heartbeat.objects.filter(process=process).order_by("-seen_at").values_list("seen_at", flat=True).first()
    return None if latest is None else timezone.now() - latest


def heartbeat_is_fresh(process: str) -> bool:
    """A heartbeat no older than HEALTH_HEARTBEAT_MAX_AGE_SECONDS."""
    age = heartbeat_age(process)
    return age is not None and age <= datetime.timedelta(seconds=settings.HEALTH_HEARTBEAT_MAX_AGE_SECONDS)


def broker_is_redis() -> bool:
    return app.conf.broker_url.startswith(("redis://", "rediss://"))


def broker_queue_length() -> int | None:
    """Messages waiting in the default queue on Redis; None elsewhere, or when Redis cannot be reached."""
    if not broker_is_redis() or tasks_run_in_process():
        return None
    try:
        with app.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
            declared = connection.default_channel.queue_declare(queue=app.conf.task_default_queue, passive=True)
            return declared.message_count
    except ChannelError:  # Redis keeps no list for an empty queue
        return 0
    except BROKER_ERRORS:
        return None


@dataclass(frozen=True)
class CompilationCounts:
    queued: int
    running: int
    failed: int
    stuck: int


def compilation_counts() -> CompilationCounts:
    """Compilations queued, running, failed, and stuck (past the limit after which beat re-queues them)."""
    counts = Compilation.objects.aggregate(**{
        status: Count("pk", filter=Q(status=status))
        for status in (Compilation.Status.QUEUED, Compilation.Status.RUNNING, Compilation.Status.FAILED)
    })
    return CompilationCounts(**counts, stuck=compilations_stuck().count())


@dataclass(frozen=True)
class StorageUsage:
    files: int
    bytes: int


def storage_usage(storage: Storage = default_storage) -> StorageUsage:
    """The number and total size of the stored files, walked through the storage API alone, so that it
    reads a folder on disk and an object store alike."""
    files = size = 0
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, names = storage.listdir(folder)
        except FileNotFoundError:  # nothing stored yet: the media folder does not exist
            continue
        folders += [f"{folder}{name}/" for name in subfolders]
        for name in names:
            files += 1
            size += storage.size(f"{folder}{name}")
    return StorageUsage(files=files, bytes=size)


@dataclass(frozen=True)
class Overview:
    """What the operator's page shows."""

    tasks_in_process: bool
    broker_is_redis: bool
    queue_length: int | None
    compilations: CompilationCounts
    stuck_after_minutes: int
    heartbeats: list[HeartbeatRow]
    heartbeat_max_age_seconds: int
    storage: StorageUsage


def operations_overview() -> Overview:
    return Overview(
        tasks_in_process=tasks_run_in_process(), broker_is_redis=broker_is_redis(),
        queue_length=broker_queue_length(), compilations=compilation_counts(),
        stuck_after_minutes=settings.COMPILATION_STUCK_AFTER_SECONDS // 60, heartbeats=heartbeats(),
        heartbeat_max_age_seconds=settings.HEALTH_HEARTBEAT_MAX_AGE_SECONDS, storage=storage_usage(),
    )
