"""The project's Celery application; tasks are discovered in every installed app's tasks.py."""

import logging
import os
from collections.abc import Callable

import kombu.exceptions
import redis.exceptions
from celery import Celery
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("lanzarote")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Every worker records its heartbeat (reports.operations); named by string, loaded once Django is set up.
app.steps["worker"].add("reports.operations.processes:WorkerHeartbeat")
# With JSON logs, a task's lines carry the id of the request that sent it (django-structlog).
app.steps["worker"].add("config.logs:TaskLogContext")

# What sending a task raises when the broker cannot be reached: callers keep their own record of the
# work (a database row) and log, so that answering and reviewing never fail because Redis is down.
# Tasks sent from web requests are declared with ignore_result=True: with a result backend, sending
# first subscribes to the result on Redis, and that failure ("Retry limit exceeded while trying to
# reconnect to the Celery result store") is not a broker error and would leave the process unusable.
# OSError covers a refused socket and, on `make demo`'s filesystem transport, a missing queue folder.
BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.ConnectionError, OSError)

logger = logging.getLogger(__name__)


def enqueue_on_commit(task_name: str, *args, on_unreachable: Callable[[], None] | None = None) -> None:
    """Send the task registered as ``task_name`` with ``args`` once the current transaction commits.

    A broker that cannot be reached is logged and ``on_unreachable`` is called; it is never raised,
    because the caller keeps its own record of the work (a database row) that is sent again later.
    Run in-process (no broker), a failing task is logged, not raised into the caller's request.
    Tasks are named, not imported, so that an app's services never import its tasks module (which
    imports the services); every app registers its tasks in ``AppConfig.ready``.
    """
    def send():
        try:
            app.tasks[task_name].apply_async(args=args, retry=False)
        except BROKER_ERRORS as error:
            logger.warning("%s%s not queued, the broker is unreachable: %s", task_name, args, error)
            if on_unreachable is not None:
                on_unreachable()
        except Exception:
            # Without a broker (the embedded default) the task runs here, inside the request that queued
            # it; its failure is the task's to record (tasks keep their state in the database), and must
            # not turn the request, whose own work is committed, into an error page.
            if not app.conf.task_always_eager:
                raise
            logger.exception("%s%s failed in-process", task_name, args)

    transaction.on_commit(send)
