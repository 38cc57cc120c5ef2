"""How the worker and beat record their heartbeats (settings.HEALTH_HEARTBEAT_INTERVAL seconds apart).

Both are named by string in config.celery_app and in settings (CELERY_BEAT_SCHEDULER), so that Celery
loads them only once Django is set up in its process.
"""

import logging
import socket
import time

from celery import bootsteps
from celery.beat import PersistentScheduler
from django.conf import settings
from django.db import DatabaseError, close_old_connections

from .models import Heartbeat
from .services import heartbeat_record

logger = logging.getLogger(__name__)


def _record(process: str, hostname: str) -> None:
    """A heartbeat that cannot be written is logged: the process goes on with its work, and the
    health check reports the missing heartbeat."""
    try:
        heartbeat_record(process=process, hostname=hostname)
    except DatabaseError:
        logger.warning("The %s heartbeat of %s could not be recorded", process, hostname, exc_info=True)
    finally:
        close_old_connections()


class WorkerHeartbeat(bootsteps.StartStopStep):
    """A worker bootstep: records the worker's heartbeat when it starts, then on its timer."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timer_entry = None
        self.hostname = ""

    def start(self, worker):
        self.hostname = worker.hostname
        self.record()
        self.timer_entry = worker.timer.call_repeatedly(settings.HEALTH_HEARTBEAT_INTERVAL, self.record)

    def stop(self, worker):
        if self.timer_entry is not None:
            self.timer_entry.cancel()

    def record(self):
        _record(Heartbeat.Process.WORKER, self.hostname)


class HeartbeatScheduler(PersistentScheduler):
    """Celery beat's scheduler (a file of last runs, as by default) that records beat's heartbeat on
    its ticks and ticks at least every HEALTH_HEARTBEAT_INTERVAL seconds, even when no task is due."""

    recorded_at: float | None = None

    def tick(self, *args, **kwargs):
        interval = settings.HEALTH_HEARTBEAT_INTERVAL
        if self.recorded_at is None or time.monotonic() - self.recorded_at >= interval:
            _record(Heartbeat.Process.BEAT, socket.gethostname())
            self.recorded_at = time.monotonic()
        return min(super().tick(*args, **kwargs), interval)
