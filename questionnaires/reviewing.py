"""Services of the review: decisions on answers, the dialogue, and the notifications they cause."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from config.celery_app import BROKER_ERRORS

from .models import Answer, AnswerEvent, Comment
from .signals import answer_decided
from .workflow import Action, next_state

MAX_COMMENT_CHARS = 20_000
logger = logging.getLogger(__name__)


def notify_on_commit(event_ids: list[int]) -> None:
    """Queue the e-mails about these events once the transaction that recorded them has committed."""
    if not event_ids:
        return
    from .tasks import notify_answer_events

    ids = list(event_ids)

    def send():
        try:
            notify_answer_events.apply_async(args=[ids], retry=False)
        except BROKER_ERRORS as error:
            logger.warning("E-mails about events %s not queued, the broker is unreachable: %s", ids, error)

    transaction.on_commit(send)


def record_event(answer: Answer, action: str, *, actor, from_state: str, reason: str = "") -> AnswerEvent:
    return AnswerEvent.objects.create(
        answer=answer, action=action, from_state=from_state, to_state=answer.state,
        revision=answer.revision, reason=reason.strip(), actor=actor,
    )


@transaction.atomic
def answer_decide(*, answer: Answer, action: str, reviewer, reason: str = "") -> AnswerEvent:
    """Approve, return (reason required) or reopen (reason required) one answer.

    The reason is also posted in the answer's dialogue, attached to the decision."""
    if action not in (Action.APPROVED, Action.RETURNED, Action.REOPENED):
        raise ValidationError(_("Unknown decision."), code="unknown_action")
    answer = Answer.objects.select_for_update().select_related("question", "reply").get(pk=answer.pk)
    from_state = answer.state
    answer.state = next_state(answer, action, reason)
    if action in (Action.APPROVED, Action.RETURNED):
        answer.reviewed_revision = answer.revision
    answer.save(update_fields=["state", "reviewed_revision"])
    event = record_event(answer, action, actor=reviewer, from_state=from_state, reason=reason)
    if reason.strip():
        Comment.objects.create(answer=answer, author=reviewer, body=reason.strip(), event=event)
    notify_on_commit([event.pk])
    answer_decided.send(sender=Answer, answer=answer, event=event)
    return event


@transaction.atomic
def comment_add(*, answer: Answer, author, body: str, parent: Comment | None = None) -> Comment:
    """Post a message in the answer's dialogue (one level of replies)."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message first."), code="empty")
    if len(body) > MAX_COMMENT_CHARS:
        raise ValidationError(
            _("A message may have at most %(limit)s characters.") % {"limit": f"{MAX_COMMENT_CHARS:,}"}, code="too_long"
        )
    if parent is not None:
        if parent.answer_id != answer.pk:
            raise ValidationError(_("That message belongs to another answer."), code="wrong_parent")
        parent = parent.parent or parent
    return Comment.objects.create(answer=answer, author=author, body=body, parent=parent)
