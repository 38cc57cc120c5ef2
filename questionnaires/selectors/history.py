"""Reads of an answer's history: its revisions grouped into sittings, the events between them, and what
changed between two revisions (or what restoring one would change)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.shortcuts import get_object_or_404
from django.utils.safestring import SafeString

from .. import diffs
from ..html_diff import html_word_diff
from ..models import Answer, AnswerEvent, AnswerRevision, Question
from .replies import question_items

# Saves by the same person with no longer pause than this between them make one sitting.
SITTING_GAP = timedelta(minutes=30)


@dataclass(eq=False)
class Sitting:
    """Consecutive revisions saved by one person without a pause longer than SITTING_GAP, oldest first."""

    revisions: list[AnswerRevision] = field(default_factory=list)

    @property
    def saved_by(self):
        return self.revisions[0].saved_by

    @property
    def started_at(self):
        return self.revisions[0].saved_at

    @property
    def ended_at(self):
        return self.revisions[-1].saved_at

    @property
    def save_count(self) -> int:
        return len(self.revisions)

    @property
    def newest_first(self) -> list[AnswerRevision]:
        return self.revisions[::-1]

    def continues_with(self, revision: AnswerRevision) -> bool:
        last = self.revisions[-1]
        return revision.saved_by_id == last.saved_by_id and revision.saved_at - last.saved_at <= SITTING_GAP


def sittings_of(revisions: list[AnswerRevision], breaks: set[int] = frozenset()) -> list[Sitting]:
    """``revisions`` (oldest first) grouped into sittings; a sitting also ends at a revision whose number
    is in ``breaks`` (an event, such as a submission, came right after it)."""
    sittings: list[Sitting] = []
    for revision in revisions:
        current = sittings[-1] if sittings else None
        if current is None or current.revisions[-1].number in breaks or not current.continues_with(revision):
            sittings.append(Sitting())
        sittings[-1].revisions.append(revision)
    return sittings


def _is_marker(event: AnswerEvent) -> bool:
    """Submissions, decisions and reopenings show in the timeline; of the edits, only those with a
    reason (a restored revision), since every save is already a revision."""
    return event.action != AnswerEvent.Action.EDITED or bool(event.reason)


@dataclass
class TimelineEntry:
    """One line of the history: a sitting, or an event of the audit trail."""

    sitting: Sitting | None = None
    event: AnswerEvent | None = None


def timeline_of(sittings: list[Sitting], markers: list[AnswerEvent]) -> list[TimelineEntry]:
    """Sittings and events, newest first. An event records the revision the answer had when it happened,
    so it comes after the sitting holding that revision."""
    keyed = [((sitting.revisions[0].number, 0, 0), TimelineEntry(sitting=sitting)) for sitting in sittings]
    keyed += [((event.revision, 1, index), TimelineEntry(event=event)) for index, event in enumerate(markers)]
    return [entry for _key, entry in sorted(keyed, key=lambda pair: pair[0], reverse=True)]


@dataclass
class Comparison:
    """What changed between two saved states of an answer: its items, and its national-language
    version (``national_change``, None when it did not change) in ``national_language``."""

    changes: list[dict]
    national_change: SafeString | None
    national_language: str


@dataclass
class AnswerHistory:
    """An answer's timeline (newest first) and the comparison of two revisions.

    ``older`` None with ``newer`` set compares with the empty answer (before the first save)."""

    timeline: list[TimelineEntry]
    revisions: list[AnswerRevision]
    older: AnswerRevision | None
    newer: AnswerRevision | None
    comparison: Comparison | None
    opened: list[Sitting] = field(default_factory=list)  # shown expanded: the latest and the compared ones


def _comparison(question: Question, older: AnswerRevision | None, newer: AnswerRevision) -> Comparison:
    old_values, old_national = (older.values, older.national_text) if older else ({}, "")
    changes = diffs.revision_changes(question_items(question), old_values, newer.values)
    if old_national == newer.national_text:
        return Comparison(changes, None, "")
    language = newer.get_national_language_display() or (older.get_national_language_display() if older else "")
    return Comparison(changes, html_word_diff(old_national, newer.national_text), language)


def answer_history(answer: Answer, question: Question, older: int | None, newer: int | None) -> AnswerHistory:
    """The answer's history, comparing revisions ``older`` and ``newer`` (by number; 0 is the empty
    answer). By default the newest revision is compared with the answer as it was before the latest
    sitting began."""
    revisions = list(answer.revisions.select_related("saved_by").order_by("number"))
    markers = [event for event in answer.events.select_related("actor").order_by("at", "pk") if _is_marker(event)]
    breaks = {event.revision for event in markers}
    # A restore's revision is a sitting of its own: its event records the revision it made.
    breaks |= {event.revision - 1 for event in markers if event.action == AnswerEvent.Action.EDITED}
    sittings = sittings_of(revisions, breaks=breaks)
    by_number = {revision.number: revision for revision in revisions}
    if not revisions:
        return AnswerHistory([], [], None, None, None)
    newer_revision = by_number.get(newer, revisions[-1])
    if older == 0:
        older_revision = None
    else:
        older_revision = by_number.get(older, by_number.get(sittings[-1].revisions[0].number - 1))
    if older_revision and older_revision.number > newer_revision.number:
        older_revision, newer_revision = newer_revision, older_revision
    compared = {revision.number for revision in (older_revision, newer_revision) if revision}
    opened = [sitting for sitting in sittings
              if sitting is sittings[-1] or compared & {revision.number for revision in sitting.revisions}]
    return AnswerHistory(timeline_of(sittings, markers), revisions[::-1], older_revision, newer_revision,
                         _comparison(question, older_revision, newer_revision), opened)


def answer_revision(answer: Answer, number: int) -> AnswerRevision:
    """One revision of the answer by its number, or 404."""
    return get_object_or_404(AnswerRevision.objects.select_related("saved_by"), answer=answer, number=number)


def revision_restore_preview(answer: Answer, question: Question, revision: AnswerRevision) -> Comparison:
    """What restoring ``revision`` would change in the answer as it is now (its newest revision)."""
    current = answer.revisions.order_by("-number").first()
    return _comparison(question, current, revision)
