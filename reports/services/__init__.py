"""Writes of the reports app, one module per sub-domain; import them from here.

- ``progress``: daily snapshots of a version's answer counts per state;
- ``compilations``: requesting, queueing, retrying, publishing compilations and marking them stale;
- ``building``: producing a compilation's documents (what the Celery task runs).
"""

from .building import compilation_build, compilation_fail
from .compilations import (
    compilation_enqueue,
    compilation_publish,
    compilation_request,
    compilation_retry,
    compilations_mark_stale,
    compilations_mark_stale_for_contribution,
    compilations_refresh_after_decision,
    compilations_requeue_stuck,
)
from .progress import progress_snapshot_take

__all__ = [
    "compilation_build", "compilation_enqueue", "compilation_fail", "compilation_publish", "compilation_request",
    "compilation_retry", "compilations_mark_stale", "compilations_mark_stale_for_contribution",
    "compilations_refresh_after_decision",
    "compilations_requeue_stuck", "progress_snapshot_take",
]
