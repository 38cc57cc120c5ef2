"""`make demo`'s background work: a real Celery worker on kombu's filesystem transport (no server)."""

import os
import subprocess
import sys
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections
from django.urls import reverse

from config.celery_app import app
from questionnaires.models import Answer
from reports.models import Compilation
from tests.factories import CountryFactory, ReviewerFactory, party_reply_start


@pytest.fixture
def filesystem_broker(broker, tmp_path):
    """The folder of the filesystem broker the app now sends its tasks to, instead of running them in-process."""
    return tmp_path / "celery"


def _close_worker_connections(**kwargs):
    connections.close_all()  # in the worker thread, so that the test database can be flushed


@pytest.mark.django_db(transaction=True)
def test_a_compilation_requested_from_the_page_is_built_by_the_worker_not_the_request(
    client, published_version, filesystem_broker, settings, tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COMPILATION_PDF = False
    party_reply_start(version=published_version, country=CountryFactory(iso_code="FR", name="France"))
    Answer.objects.update(state=Answer.State.APPROVED, revision=1)
    question = published_version.questions.get(number="13")
    client.force_login(ReviewerFactory())

    response = client.post(
        reverse("reports:compilation_request", args=[published_version.pk]),
        {"kind": "question", "question": question.pk}, follow=True,
    )

    compilation = Compilation.objects.get()
    assert compilation.status == Compilation.Status.QUEUED, "the request must not build the compilation"
    assert response.status_code == 200 and "Queued" in response.content.decode()
    assert len(os.listdir(filesystem_broker / "queue")) == 1, "the task waits in the broker's folder"

    task_postrun.connect(_close_worker_connections, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            deadline = time.monotonic() + 60
            while compilation.status not in (Compilation.Status.DONE, Compilation.Status.FAILED):
                assert time.monotonic() < deadline, f"still {compilation.status} after 60 s"
                time.sleep(0.1)
                compilation.refresh_from_db()
    finally:
        task_postrun.disconnect(_close_worker_connections)

    assert compilation.status == Compilation.Status.DONE, compilation.error
    assert compilation.countries_included == 1 and compilation.docx and compilation.xlsx
    assert os.listdir(filesystem_broker / "queue") == []
    page = client.get(reverse("reports:compilation_detail", args=[compilation.pk])).content.decode()
    assert "Done" in page and "DOCX" in page


def test_the_demo_settings_send_tasks_to_the_filesystem_broker_and_runserver_alone_runs_them_in_process(
    settings, tmp_path,
):
    script = ("from django.conf import settings; "
              "print(settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL, "
              "settings.CELERY_BROKER_TRANSPORT_OPTIONS['data_folder_in'])")
    demo = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script], cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", "CELERY_BROKER_URL": "filesystem://",
             "CELERY_FILESYSTEM_ROOT": str(tmp_path)},
        capture_output=True, text=True, timeout=120,
    )
    assert demo.stdout.split() == ["False", "filesystem://", str(tmp_path / "queue")], demo.stderr
    assert sorted(os.listdir(tmp_path)) == ["control", "processed", "queue"]

    plain_env = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "REDIS_URL", "DATABASE_URL")}
    plain = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from django.conf import settings; print(settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL)"],
        cwd=settings.BASE_DIR, env={**plain_env, "DJANGO_SETTINGS_MODULE": "config.settings.base"},
        capture_output=True, text=True, timeout=120,
    )
    assert plain.stdout.split() == ["True", "memory://"], plain.stderr


@pytest.mark.django_db(transaction=True)
def test_a_missing_broker_folder_leaves_the_compilation_queued_with_a_message(
    client, published_version, filesystem_broker,
):
    (filesystem_broker / "queue").rmdir()
    client.force_login(ReviewerFactory())

    response = client.post(
        reverse("reports:compilation_request", args=[published_version.pk]),
        {"kind": "round"}, follow=True,
    )

    compilation = Compilation.objects.get()
    assert response.status_code == 200
    assert compilation.status == Compilation.Status.QUEUED
    assert compilation.error == "The background service is unreachable; the compilation will start when it is back."
