"""The project's Celery application; tasks are discovered in every installed app's tasks.py."""

import os

import kombu.exceptions
import redis.exceptions
from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("lanzarote")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# What sending a task raises when the broker cannot be reached: callers keep their own record of the
# work (a database row) and log, so that answering and reviewing never fail because Redis is down.
# Tasks sent from web requests are declared with ignore_result=True: with a result backend, sending
# first subscribes to the result on Redis, and that failure ("Retry limit exceeded while trying to
# reconnect to the Celery result store") is not a broker error and would leave the process unusable.
BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.ConnectionError, ConnectionRefusedError)
