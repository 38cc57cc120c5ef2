"""The health endpoints as a load balancer, an orchestrator or a monitor sees them."""

import asyncio
import datetime
import io

import pytest
from asgiref.sync import sync_to_async
from django.core.management import call_command
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from reports.operations.models import Heartbeat
from reports.operations.services import heartbeat_record
from tests.factories import ReviewerFactory


def test_liveness_answers_without_asking_the_database(client):
    # No django_db mark: any database query would fail the test.
    response = client.get(reverse("health:live"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["health:ready", "health:all"])
def test_on_the_embedded_default_only_the_database_cache_and_file_store_are_checked(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}}


@pytest.mark.django_db
def test_with_a_broker_readiness_checks_it_and_health_wants_a_worker_and_beat(client, broker):
    ready = client.get(reverse("health:ready"))
    health = client.get(reverse("health:all"))

    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "cache": "ok", "storage": "ok", "broker": "ok"}
    assert health.status_code == 503
    assert health.json() == {"status": "failing", "checks": {
        "database": "ok", "cache": "ok", "storage": "ok", "broker": "ok", "worker": "failing", "beat": "failing",
    }}


@pytest.mark.django_db
def test_fresh_heartbeats_make_health_ok_and_an_old_one_fails_its_check(client, broker, settings):
    settings.HEALTH_HEARTBEAT_MAX_AGE_SECONDS = 180
    heartbeat_record(process=Heartbeat.Process.WORKER, hostname="celery@web-1")
    heartbeat_record(process=Heartbeat.Process.BEAT, hostname="web-1")

    assert client.get(reverse("health:all")).status_code == 200

    Heartbeat.objects.filter(process=Heartbeat.Process.BEAT).update(
        seen_at=timezone.now() - datetime.timedelta(seconds=181))
    response = client.get(reverse("health:all"))

    assert response.status_code == 503
    assert response.json()["checks"]["beat"] == "failing" and response.json()["checks"]["worker"] == "ok"


@pytest.mark.django_db
def test_an_unreachable_broker_fails_readiness_without_telling_where_it_is(client, broker):
    broker.update(broker_url="redis://:s3cret@127.0.0.1:1/0")

    response = client.get(reverse("health:ready"))

    assert response.status_code == 503
    assert response.json() == {"status": "failing", "checks": {
        "database": "ok", "cache": "ok", "storage": "ok", "broker": "failing"}}
    for internal in ("127.0.0.1", "s3cret", "redis", "refused", "Error"):
        assert internal not in response.content.decode()


@pytest.mark.django_db
def test_a_file_store_that_cannot_be_written_fails_readiness_without_its_path(client, settings, tmp_path):
    (tmp_path / "not-a-folder").write_text("")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "not-a-folder" / "media")},
    }}

    response = client.get(reverse("health:ready"))

    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "failing"
    assert "not-a-folder" not in response.content.decode()


@pytest.mark.django_db
def test_health_endpoints_answer_a_signed_in_reviewer_whose_second_factor_is_pending(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(ReviewerFactory())

    assert client.get(reverse("health:ready")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_health_check_command_runs_the_same_checks_without_a_web_server(broker):
    with pytest.raises(SystemExit) as ready:
        call_command("health_check", "health:ready", "--no-http", stdout=io.StringIO())
    with pytest.raises(SystemExit) as everything:
        call_command("health_check", "health:all", "--no-http", stdout=io.StringIO())
    # Outside a request the heartbeat checks read the database from asgiref's one thread for such calls:
    # close that thread's connection, as the command's process does by ending.
    asyncio.run(sync_to_async(connections.close_all)())

    assert ready.value.code == 0
    assert everything.value.code == 1, "no worker or beat heartbeat yet"
