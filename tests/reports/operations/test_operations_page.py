"""The operator's page of the admin: what an administrator reads there, and who may open it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from config.celery_app import app
from reports.operations.models import Heartbeat
from reports.operations.services import heartbeat_record
from questionnaires.permissions import ADMINISTRATORS
from reports.models import Compilation
from reports.services import compilation_request
from tests.factories import ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/operations/"


@pytest.fixture
def administrator(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=ADMINISTRATORS))
    client.force_login(user)
    return user


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _compilations(version, statuses):
    """Compilations of the round in the given states, requested (and started) 20 minutes ago or just now."""
    long_ago = timezone.now() - datetime.timedelta(minutes=20)
    for status, old in statuses:
        compilation, _ = compilation_request(version=version, kind=Compilation.Kind.ROUND)
        at = long_ago if old else timezone.now()
        # another fingerprint, so that the next request makes a new revision rather than return this one
        Compilation.objects.filter(pk=compilation.pk).update(status=status, requested_at=at, started_at=at,
                                                             fingerprint=f"changed-{compilation.pk}")


def test_the_admin_index_links_the_operations_page(client, administrator):
    page = client.get(reverse("admin:index")).content.decode()

    assert f'href="{URL}"' in page and "Operations" in page


def test_the_page_counts_compilations_by_state_and_the_stuck_ones(client, administrator, published_version, media,
                                                                  settings):
    settings.COMPILATION_STUCK_AFTER_SECONDS = 600
    _compilations(published_version, [(Compilation.Status.QUEUED, False), (Compilation.Status.QUEUED, True),
                                      (Compilation.Status.RUNNING, True), (Compilation.Status.FAILED, True),
                                      (Compilation.Status.DONE, True)])

    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<th scope=\"row\">Queued</th><td>2</td>" in page
    assert "<th scope=\"row\">Running</th><td>1</td>" in page
    assert "<th scope=\"row\">Failed</th><td>1</td>" in page
    assert "Stuck (queued or running for more than 10 minutes)</th>\n        <td>2</td>" in page


def test_on_the_embedded_default_the_page_says_tasks_run_in_the_request(client, administrator, media):
    page = client.get(URL).content.decode()

    assert "Not available: tasks run inside the web request (no broker)." in page
    assert "No worker or beat: tasks run inside the web request." in page


def test_on_the_demo_broker_the_queue_length_is_not_available_and_heartbeats_are_listed(
    client, administrator, broker, media, settings,
):
    settings.HEALTH_HEARTBEAT_MAX_AGE_SECONDS = 180
    heartbeat_record(process=Heartbeat.Process.WORKER, hostname="celery@worker-1")
    heartbeat_record(process=Heartbeat.Process.BEAT, hostname="scheduler-1")
    Heartbeat.objects.filter(process=Heartbeat.Process.BEAT).update(
        seen_at=timezone.now() - datetime.timedelta(minutes=5))

    page = client.get(URL).content.decode()

    assert "Not available on this broker (only on Redis)." in page
    assert "<td>Worker</td><td>celery@worker-1</td>" in page
    beat_row = page[page.index("<td>Beat (scheduler)</td>"):]
    assert "scheduler-1" in beat_row and "5\xa0minutes ago" in beat_row and "<strong>late</strong>" in beat_row
    assert "late" not in page[page.index("celery@worker-1"):page.index("<td>Beat (scheduler)</td>")]


def test_the_page_adds_up_the_stored_files_through_the_storage_api(client, administrator, media):
    default_storage.save("attachments/2026/report.pdf", ContentFile(b"x" * 1500))
    default_storage.save("compilations/1/q13.docx", ContentFile(b"y" * 500))

    page = client.get(URL).content.decode()

    assert "<th scope=\"row\">Files</th><td>2</td>" in page
    assert "2.0\xa0KB (2000 bytes)" in page


def test_a_staff_member_who_is_not_an_administrator_is_refused(client):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(URL).status_code == 403
    assert 'href="/admin/operations/"' not in client.get(reverse("admin:index")).content.decode()


def test_a_reviewer_is_sent_to_the_admin_sign_in(client):
    client.force_login(ReviewerFactory())

    response = client.get(URL)

    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.integration
def test_on_redis_the_page_shows_how_many_tasks_wait(client, administrator, broker, media, redis_url):
    broker.update(broker_url=redis_url)
    app._pool = None
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        channel.queue_declare(queue="celery", durable=True, auto_delete=False)
        channel.queue_purge("celery")
        try:
            empty = client.get(URL).content.decode()
            for _ in range(3):
                app.send_task("operations.nothing", connection=connection)

            page = client.get(URL).content.decode()
        finally:
            channel.queue_purge("celery")

    assert "<th scope=\"row\">Tasks waiting in the queue</th>\n        <td>0</td>" in empty
    assert "<th scope=\"row\">Tasks waiting in the queue</th>\n        <td>3</td>" in page
