"""Reads of the questionnaires app, one module per sub-domain; import them from here.

- ``progress``: which items are answered, progress per reply and answer, counts per state;
- ``replies``: a reply, its questions and values, as focal points work on them;
- ``history``: an answer's revisions in sittings, with the events between them, and their comparison;
- ``review``: the review queue and one answer under review;
- ``versions``: open versions, previews and the differences between two versions;
- ``compiling``: the answers other apps (reports) compile and count;
- ``accounts``: a user's own settings (notifications and their language, recovery codes);
- ``reminders``: replies still owed before or after their deadline, and what they lack.
"""

from .accounts import (
    authenticator_of,
    email_language,
    notification_preference,
    pending_authenticator,
    recovery_codes_left,
    recovery_codes_of,
)
from .compiling import (
    answer_grid,
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
from .history import (
    SITTING_GAP,
    AnswerHistory,
    Sitting,
    answer_history,
    answer_revision,
    revision_restore_preview,
    sittings_of,
)
from .overview import (
    ReplyOverview,
    ReturnedAnswer,
    question_status,
    reply_deadline,
    reply_overview,
    versions_to_start,
)
from .progress import (
    Progress,
    answer_state_counts,
    answer_state_counts_by_version,
    item_answers_annotated,
    missing_editable_items,
    missing_required_items,
    progress_by_answer,
    progress_by_reply,
    state_counts,
)
from .reminders import OwedReply, owed_replies, reminders_pending, reply_of, returned_answers
from .replies import (
    QuestionRow,
    answer_current_revision,
    attachment_for_download,
    attachment_of_answer,
    attachments_of,
    item_answers_of,
    latest_returns,
    neighbour_questions,
    own_country_replies,
    previous_reply,
    question_items,
    question_of_reply,
    replies_awaiting_review,
    replies_for_home,
    reply_sections,
    reply_with_context,
    with_last_return,
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
    latest_return,
    next_submitted_answer,
    previous_round_entries,
    review_queue,
    review_queue_filtered,
    with_opening,
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
    "OwedReply", "email_language", "owed_replies", "reminders_pending", "reply_of", "returned_answers",
    "authenticator_of", "pending_authenticator", "recovery_codes_left", "recovery_codes_of",
    "open_versions_without_reply", "own_country_replies",
    "answer_grid", "answer_states", "answers_with_approved_values", "approved_answer_revisions", "issued_versions",
    "items_by_question", "open_version_ids", "question_of_version", "question_with_version", "reply_count",
    "version_lock", "version_or_none", "version_questions",
    "EarlierEntry", "FilteredQueue", "Progress", "QuestionRow", "ReplyOverview", "ReturnedAnswer", "ReviewQueueFilter",
    "SITTING_GAP", "AnswerHistory", "Sitting", "answer_current_revision", "answer_for_review", "answer_history", "answer_revision",
    "answer_state_counts", "answer_state_counts_by_version", "question_status", "reply_deadline", "reply_overview", "versions_to_start", "revision_restore_preview", "sittings_of",
    "answers_for_bulk_decision", "attachment_for_download", "attachment_of_answer", "attachments_of", "audit_trail",
    "changes_since_review", "comment_of_answer", "dialogue",
    "item_answers_annotated", "item_answers_of", "latest_return", "latest_returns", "missing_editable_items", "missing_required_items",
    "neighbour_questions", "next_submitted_answer", "notification_preference", "open_versions",
    "previous_reply", "previous_round_entries", "progress_by_answer", "progress_by_reply", "question_items",
    "question_of_reply", "replies_awaiting_review", "replies_for_home", "reply_sections", "reply_with_context",
    "review_queue", "review_queue_filtered", "state_counts", "version_diff",
    "version_previous", "version_questions_in_order", "version_with_questionnaire", "versions_with_previous",
    "with_last_return", "with_opening",
]
