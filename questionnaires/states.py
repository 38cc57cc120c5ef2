"""The words users read for where an answer and a deadline stand: one vocabulary, defined here, used by
every page, the e-mails and the documents.

An answer's stored state (``Answer.State``, changed only through ``workflow.py``) is coarser than what
users need to read: a draft is "not started" until its first save, "ready to submit" once every required
item has a value; a returned answer was either returned after review or reopened after approval.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Answer, AnswerEvent

State = Answer.State

# From this many days before the deadline, it is shown as near.
DEADLINE_NEAR_DAYS = 14


class AnswerStatus(models.TextChoices):
    """What an answer's state is called wherever users read it; a stored state's own label
    (``Answer.State``, also used by filters and counts over many answers) names it when nothing more is
    known about the answer."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", State.DRAFT.label
    COMPLETE = "complete", _("Ready to submit")
    SUBMITTED = State.SUBMITTED.value, State.SUBMITTED.label
    RETURNED = State.RETURNED.value, State.RETURNED.label
    REOPENED = "reopened", _("Reopened for revision")
    APPROVED = State.APPROVED.value, State.APPROVED.label


# The statuses that ask the country to do something.
NEEDS_REVISION = frozenset({AnswerStatus.RETURNED, AnswerStatus.REOPENED})


def answer_status(answer: Answer | None, *, complete: bool | None = None, reopened: bool | None = None) -> AnswerStatus:
    """The status of an answer (None: no answer yet).

    ``complete`` says whether every required item has a value (for drafts); ``reopened`` whether the
    latest return came after an approval — by default read from ``answer.last_return_action`` when a
    selector annotated it (``with_last_return``)."""
    if answer is None:
        return AnswerStatus.NOT_STARTED
    if answer.state == State.DRAFT:
        if answer.revision == 0:
            return AnswerStatus.NOT_STARTED
        return AnswerStatus.COMPLETE if complete else AnswerStatus.IN_PROGRESS
    if answer.state == State.RETURNED:
        if reopened is None:
            reopened = getattr(answer, "last_return_action", None) == AnswerEvent.Action.REOPENED
        return AnswerStatus.REOPENED if reopened else AnswerStatus.RETURNED
    return AnswerStatus(answer.state)


@dataclass(frozen=True)
class DeadlineStatus:
    """Where a reply stands against its deadline: ``kind`` is settled, overdue, today, near or later."""

    deadline: datetime.date
    kind: str
    days: int  # days left (near, later) or overdue (overdue); 0 today or once settled

    @property
    def label(self) -> str:
        if self.kind == "settled":
            return str(_("Every answer is submitted"))
        if self.kind == "overdue":
            return ngettext("Overdue by %(days)s day", "Overdue by %(days)s days", self.days) % {"days": self._days}
        if self.kind == "today":
            return str(_("Due today"))
        return ngettext("Due in %(days)s day", "Due in %(days)s days", self.days) % {"days": self._days}

    @property
    def _days(self) -> str:
        return formats.number_format(self.days, force_grouping=True)

    @property
    def is_pressing(self) -> bool:
        return self.kind in ("overdue", "today", "near")


def deadline_status(deadline: datetime.date | None, *, today: datetime.date, settled: bool = False) -> DeadlineStatus | None:
    """The deadline's status on ``today``; ``settled`` when nothing is left for the country to submit
    (every answer submitted or approved): the deadline no longer presses."""
    if deadline is None:
        return None
    if settled:
        return DeadlineStatus(deadline, "settled", 0)
    days = (deadline - today).days
    if days < 0:
        return DeadlineStatus(deadline, "overdue", -days)
    if days == 0:
        return DeadlineStatus(deadline, "today", 0)
    return DeadlineStatus(deadline, "near" if days <= DEADLINE_NEAR_DAYS else "later", days)
