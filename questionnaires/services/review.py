"""Writes of the secretariat's review: decisions on answers and the dialogue on each answer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..events import event_record, events_notify_on_commit
from ..models import Answer, AnswerEvent, AnswerOpening, Comment
from ..sanitize import storable_text
from ..signals import answer_decided
from ..workflow import Action, next_state

MAX_COMMENT_CHARS = 20_000


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
    event = event_record(answer, action, actor=reviewer, from_state=from_state, reason=reason)
    if reason.strip():
        Comment.objects.create(answer=answer, author=reviewer, body=reason.strip(), event=event)
    events_notify_on_commit([event.pk])
    answer_decided.send(sender=Answer, answer=answer, event=event)
    return event


@transaction.atomic
def comment_add(*, answer: Answer, author, body: str, parent: Comment | None = None) -> Comment:
    """Post a message in the answer's dialogue (one level of replies), as a database can hold it
    (``storable_text``)."""
    body = storable_text(body or "").strip()
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


def answer_opening_record(*, answer: Answer, reviewer) -> AnswerOpening:
    """Record that ``reviewer`` has read the answer as it stands (its current revision)."""
    opening, _created = AnswerOpening.objects.update_or_create(
        answer=answer, reviewer=reviewer, defaults={"revision": answer.revision}
    )
    return opening


def answers_approve(*, answers: list[Answer], reviewer) -> tuple[list[Answer], list[tuple[Answer, ValidationError]]]:
    """Approve several submitted answers, each in its own transaction: (approved, refused with why)."""
    approved, refused = [], []
    for answer in answers:
        try:
            answer_decide(answer=answer, action=Action.APPROVED, reviewer=reviewer)
        except ValidationError as error:
            refused.append((answer, error))
        else:
            approved.append(answer)
    return approved, refused
