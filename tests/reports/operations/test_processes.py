"""The worker and beat record their heartbeats by themselves."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connections

from config.celery_app import app
from reports.operations.models import Heartbeat
from reports.operations.processes import HeartbeatScheduler


@pytest.mark.django_db(transaction=True)
def test_a_worker_records_its_heartbeat_when_it_starts_and_then_on_its_timer(settings):
    settings.HEALTH_HEARTBEAT_INTERVAL = 0.2
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        deadline = time.monotonic() + 30
        while not Heartbeat.objects.filter(process=Heartbeat.Process.WORKER).exists():
            assert time.monotonic() < deadline, "no heartbeat after 30 s"
            time.sleep(0.05)
        first = Heartbeat.objects.get(process=Heartbeat.Process.WORKER).seen_at
        while Heartbeat.objects.get(process=Heartbeat.Process.WORKER).seen_at == first:
            assert time.monotonic() < deadline, "the heartbeat was not renewed"
            time.sleep(0.05)

    assert Heartbeat.objects.get(process=Heartbeat.Process.WORKER).hostname == worker.hostname
    connections.close_all()


# Transactional: recording a heartbeat closes the process's database connection when it is obsolete, as
# after each task, which would end a test's enclosing transaction on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_beat_records_its_heartbeat_on_a_tick_and_ticks_at_least_every_interval(settings, tmp_path):
    settings.HEALTH_HEARTBEAT_INTERVAL = 30
    scheduler = HeartbeatScheduler(app, schedule_filename=str(tmp_path / "beat-schedule"), lazy=True)
    scheduler.setup_schedule()
    try:
        next_tick = scheduler.tick()
        seen_at = Heartbeat.objects.get(process=Heartbeat.Process.BEAT).seen_at
        scheduler.tick()
    finally:
        scheduler.close()

    assert 0 <= next_tick <= 30
    assert Heartbeat.objects.get(process=Heartbeat.Process.BEAT).seen_at == seen_at, "at most once per interval"
