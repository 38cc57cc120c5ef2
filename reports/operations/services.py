"""Writes of the operations app (reports.operations): heartbeats."""

import datetime

from django.utils import timezone

from .models import Heartbeat

# A process whose host name has not been seen for this long is gone (a replaced container): forgotten.
FORGET_AFTER = datetime.timedelta(days=7)


def heartbeat_record(*, process: str, hostname: str) -> Heartbeat:
    """Record that ``process`` on ``hostname`` is alive now; forget hosts silent for a week."""
    now = timezone.now()
    heartbeat, _ = Heartbeat.objects.update_or_create(
        process=process, hostname=hostname[:255], defaults={"seen_at": now},
    )
    Heartbeat.objects.filter(process=process, seen_at__lt=now - FORGET_AFTER).delete()
    return heartbeat
