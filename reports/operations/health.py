"""The health checks (django-health-check) behind /health/ready/ and /health/.

Each check is named in the public answer by a plain word and said to be "ok" or "failing", nothing
more: the reason is logged (logger ``health_check``), never shown. Which checks apply depends on how the
application runs: with tasks run in-process (no broker, the embedded default) there is no broker,
worker or beat to check.
"""

import dataclasses

from asgiref.sync import sync_to_async
from health_check import Cache, Database, HealthCheck, Storage
from health_check.exceptions import ServiceUnavailable

from config.celery_app import BROKER_ERRORS, app

from .models import Heartbeat
from .selectors import heartbeat_is_fresh, tasks_run_in_process


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker accepts a connection (Redis, or the demo's folders)."""

    def run(self):
        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except BROKER_ERRORS as error:
            raise ServiceUnavailable("The broker cannot be reached") from error


@dataclasses.dataclass
class FreshHeartbeat(HealthCheck):
    """A worker (or beat) has recorded a heartbeat within HEALTH_HEARTBEAT_MAX_AGE_SECONDS."""

    process: str = Heartbeat.Process.WORKER

    async def run(self):
        # In the request's own thread, whose database connection Django closes after the request.
        if not await sync_to_async(heartbeat_is_fresh)(self.process):
            raise ServiceUnavailable(f"No recent {self.process} heartbeat")


def readiness_checks() -> dict[str, HealthCheck]:
    """What a web process needs to serve requests: the load balancer's readiness probe."""
    checks = {"database": Database(), "cache": Cache(), "storage": Storage()}
    if not tasks_run_in_process():
        checks["broker"] = Broker()
    return checks


def all_checks() -> dict[str, HealthCheck]:
    """Readiness and the background processes: a worker's heartbeat and beat's last run."""
    checks = readiness_checks()
    if not tasks_run_in_process():
        checks["worker"] = FreshHeartbeat(process=Heartbeat.Process.WORKER)
        checks["beat"] = FreshHeartbeat(process=Heartbeat.Process.BEAT)
    return checks
