"""How every process logs: readable lines by default; with DJANGO_LOG_FORMAT=json, one JSON object per
line (structlog), carrying the request's id in the web process (django-structlog's middleware) and in the
tasks a request sends. A request's body is never logged, nor its query string (a search may be personal).
"""

import structlog
from celery import bootsteps
from django.conf import settings
from django.dispatch import receiver
from django_structlog import signals as structlog_signals
from django_structlog.celery.receivers import CeleryReceiver

PLAIN, JSON = "plain", "json"

# Libraries that are too talkative at INFO.
QUIET_LOGGERS = {
    "fontTools": {"level": "WARNING"},
    "pikepdf": {"level": "WARNING"},  # announces its C++ logger bridge at INFO on import
    # django-axes logs every successful sign-in at INFO; lockouts are logged as warnings.
    "axes": {"level": "WARNING"},
}

# What is added to every line, whether it comes from structlog or from the standard logging module.
SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def logging_config(*, log_format: str, level: str) -> dict:
    """The LOGGING setting: plain lines on standard error, or JSON lines when ``log_format`` is "json"."""
    config = {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"console": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": QUIET_LOGGERS,
    }
    if log_format == JSON:
        config["formatters"] = {"json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processors": [
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                structlog.processors.JSONRenderer(),
            ],
            "foreign_pre_chain": SHARED_PROCESSORS,
        }}
        config["handlers"]["console"]["formatter"] = "json"
    return config


def structlog_configure() -> None:
    """structlog's loggers (django-structlog's) hand their events to the standard logging module, whose
    handler renders them, like every other library's records, as JSON."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *SHARED_PROCESSORS,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.processors.UnicodeDecoder(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


@receiver(structlog_signals.bind_extra_request_metadata)
@receiver(structlog_signals.bind_extra_request_finished_metadata)
@receiver(structlog_signals.bind_extra_request_failed_metadata)
def request_without_query_string(request, log_kwargs, **kwargs):
    log_kwargs["request"] = f"{request.method} {request.path}"


class TaskLogContext(bootsteps.Step):
    """A worker bootstep: with JSON logs, a task's lines carry the id of the request that sent it."""

    def __init__(self, parent, **kwargs):
        super().__init__(parent, **kwargs)
        self.receiver = None
        if settings.LOG_FORMAT == JSON:
            self.receiver = CeleryReceiver()
            self.receiver.connect_worker_signals()
