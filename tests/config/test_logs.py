"""What the logs hold: readable lines by default; with DJANGO_LOG_FORMAT=json, JSON lines that carry the
request's id and never what a user typed."""

import gc
import io
import json
import logging
import logging.config
import os
import subprocess
import sys

import pytest
import structlog
from django.conf import settings as django_settings
from django.urls import reverse

from config.logs import JSON, logging_config, structlog_configure
from questionnaires.models import ItemAnswer
from tests.factories import CountryFactory, FocalPointFactory, party_reply_start

ANSWER = "The specialised unit of the national police counted 24 officers in 2024"


@pytest.fixture
def json_logs(settings):
    """The JSON logging of DJANGO_LOG_FORMAT=json, written to a buffer; the test settings' afterwards."""
    stream = io.StringIO()
    config = logging_config(log_format=JSON, level="INFO")
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    structlog_configure()
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "django_structlog.middlewares.RequestMiddleware"]
    settings.DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False
    yield stream
    logging.config.dictConfig(django_settings.LOGGING)
    structlog.reset_defaults()
    # The middleware listens to got_request_exception while it exists: let the test client's go.
    gc.collect()


@pytest.mark.django_db
def test_json_lines_carry_the_request_id_and_not_the_answer_or_the_query(json_logs, client, published_version):
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country).user
    reply = party_reply_start(version=published_version, country=country, user=user)
    answer = reply.answers.get(question__number="13")
    text_item = ItemAnswer.objects.get(answer=answer, item__number="13.4")
    client.force_login(user)
    url = reverse("questionnaires:question_autosave", kwargs={"reply_pk": reply.pk, "number": "13"})

    response = client.post(
        url + "?from=helpline-search",
        {"revision": answer.revision, "language": "en", f"item_{text_item.item_id}": f"<p>{ANSWER}</p>"},
    )
    logging.getLogger("lanzarote").warning("after the request")

    assert response.status_code == 200
    lines = [json.loads(line) for line in json_logs.getvalue().splitlines()]
    started, finished = (next(line for line in lines if line["event"] == event)
                         for event in ("request_started", "request_finished"))
    assert started["request_id"] == finished["request_id"] and len(started["request_id"]) == 36
    assert started["request"] == finished["request"] == f"POST {url}"
    assert finished["code"] == 200 and finished["level"] == "info" and "timestamp" in finished
    assert "ip" not in started
    assert lines[-1]["event"] == "after the request" and "request_id" not in lines[-1]
    assert ANSWER not in json_logs.getvalue() and "helpline-search" not in json_logs.getvalue()


def test_by_default_the_logs_are_plain_lines_without_structlog():
    script = "import logging; logging.getLogger('lanzarote').warning('Compilation %s queued', 7)"
    plain_env = {k: v for k, v in os.environ.items() if k != "DJANGO_LOG_FORMAT"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script], cwd=django_settings.BASE_DIR,
        env={**plain_env, "DJANGO_SETTINGS_MODULE": "config.settings.base"}, capture_output=True, text=True,
        timeout=120,
    )
    as_json = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script], cwd=django_settings.BASE_DIR,
        env={**plain_env, "DJANGO_SETTINGS_MODULE": "config.settings.base", "DJANGO_LOG_FORMAT": "json"},
        capture_output=True, text=True, timeout=120,
    )

    assert result.stderr.strip().splitlines()[-1] == "Compilation 7 queued"
    line = json.loads(as_json.stderr.strip().splitlines()[-1])
    assert line["event"] == "Compilation 7 queued" and line["level"] == "warning" and line["logger"] == "lanzarote"
