"""The states of an answer and the transitions between them: the one place that defines them.

    draft ──submit──> submitted ──approve──> approved
      returned ──submit──┘    └──return──> returned      approved ──reopen──> returned

Services call ``next_state``; views never change a state themselves.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Answer, AnswerEvent

State = Answer.State
Action = AnswerEvent.Action


@dataclass(frozen=True)
class Transition:
    sources: frozenset
    target: str
    reason_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    Action.SUBMITTED: Transition(frozenset({State.DRAFT, State.RETURNED}), State.SUBMITTED),
    Action.APPROVED: Transition(frozenset({State.SUBMITTED}), State.APPROVED),
    Action.RETURNED: Transition(frozenset({State.SUBMITTED}), State.RETURNED, reason_required=True),
    Action.REOPENED: Transition(frozenset({State.APPROVED}), State.RETURNED, reason_required=True),
}

# States in which the country's focal points may change the answer; in every other state it is locked.
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})


def next_state(answer: Answer, action: str, reason: str = "") -> str:
    """The state ``action`` leads to from the answer's state, or a ValidationError saying why not."""
    transition = TRANSITIONS[action]
    if answer.state not in transition.sources:
        raise ValidationError(
            _("Question %(number)s cannot be %(action)s: it is %(state)s.") % {
                "number": answer.question.number,
                "action": Action(action).label,
                "state": answer.get_state_display().lower(),
            },
            code="illegal_transition",
        )
    if transition.reason_required and not reason.strip():
        raise ValidationError(
            _("Give a reason: the country will see it."), code="reason_required"
        )
    return transition.target
