"""Errors reach Sentry when SENTRY_DSN is set, without what a user typed or who they are."""

import json

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client, RequestFactory, override_settings
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.transport import Transport

from config.sentry import sentry_init
from tests.factories import FocalPointFactory

ANSWER = "Our national helpline received 1,204 calls from children in 2024"


class CapturingTransport(Transport):
    """Keeps the envelopes the client would send, instead of sending them."""

    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)


@pytest.fixture
def sentry():
    transport = CapturingTransport()
    sentry_init(dsn="https://public@sentry.example.invalid/1", environment="test", transport=transport)
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def test_the_client_sends_no_personal_data_request_body_or_local_variables(sentry):
    options = sentry_sdk.get_client().options

    assert options["send_default_pii"] is False
    assert options["max_request_body_size"] == "never"
    assert options["include_local_variables"] is False
    assert sentry_sdk.get_client().get_integration(DjangoIntegration) is not None
    assert sentry_sdk.get_client().get_integration(CeleryIntegration) is not None


# Transactional: the WSGI handler closes the database connection when the request finishes, which would
# end a test's enclosing transaction on PostgreSQL.
@pytest.mark.django_db(transaction=True)
@override_settings(ROOT_URLCONF="tests.config.failing_urls")
def test_an_error_in_a_request_is_reported_without_the_answer_the_user_or_the_query(sentry):
    user = FocalPointFactory(user__email="focal.point@ministry.example").user
    client = Client()
    client.force_login(user)
    session_key = client.session.session_key
    request = RequestFactory().post("/failing/?q=helpline+Armenia", {"answer": ANSWER},
                                    HTTP_COOKIE=f"tracking=visitor-quill; sessionid={session_key}")
    statuses = []

    # Through the WSGI handler, as gunicorn calls it (the test client skips Sentry's WSGI middleware).
    WSGIHandler()(request.environ, lambda status, headers: statuses.append(status))
    sentry_sdk.flush()

    assert statuses == ["500 Internal Server Error"]
    events = [item.payload.json for envelope in sentry.envelopes for item in envelope.items if item.type == "event"]
    assert len(events) == 1
    event = events[0]
    assert event["exception"]["values"][-1]["value"] == "the compilation service failed"
    assert event["request"] == {"method": "POST", "url": "http://testserver/failing/"}
    assert event.get("user", {}) in ({}, {"id": str(user.pk)}, {"id": user.pk})
    sent = json.dumps(events)
    for personal in (ANSWER, "helpline+Armenia", "Armenia", "focal.point@ministry.example", user.username,
                     "visitor-quill", session_key, "sessionid", "csrftoken"):
        assert personal not in sent
    assert "Saving %s failed" in sent, "the log line's template is kept as a breadcrumb"
