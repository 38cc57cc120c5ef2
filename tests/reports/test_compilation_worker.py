"""Compilations through real Celery workers on Redis, including a worker killed mid-task."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from questionnaires.models import Answer, Item, ItemAnswer
from reports.models import Compilation
from reports.services import compilation_request
from tests.factories import CountryFactory, party_reply_start

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PARAGRAPH = "<p>The specialised unit works with <strong>regional officers</strong> and the hotline. </p>" * 12


def _approved_replies(version, count):
    """``count`` countries whose every answer is approved with several paragraphs of text."""
    for index in range(count):
        country = CountryFactory(iso_code=f"{chr(65 + index // 26)}{chr(65 + index % 26)}", name=f"Country {index:02d}")
        party_reply_start(version=version, country=country)
    ItemAnswer.objects.filter(item__type=Item.Type.TEXT).update(text=PARAGRAPH)
    ItemAnswer.objects.filter(item__type=Item.Type.YES_NO).update(yes_no="yes", explanation=PARAGRAPH)
    ItemAnswer.objects.filter(item__type=Item.Type.NUMBER).update(number=12)
    Answer.objects.update(state=Answer.State.APPROVED, revision=1)


def _wait_for(compilation_id, statuses, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        compilation = Compilation.objects.get(pk=compilation_id)
        if compilation.status in statuses:
            return compilation
        time.sleep(0.02)
    raise AssertionError(f"compilation {compilation_id} still {compilation.status} after {timeout}s")


def test_a_real_worker_builds_a_requested_compilation(published_version, celery_worker_on_redis, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.COMPILATION_PDF = False
    _approved_replies(published_version, 3)

    compilation, created = compilation_request(
        version=published_version, kind=Compilation.Kind.QUESTION,
        question=published_version.questions.get(number="13"),
    )

    done = _wait_for(compilation.pk, {Compilation.Status.DONE, Compilation.Status.FAILED}, timeout=60)
    assert created and done.status == Compilation.Status.DONE, done.error
    assert done.countries_included == 3 and done.docx and done.xlsx


def test_a_compilation_completes_after_its_worker_is_killed_mid_task(published_version, redis_url):
    if connection.vendor != "postgresql":
        pytest.skip("a worker in another process needs a database server (PostgreSQL)")
    _approved_replies(published_version, 47)
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": redis_url,
        "COMPILATION_PDF": "false",
        "DJANGO_MEDIA_ROOT": str(settings.BASE_DIR / ".test-media"),
    }
    from config.celery_app import app

    app.control.purge()
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork", "--concurrency=1",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        previous = app.conf.task_always_eager
        app.conf.task_always_eager = False
        try:
            compilation, _created = compilation_request(version=published_version, kind=Compilation.Kind.ROUND)
        finally:
            app.conf.task_always_eager = previous
        _wait_for(compilation.pk, {Compilation.Status.RUNNING}, timeout=60)
        children = subprocess.run(["pgrep", "-P", str(worker.pid)], capture_output=True, text=True).stdout.split()
        assert children, "the worker has no pool process to kill"
        for pid in children:
            os.kill(int(pid), signal.SIGKILL)

        done = _wait_for(compilation.pk, {Compilation.Status.DONE}, timeout=180)
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    assert done.attempts >= 2, "the task should have been run again after the kill"
    assert done.countries_included == 47 and done.archive
