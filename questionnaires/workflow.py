"""The states of answers and versions and the transitions between them: the one place that defines them.

Answers:
    draft ──submit──> submitted ──approve──> approved
      returned ──submit──┘    └──return──> returned      approved ──reopen──> returned

Versions:
    draft ──publish──> published ──close──> closed

Services call ``next_state`` and ``version_next_state``; views never change a state themselves.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Answer, AnswerEvent, Version

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


@dataclass(frozen=True)
class VersionTransition:
    source: str
    target: str
    stamp: str  # the field that records when the version entered ``target``
    refusal: str  # why the transition is refused from any other state
    refusal_code: str


VERSION_TRANSITIONS: dict[str, VersionTransition] = {
    "publish": VersionTransition(
        Version.Status.DRAFT, Version.Status.PUBLISHED, "published_at",
        gettext_lazy("Only a draft version can be published."), "not_draft",
    ),
    "close": VersionTransition(
        Version.Status.PUBLISHED, Version.Status.CLOSED, "closed_at",
        gettext_lazy("Only a published version can be closed."), "not_published",
    ),
}


def version_next_state(version: Version, action: str) -> VersionTransition:
    """The transition ``action`` makes from the version's status, or a ValidationError saying why not."""
    transition = VERSION_TRANSITIONS[action]
    if version.status != transition.source:
        raise ValidationError(transition.refusal, code=transition.refusal_code)
    return transition
