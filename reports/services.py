"""Writes for reports: daily progress snapshots (compilations build on the same pattern)."""

import datetime

from django.db import transaction
from django.utils import timezone

from questionnaires.models import Version
from questionnaires.selectors import answer_state_counts

from .models import ProgressSnapshot


@transaction.atomic
def progress_snapshot_take(*, version: Version, day: datetime.date | None = None) -> ProgressSnapshot:
    """Record today's answer counts per state for a version; taking it twice the same day updates it."""
    counts = answer_state_counts(version)
    snapshot, _created = ProgressSnapshot.objects.update_or_create(
        version=version,
        day=day or timezone.localdate(),
        defaults={"replies": version.replies.count(), **counts},
    )
    return snapshot
