"""The audit trail of answers and the e-mails it causes.

Every edit, submission and decision records an ``AnswerEvent`` here; the people concerned are e-mailed
by a task queued once the transaction that recorded the events has committed. Answering, submission
and review all go through this module, so none of them imports another to record what happened.
"""

from config.celery_app import enqueue_on_commit

from .models import Answer, AnswerEvent

NOTIFY_TASK = "questionnaires.tasks.notify_answer_events"


def event_record(answer: Answer, action: str, *, actor, from_state: str, reason: str = "") -> AnswerEvent:
    """Add one event to the answer's audit trail (its state and revision as they are now)."""
    return AnswerEvent.objects.create(
        answer=answer, action=action, from_state=from_state, to_state=answer.state,
        revision=answer.revision, reason=reason.strip(), actor=actor,
    )


def events_notify_on_commit(event_ids: list[int]) -> None:
    """Queue the e-mails about these events once the transaction that recorded them has committed."""
    if event_ids:
        enqueue_on_commit(NOTIFY_TASK, list(event_ids))
