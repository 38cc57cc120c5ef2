"""Reads of the questionnaires app, one module per sub-domain; import them from here.

- ``progress``: which items are answered, progress per reply and answer, counts per state;
- ``replies``: a reply, its questions and values, revisions, as focal points work on them;
- ``review``: the review queue and one answer under review;
- ``versions``: open versions, previews and the differences between two versions;
- ``compiling``: the answers other apps (reports) compile and count;
- ``accounts``: a user's own settings (notifications, recovery codes).
"""

from .accounts import (
    authenticator_of,
    notification_preference,
    pending_authenticator,
    recovery_codes_left,
    recovery_codes_of,
)
from .compiling import (
    answer_states,
    answers_with_approved_values,
    approved_answer_revisions,
    issued_versions,
    items_by_question,
    open_version_ids,
    question_of_version,
    question_with_version,
    reply_count,
    version_lock,
    version_or_none,
    version_questions,
)
from .progress import (
    Progress,
    answer_state_counts,
    item_answers_annotated,
    missing_editable_items,
    missing_required_items,
    progress_by_answer,
    progress_by_reply,
    state_counts,
)
from .replies import (
    QuestionRow,
    RevisionComparison,
    answer_display_state,
    answer_revisions,
    attachment_for_download,
    attachment_of_answer,
    item_answers_of,
    neighbour_questions,
    own_country_replies,
    previous_reply,
    question_items,
    question_of_reply,
    replies_awaiting_review,
    replies_for_home,
    reply_sections,
    reply_with_context,
    revision_comparison,
)
from .review import (
    EarlierEntry,
    FilteredQueue,
    ReviewQueueFilter,
    answer_for_review,
    answers_for_bulk_decision,
    audit_trail,
    changes_since_review,
    comment_of_answer,
    dialogue,
    next_submitted_answer,
    previous_round_entries,
    review_queue,
    review_queue_filtered,
)
from .versions import (
    open_versions,
    open_versions_without_reply,
    version_diff,
    version_previous,
    version_questions_in_order,
    version_with_questionnaire,
    versions_with_previous,
)

__all__ = [
    "authenticator_of", "pending_authenticator", "recovery_codes_left", "recovery_codes_of",
    "open_versions_without_reply", "own_country_replies",
    "answer_states", "answers_with_approved_values", "approved_answer_revisions", "issued_versions",
    "items_by_question", "open_version_ids", "question_of_version", "question_with_version", "reply_count",
    "version_lock", "version_or_none", "version_questions",
    "EarlierEntry", "FilteredQueue", "Progress", "QuestionRow", "ReviewQueueFilter", "RevisionComparison",
    "answer_display_state", "answer_for_review", "answer_revisions", "answer_state_counts",
    "answers_for_bulk_decision", "attachment_for_download", "attachment_of_answer", "audit_trail", "changes_since_review", "comment_of_answer", "dialogue",
    "item_answers_annotated", "item_answers_of", "missing_editable_items", "missing_required_items",
    "neighbour_questions", "next_submitted_answer", "notification_preference", "open_versions",
    "previous_reply", "previous_round_entries", "progress_by_answer", "progress_by_reply", "question_items",
    "question_of_reply", "replies_awaiting_review", "replies_for_home", "reply_sections", "reply_with_context",
    "review_queue", "review_queue_filtered", "revision_comparison", "state_counts", "version_diff",
    "version_previous", "version_questions_in_order", "version_with_questionnaire", "versions_with_previous",
]
