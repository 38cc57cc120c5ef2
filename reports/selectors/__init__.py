"""Reads of the reports app, one module per sub-domain; import them from here.

- ``progress``: the Parties of a round, the progress matrix and the daily snapshots;
- ``compilations``: which compilations a user may see, the latest of each subject, their coverage;
- ``contents``: what a compilation contains (every Party's status, approved answers, summaries).
"""

from .compilations import (
    compilation_coverage,
    compilation_for_view,
    compilation_revisions,
    compilations_for_user,
    compilations_stuck,
    latest_compilations,
    latest_followup_compilations,
    question_coverage,
    recent_compilations,
)
from .contents import EntryStatus, compilation_subject, fingerprint, question_blocks
from .progress import (
    ProgressMatrix,
    ProgressRow,
    country_for_progress,
    country_progress,
    progress_chart,
    progress_history,
    progress_matrix,
    reportable_versions,
    round_parties,
    version_for_progress,
    versions_with_state_counts,
)

__all__ = [
    "EntryStatus", "ProgressMatrix", "ProgressRow", "country_for_progress", "country_progress",
    "compilation_coverage", "compilation_for_view", "question_coverage", "compilation_revisions", "recent_compilations", "compilation_subject", "compilations_for_user",
    "fingerprint", "latest_compilations", "latest_followup_compilations",
    "round_parties", "progress_chart", "progress_history",
    "progress_matrix", "question_blocks", "reportable_versions", "version_for_progress",
    "versions_with_state_counts",
]
