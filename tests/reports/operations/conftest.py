import pytest

from config.broker import filesystem_transport_options
from config.celery_app import app


def _forget_connections():
    """Drop the app's connection and producer pools, which were made for the previous broker."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(tmp_path):
    """Tasks go to a broker (the demo's filesystem broker in ``tmp_path``; a test may point it elsewhere)
    instead of running in-process, as with a worker and beat beside the web server."""
    keys = ("task_always_eager", "broker_url", "broker_transport_options")
    previous = {key: app.conf[key] for key in keys}
    app.conf.update(task_always_eager=False, broker_url="filesystem://",
                    broker_transport_options=filesystem_transport_options(tmp_path / "celery"))
    _forget_connections()
    try:
        yield app.conf
    finally:
        app.conf.update(previous)
        _forget_connections()
