import os
import socket
import uuid
from pathlib import Path
from urllib.parse import urlparse

import boto3
import pytest
from moto.server import ThreadedMotoServer
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from config.broker import filesystem_transport_options
from config.celery_app import app as project_celery_app

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
IN_CI = os.environ.get("CI", "").lower() == "true"


def shared_data_file(relative: str) -> Path:
    """A file of the shared data folder laid beside the repository.

    Outside CI a checkout may have no such folder and the test is skipped; CI always has one, so there a
    missing file fails the test rather than letting it pass unnoticed.
    """
    path = SHARED_DATA / relative
    if path.exists():
        return path
    message = f"{path} is not present beside the repository"
    if IN_CI:
        pytest.fail(message + ": CI runs with the shared data folder")
    pytest.skip(message)


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English: a request in French leaves French active in the thread afterwards."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_rendered_cache():
    """Renderings kept from an earlier test must not answer for a new test's objects (ids are reused)."""
    caches["rendered"].clear()


@pytest.fixture
def demo_yaml() -> str:
    return Path(settings.DEMO_QUESTIONNAIRE_YAML).read_text(encoding="utf-8")


@pytest.fixture
def countries_csv() -> str:
    return Path(settings.COUNTRIES_CSV).read_text(encoding="utf-8-sig")


@pytest.fixture
def published_version(db, demo_yaml):
    from questionnaires.services import version_import_yaml, version_publish

    return version_publish(version=version_import_yaml(text=demo_yaml))


def _reachable(url: str) -> bool:
    import socket

    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_url() -> str:
    """The Redis broker URL; skips when none is reachable, except under CI=true where it fails."""
    url = os.environ.get("REDIS_URL", "")
    if url and _reachable(url):
        return url
    message = f"Redis is not reachable (REDIS_URL={url or 'unset'})"
    if IN_CI:
        pytest.fail(message + ": integration tests must run in CI")
    pytest.skip(message)


@pytest.fixture
def celery_worker_on_redis(redis_url):
    """A real Celery worker thread consuming from Redis, with results stored in Redis."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    def close_worker_connections(**kwargs):
        connections.close_all()  # in the worker thread, so that the test database can be dropped

    previous = {key: project_celery_app.conf[key] for key in ("task_always_eager", "broker_url", "result_backend")}
    project_celery_app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    task_postrun.connect(close_worker_connections, weak=False)
    try:
        with start_worker(project_celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield project_celery_app
    finally:
        task_postrun.disconnect(close_worker_connections)
        project_celery_app.conf.update(previous)


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


S3_CREDENTIALS = {"access_key": "storage-tests", "secret_key": "storage-tests-secret", "region_name": "us-east-1"}


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3-compatible server (moto's server mode) on a free loopback port, for the whole session."""
    port = free_loopback_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint, settings):
    """A new, empty bucket that the default storage uses for this test (as DJANGO_S3_BUCKET would set it up),
    with a client to look into it; MEDIA_ROOT points where nothing should be written."""
    name = f"lanzarote-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id=S3_CREDENTIALS["access_key"],
                          aws_secret_access_key=S3_CREDENTIALS["secret_key"], region_name=S3_CREDENTIALS["region_name"])
    client.create_bucket(Bucket=name)
    base = settings.STORAGES
    settings.STORAGES = {**base, "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        **S3_CREDENTIALS, "bucket_name": name, "endpoint_url": s3_endpoint, "signature_version": "s3v4",
        "default_acl": "private", "querystring_auth": True, "querystring_expire": 60, "file_overwrite": False,
    }}}
    settings.MEDIA_ROOT = Path(settings.BASE_DIR) / ".test-media" / "never-written" / name
    return client, name


def bucket_keys(s3_bucket) -> list[str]:
    client, name = s3_bucket
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", []))


def sign_in_with_second_factor(client, user):
    """Sign ``user`` in as if they had also entered their authenticator app's code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="phone", confirmed=True,
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def _forget_broker_connections():
    """Drop the Celery app's connection and producer pools, which were made for the previous broker."""
    project_celery_app._pool = None
    project_celery_app.amqp._producer_pool = None


@pytest.fixture
def broker(tmp_path):
    """Tasks go to a broker (the demo's filesystem broker in ``tmp_path / "celery"``; a test may point it
    elsewhere through the yielded configuration) instead of running in-process, as with a worker and beat
    beside the web server."""
    keys = ("task_always_eager", "broker_url", "broker_transport_options")
    previous = {key: project_celery_app.conf[key] for key in keys}
    project_celery_app.conf.update(task_always_eager=False, broker_url="filesystem://",
                           broker_transport_options=filesystem_transport_options(tmp_path / "celery"))
    _forget_broker_connections()
    try:
        yield project_celery_app.conf
    finally:
        project_celery_app.conf.update(previous)
        _forget_broker_connections()
