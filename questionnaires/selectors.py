"""Reads for the questionnaires app: one function per question the UI asks."""

import difflib

from dataclasses import dataclass

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .models import (
    Answer, AnswerRevision, Attachment, Item, ItemAnswer, NotificationPreference, Question, Reply, Section, Version,
)
from .sanitize import html_to_text


@dataclass(frozen=True)
class Progress:
    answered: int
    required: int

    @property
    def percent(self) -> int:
        return 100 if not self.required else round(100 * self.answered / self.required)

    @property
    def is_complete(self) -> bool:
        return self.answered >= self.required


def _answered() -> Q:
    """True when an item answer holds a value for its item's type (needs ``has_attachment``)."""
    return (
        (Q(item__type=Item.Type.TEXT) & ~Q(text=""))
        | (Q(item__type=Item.Type.YES_NO) & ~Q(yes_no=""))
        | (Q(item__type=Item.Type.CHOICE) & ~Q(choice=""))
        | (Q(item__type=Item.Type.MULTI_CHOICE) & ~Q(choices=[]))
        | (Q(item__type=Item.Type.NUMBER) & Q(number__isnull=False))
        | (Q(item__type=Item.Type.FILES) & Q(has_attachment=True))
    )


def item_answers_annotated(queryset: QuerySet | None = None) -> QuerySet:
    """Item answers with ``is_answered`` computed in the database."""
    queryset = ItemAnswer.objects.all() if queryset is None else queryset
    return queryset.annotate(
        has_attachment=Exists(Attachment.objects.filter(item_answer=OuterRef("pk")))
    ).annotate(is_answered=ExpressionWrapper(_answered(), output_field=BooleanField()))


def _progress_by(group_field: str, **filters) -> dict[int, Progress]:
    rows = (
        item_answers_annotated(ItemAnswer.objects.filter(item__required=True, **filters))
        .values(group_field)
        .annotate(required=Count("pk"), answered=Count("pk", filter=Q(is_answered=True)))
        .order_by()
    )
    return {row[group_field]: Progress(answered=row["answered"], required=row["required"]) for row in rows}


def progress_by_reply(replies) -> dict[int, Progress]:
    """Share of required items answered, per reply id, in one query."""
    return _progress_by("answer__reply_id", answer__reply__in=replies)


def progress_by_answer(reply: Reply) -> dict[int, Progress]:
    """Share of required items answered, per answer (question) id of one reply."""
    return _progress_by("answer_id", answer__reply=reply)


def missing_required_items(reply: Reply, answers=None) -> list[Item]:
    """Required items of the reply (or of the given answers only) that still have no value, in order."""
    scope = ItemAnswer.objects.filter(answer__reply=reply, item__required=True)
    if answers is not None:
        scope = scope.filter(answer__in=answers)
    missing = item_answers_annotated(scope).filter(is_answered=False)
    return [
        item_answer.item
        for item_answer in missing.select_related("item__question").order_by("item__question__position", "item__position")
    ]


def reply_with_context(reply_id: int) -> Reply:
    """One reply with its version and country, or 404; the caller checks permission on it."""
    return get_object_or_404(Reply.objects.select_related("version__questionnaire", "country"), pk=reply_id)


@dataclass
class QuestionRow:
    """A question of a reply as displayed: its answer, progress, and items paired with their values."""

    question: Question
    answer: Answer | None
    progress: Progress | None
    entries: list[tuple[Item, ItemAnswer | None]]

    @property
    def display_state(self) -> tuple[str, str]:
        return answer_display_state(self.answer, self.progress) if self.answer else ("not_started", _("Not started"))


def reply_sections(reply: Reply) -> list[Section]:
    """The reply's sections, each with ``.rows`` (QuestionRow) in order, in a fixed number of queries
    whatever the size of the questionnaire."""
    answers = {
        answer.question_id: answer
        for answer in reply.answers.select_related("updated_by").prefetch_related(
            Prefetch("item_answers", queryset=item_answers_annotated().prefetch_related("attachments"))
        )
    }
    progress = progress_by_answer(reply)
    sections = list(
        reply.version.sections.prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position")),
            Prefetch("questions__items", queryset=Item.objects.order_by("position").prefetch_related("choices")),
        )
    )
    for section in sections:
        section.rows = []
        for question in section.questions.all():
            answer = answers.get(question.pk)
            values = {ia.item_id: ia for ia in answer.item_answers.all()} if answer else {}
            section.rows.append(QuestionRow(
                question=question,
                answer=answer,
                progress=progress.get(answer.pk) if answer else None,
                entries=[(item, values.get(item.pk)) for item in question.items.all()],
            ))
    return sections


def replies_for_home(user) -> QuerySet:
    """The replies a user works on, newest version first, with answer counts per state."""
    return (
        Reply.objects.for_user(user)
        .select_related("version__questionnaire", "country")
        .annotate(
            submitted_count=Count("answers", filter=Q(answers__state=Answer.State.SUBMITTED)),
            returned_count=Count("answers", filter=Q(answers__state=Answer.State.RETURNED)),
            approved_count=Count("answers", filter=Q(answers__state=Answer.State.APPROVED)),
            answer_count=Count("answers"),
            last_edited_at=Max("answers__updated_at"),
        )
        .order_by("-version__published_at", "country__name")
    )


def replies_awaiting_review(user) -> QuerySet:
    """Replies with at least one answer submitted and not yet decided, oldest submission first."""
    return (
        replies_for_home(user)
        .filter(submitted_count__gt=0)
        .annotate(
            oldest_submission=Min("answers__submitted_at", filter=Q(answers__state=Answer.State.SUBMITTED))
        )
        .order_by("oldest_submission")
    )


def open_versions() -> QuerySet:
    return Version.objects.published().select_related("questionnaire")


def answer_state_counts(version: Version) -> dict[str, int]:
    """How many answers of a version are in each state, across all countries."""
    counts = dict.fromkeys(Answer.State.values, 0)
    for row in Answer.objects.filter(reply__version=version).values("state").annotate(n=Count("pk")).order_by():
        counts[row["state"]] = row["n"]
    return counts


def question_of_reply(reply: Reply, number: str) -> tuple[Question, Answer]:
    """A question of the reply's version (404 if the number is not in it) with its answer."""
    question = get_object_or_404(reply.version.questions.select_related("section"), number=number)
    answer = get_object_or_404(Answer.objects.select_related("updated_by"), reply=reply, question=question)
    answer.reply = reply
    return question, answer


def question_items(question: Question) -> list[Item]:
    return list(question.items.order_by("position").prefetch_related("choices"))


def item_answers_of(answer: Answer) -> dict[int, ItemAnswer]:
    """The answer's item values keyed by item id, with attachments, in one query plus prefetch."""
    return {
        ia.item_id: ia
        for ia in item_answers_annotated(answer.item_answers.all()).select_related("item").prefetch_related("attachments")
    }


def neighbour_questions(question: Question) -> tuple[Question | None, Question | None]:
    ordered = list(Question.objects.filter(version_id=question.version_id).order_by("position").only("number", "position"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    return (ordered[index - 1] if index > 0 else None, ordered[index + 1] if index + 1 < len(ordered) else None)


def answer_revisions(answer: Answer):
    return answer.revisions.select_related("saved_by").order_by("-number")


def answer_display_state(answer: Answer, progress: Progress | None) -> tuple[str, str]:
    """The state shown to focal points: not started / in progress / complete / submitted / returned / approved."""
    if answer.state != Answer.State.DRAFT:
        return answer.state, answer.get_state_display()
    if answer.revision == 0:
        return "not_started", _("Not started")
    if progress is not None and progress.is_complete:
        return "complete", _("Complete")
    return "in_progress", _("In progress")


def _plain_lines(html: str) -> list[str]:
    return [line.strip() for line in html_to_text(html).splitlines() if line.strip()]


def revision_changes(items: list[Item], older: dict, newer: dict) -> list[dict]:
    """What changed between two saved states of an answer, item by item: a line diff for texts,
    old and new values for the rest."""
    changes = []
    for item in items:
        before, after = older.get(item.number), newer.get(item.number)
        if before == after or not item.is_answerable:
            continue
        rows = []
        for field in sorted(set(before or {}) | set(after or {})):
            old_value, new_value = (before or {}).get(field), (after or {}).get(field)
            if old_value == new_value:
                continue
            if field in ("text", "explanation"):
                rows.append({"field": field, "lines": _line_diff(old_value, new_value)})
            else:
                rows.append({"field": field, "old": old_value, "new": new_value})
        changes.append({"item": item, "rows": rows})
    return changes


def national_version_change(older: AnswerRevision, newer: AnswerRevision) -> list[str] | None:
    """A line diff of the national-language version between two revisions; None when it did not change."""
    if older.national_text == newer.national_text:
        return None
    return _line_diff(older.national_text, newer.national_text)


def _line_diff(old_html: str, new_html: str) -> list[str]:
    """ndiff lines ("- ", "+ ", "  ") between the plain text of two formatted texts, without hint lines."""
    return [line for line in difflib.ndiff(_plain_lines(old_html), _plain_lines(new_html)) if not line.startswith("?")]


def review_queue() -> QuerySet:
    """Answers of published or closed versions, with what the queue shows, in one query."""
    return (
        Answer.objects.exclude(reply__version__status=Version.Status.DRAFT)
        .select_related("reply__country", "reply__version__questionnaire", "question", "updated_by")
    )


def state_counts(answers: QuerySet) -> dict[str, int]:
    counts = dict.fromkeys(Answer.State.values, 0)
    for row in answers.order_by().values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    return counts


def answer_for_review(answer_id: int) -> Answer:
    return get_object_or_404(
        Answer.objects.select_related("reply__country", "reply__version__questionnaire", "question__section",
                                      "updated_by"),
        pk=answer_id,
    )


def changes_since_review(answer: Answer, items: list[Item]) -> list[dict] | None:
    """Item changes between the last reviewed revision and now; None when never reviewed."""
    if answer.reviewed_revision is None:
        return None
    revisions = {
        revision.number: revision.values
        for revision in answer.revisions.filter(number__in=[answer.reviewed_revision, answer.revision])
    }
    if answer.reviewed_revision == answer.revision:
        return []
    return revision_changes(items, revisions.get(answer.reviewed_revision, {}), revisions.get(answer.revision, {}))


@dataclass
class EarlierEntry:
    """A value from the previous version's reply, shown beside the item it was mapped to now."""

    item: Item
    item_answer: ItemAnswer
    current_number: str


def previous_round_entries(answer: Answer, items: list[Item]):
    """The country's answers in the previous version to the items of this question, matched by number or
    by the author's mapping (``Item.previous_number``), as (previous reply, entries)."""
    from .services import previous_reply

    earlier_reply = previous_reply(answer.reply)
    if earlier_reply is None:
        return None, []
    wanted = {item.predecessor_number: item for item in items if item.is_answerable}
    earlier_values = {
        item_answer.item.number: item_answer
        for item_answer in item_answers_annotated(
            ItemAnswer.objects.filter(answer__reply=earlier_reply, item__number__in=wanted)
        ).select_related("item").prefetch_related("item__choices", "attachments")
    }
    entries = [
        EarlierEntry(item=earlier_values[number].item, item_answer=earlier_values[number], current_number=item.number)
        for number, item in wanted.items() if number in earlier_values
    ]
    return (earlier_reply if entries else None), entries


def dialogue(answer: Answer) -> list:
    """Top-level comments of an answer, each with its replies, oldest first."""
    return list(
        answer.comments.filter(parent__isnull=True)
        .select_related("author", "event")
        .prefetch_related(Prefetch("replies", queryset=answer.comments.model.objects.select_related("author")))
    )


def audit_trail(answer: Answer):
    return answer.events.select_related("actor").order_by("at", "pk")


def notification_preference(user) -> NotificationPreference:
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)


def _word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(operation, words) pieces: 'same', 'added' or 'removed', for highlighting a text change."""
    old_words, new_words = old.split(), new.split()
    pieces = []
    for operation, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_words, b=new_words).get_opcodes():
        if operation == "equal":
            pieces.append(("same", " ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("removed", " ".join(old_words[a1:a2])))
        if b2 > b1:
            pieces.append(("added", " ".join(new_words[b1:b2])))
    return pieces


def version_diff(old: Version, new: Version) -> dict:
    """Questions and items added, removed and changed between two versions, matched by number."""
    from .yaml_format import version_as_document

    def flatten(version):
        questions, items = {}, {}
        for section in version_as_document(version)["sections"]:
            for question in section["questions"]:
                questions[question["number"]] = {k: v for k, v in question.items() if k != "items"}
                stack = list(question["items"])
                while stack:
                    item = stack.pop(0)
                    stack.extend(item.get("items", []))
                    items[item["number"]] = {k: v for k, v in item.items() if k != "items"}
        return questions, items

    def compare(before: dict, after: dict) -> list[dict]:
        changes = []
        for key in sorted(set(before) | set(after)):
            if before.get(key) == after.get(key):
                continue
            old_value, new_value = before.get(key), after.get(key)
            if isinstance(old_value, dict) and isinstance(new_value, dict) and set(old_value) <= {"en", "fr"} \
                    and set(new_value) <= {"en", "fr"}:
                for language in ("en", "fr"):
                    if old_value.get(language, "") != new_value.get(language, ""):
                        changes.append({"field": f"{key} ({language})", "words": _word_diff(
                            old_value.get(language, ""), new_value.get(language, ""))})
            else:
                changes.append({"field": key, "old": old_value, "new": new_value})
        return changes

    result = {}
    for kind, (before, after) in zip(("questions", "items"), zip(flatten(old), flatten(new))):
        numbers_before, numbers_after = set(before), set(after)
        result[kind] = {
            "added": [after[n] for n in _sorted_numbers(numbers_after - numbers_before)],
            "removed": [before[n] for n in _sorted_numbers(numbers_before - numbers_after)],
            "changed": [
                {"number": n, "changes": compare(before[n], after[n])}
                for n in _sorted_numbers(numbers_before & numbers_after) if before[n] != after[n]
            ],
        }
    return result


def _sorted_numbers(numbers) -> list[str]:
    def key(number):
        return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in number.split(".")]

    return sorted(numbers, key=key)
