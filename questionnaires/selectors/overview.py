"""Reads of a reply as a whole, as its focal points see it first: what needs their attention, where each
question stands, and what submitting would do."""

import datetime
from dataclasses import dataclass

from ..models import Answer, AnswerEvent, Item, Question, Reply, Section, Version
from ..states import NEEDS_REVISION, AnswerStatus, DeadlineStatus, answer_status, deadline_status
from .progress import Progress, progress_by_reply
from .replies import QuestionRow, latest_returns, reply_sections
from .versions import open_versions_without_reply


@dataclass
class ReturnedAnswer:
    """An answer the secretariat sent back to the country, with the reason of its latest return."""

    question: Question
    status: AnswerStatus
    event: AnswerEvent | None


@dataclass
class ReplyOverview:
    """A reply's questions by section, what asks for the focal points' attention, and what a submission
    would send."""

    reply: Reply
    sections: list[Section]
    progress: Progress | None
    deadline: DeadlineStatus | None
    returned: list[ReturnedAnswer]
    missing: list[Item]

    @property
    def rows(self) -> list[QuestionRow]:
        return [row for section in self.sections for row in section.rows]

    @property
    def to_submit(self) -> list[QuestionRow]:
        """The questions a submission would send for review (and lock until the secretariat returns them):
        for another stakeholder, only those it has written something in."""
        return [row for row in self.rows if _would_submit(self.reply, row.answer)]

    @property
    def settled(self) -> bool:
        """Nothing is left for the country to submit."""
        return not self.to_submit

    @property
    def can_submit(self) -> bool:
        return bool(self.to_submit) and not self.missing

    def count(self, *statuses: AnswerStatus) -> int:
        return sum(1 for row in self.rows if row.status in statuses)

    @property
    def submitted_count(self) -> int:
        return self.count(AnswerStatus.SUBMITTED)

    @property
    def approved_count(self) -> int:
        return self.count(AnswerStatus.APPROVED)


def _would_submit(reply: Reply, answer: Answer | None) -> bool:
    return answer is not None and reply.submits(answer)


def question_status(answer: Answer, items: list[Item], item_answers: dict, *,
                    last_return: AnswerEvent | None = None) -> AnswerStatus:
    """The status of one question's answer, from its items, their loaded values (``item_answers_of``)
    and the latest return of the answer to the country, if any (``latest_return``)."""
    complete = all(
        item_answers[item.pk].is_answered for item in items if item.required and item.pk in item_answers
    )
    reopened = None if last_return is None else last_return.action == AnswerEvent.Action.REOPENED
    return answer_status(answer, complete=complete, reopened=reopened)


def reply_overview(reply: Reply, *, today: datetime.date) -> ReplyOverview:
    """The overview of one reply on ``today``, in a fixed number of queries."""
    sections = reply_sections(reply)
    rows = [row for section in sections for row in section.rows]
    returned_rows = [row for row in rows if row.status in NEEDS_REVISION]
    returns = latest_returns(reply)
    settled = not any(_would_submit(reply, row.answer) for row in rows)
    return ReplyOverview(
        reply=reply,
        sections=sections,
        progress=progress_by_reply([reply]).get(reply.pk),
        deadline=deadline_status(reply.deadline, today=today, settled=settled),
        returned=[ReturnedAnswer(row.question, row.status, returns.get(row.answer.pk)) for row in returned_rows],
        missing=[] if reply.is_stakeholder_reply else _missing_editable_items(rows),
    )


def _missing_editable_items(rows: list[QuestionRow]) -> list[Item]:
    """Required items still without a value in the answers the country may edit (what blocks the
    submission), from the values the rows already hold."""
    missing = []
    for row in rows:
        if row.answer is None or not row.answer.is_editable_by_country:
            continue
        for item, item_answer in row.entries:
            if item.required and item_answer is not None and not item_answer.is_answered:
                item.question = row.question
                missing.append(item)
    return missing


def reply_deadline(reply: Reply, *, today: datetime.date) -> DeadlineStatus | None:
    """Where a reply of ``replies_for_home`` stands against its deadline (its country's extension counts)."""
    settled = reply.submitted_count + reply.approved_count == reply.answer_count
    return deadline_status(reply.deadline, today=today, settled=settled)


def versions_to_start(country_id: int, *, today: datetime.date) -> list[Version]:
    """Open versions the country has not started, each with ``deadline_status`` (its extension counts)."""
    versions = list(open_versions_without_reply(country_id).prefetch_related("deadline_extensions"))
    for version in versions:
        extension = next((e for e in version.deadline_extensions.all() if e.country_id == country_id), None)
        version.deadline_status = deadline_status(extension.deadline if extension else version.deadline, today=today)
    return versions
