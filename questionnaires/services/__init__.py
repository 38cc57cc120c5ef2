"""Writes to the questionnaires app, one module per sub-domain; import them from here.

- ``versions``: importing, publishing, closing and copying questionnaire versions;
- ``parties``: the Parties of a round, frozen at launch;
- ``replies``: starting a country's reply, carrying over the previous round, submitting it;
- ``answers``: saving an answer's values, with revisions and conflict detection;
- ``revisions``: restoring an earlier revision of an answer as a new one;
- ``attachments``: reference texts (files and links) attached to answers;
- ``review``: the secretariat's decisions and the dialogue on an answer;
- ``notifications``: e-mails about answer events, immediately or as a daily digest;
- ``reminders``: deadline reminders to focal points on the version's schedule;
- ``two_factor``: enrolling an authenticator app and issuing one-time recovery codes.
"""

from .answers import AnswerConflict, ItemValue, answer_save
from .attachments import attachment_add_file, attachment_add_link, attachment_remove
from .notifications import (
    digests_send,
    email_language_set,
    mail_each_in_their_language,
    notification_preference_set,
    notifications_dispatch,
)
from .parties import version_parties_check, version_parties_set, version_party_add
from .reminders import reminder_body, reminder_subject, reminders_send
from .replies import reply_prefill, reply_publishable_set, reply_start, reply_submit
from .review import answer_decide, answer_opening_record, answers_approve, comment_add
from .revisions import answer_revision_restore
from .two_factor import recovery_codes_issue, two_factor_enrolment_confirm, two_factor_enrolment_start
from .versions import version_close, version_copy, version_import_yaml, version_publish

__all__ = [
    "AnswerConflict", "ItemValue", "answer_decide", "answer_opening_record", "answer_revision_restore", "answer_save",
    "answers_approve", "attachment_add_file", "attachment_add_link", "attachment_remove", "comment_add", "digests_send",
    "email_language_set", "mail_each_in_their_language", "notification_preference_set", "notifications_dispatch", "reminder_body",
    "reminder_subject", "reminders_send", "reply_prefill", "reply_publishable_set", "reply_start", "reply_submit", "version_close",
    "version_copy", "version_import_yaml", "version_party_add", "version_parties_check", "version_parties_set", "version_publish", "recovery_codes_issue", "two_factor_enrolment_confirm",
    "two_factor_enrolment_start",
]
