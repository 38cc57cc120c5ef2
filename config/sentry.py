"""Errors to Sentry when SENTRY_DSN is set (web requests and Celery tasks).

Replies are confidential: no personal data (send_default_pii=False), no request body, no local
variables of the stack, and ``event_scrubbed`` keeps of the request only its method and path, of the
user only the id, of the log records only their template (not their arguments) and of breadcrumbs
neither data nor arguments.
"""

from urllib.parse import urlsplit

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.transport import Transport


def event_scrubbed(event: dict, hint: dict | None = None) -> dict:
    """The event without anything a user typed or is: Sentry's ``before_send``."""
    request = event.get("request")
    if request:
        kept = {key: request[key] for key in ("method", "url") if key in request}
        if "url" in kept:
            kept["url"] = urlsplit(kept["url"])._replace(query="", fragment="").geturl()
        event["request"] = kept
    user = event.get("user")
    if user:
        event["user"] = {"id": user["id"]} if "id" in user else {}
    logentry = event.get("logentry")
    if logentry:
        event["logentry"] = {"message": logentry.get("message", "")}
    extra = event.get("extra") or {}
    job = extra.get("celery-job")
    event["extra"] = {"celery-job": {"task_name": job.get("task_name")}} if job else {}
    breadcrumbs = event.get("breadcrumbs")
    if breadcrumbs:
        for breadcrumb in breadcrumbs.get("values", []):
            breadcrumb_scrubbed(breadcrumb)
    return event


def breadcrumb_scrubbed(breadcrumb: dict, hint: dict | None = None) -> dict:
    """A breadcrumb (a log line, a query, a request made) without its data, and a log line as its template
    without the arguments: Sentry's ``before_breadcrumb``."""
    breadcrumb.pop("data", None)
    record = (hint or {}).get("log_record")
    if record is not None:
        breadcrumb["message"] = str(record.msg)
    return breadcrumb


def sentry_init(*, dsn: str, environment: str, release: str | None = None,
                transport: Transport | type[Transport] | None = None) -> None:
    """Send errors to the Sentry project of ``dsn`` (``transport`` replaces HTTP, for tests)."""
    sentry_sdk.init(
        dsn=dsn, environment=environment, release=release, transport=transport,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False, max_request_body_size="never", include_local_variables=False,
        before_send=event_scrubbed, before_breadcrumb=breadcrumb_scrubbed,
    )
