"""Progress snapshots: a version's answer counts per state, one row per day."""

import datetime

from django.db import transaction
from django.utils import timezone

from questionnaires import selectors as questionnaire_selectors
from questionnaires.models import Version

from ..models import ProgressSnapshot


@transaction.atomic
def progress_snapshot_take(*, version: Version, day: datetime.date | None = None) -> ProgressSnapshot:
    """Record today's answer counts per state for a version; taking it twice the same day updates it."""
    counts = questionnaire_selectors.answer_state_counts(version)
    snapshot, _created = ProgressSnapshot.objects.update_or_create(
        version=version,
        day=day or timezone.localdate(),
        defaults={"replies": questionnaire_selectors.reply_count(version), **counts},
    )
    return snapshot
