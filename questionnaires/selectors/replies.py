"""Reads of replies as focal points work on them: the reply, its questions and values."""

from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from ..models import (
    Answer,
    AnswerEvent,
    Attachment,
    Choice,
    Item,
    ItemAnswer,
    Question,
    Reply,
    Section,
    Version,
)
from ..permissions import user_country_id
from ..states import AnswerStatus, answer_status
from .progress import Progress, item_answers_annotated, progress_by_answer


def reply_with_context(reply_id: int) -> Reply:
    """One reply with its version and respondent, or 404; the caller checks permission on it."""
    return get_object_or_404(
        Reply.objects.select_related("version__questionnaire", "country", "organisation"), pk=reply_id
    )


def previous_reply(reply: Reply) -> Reply | None:
    """The same respondent's reply to the latest earlier version of the same questionnaire, if any."""
    return (
        Reply.objects.filter(
            country_id=reply.country_id,
            organisation_id=reply.organisation_id,
            version__questionnaire_id=reply.version.questionnaire_id,
            version__created_at__lt=reply.version.created_at,
        )
        .exclude(version__status=Version.Status.DRAFT)
        .order_by("-version__created_at")
        .first()
    )


# The decisions that send an answer back to the country.
RETURN_ACTIONS = (AnswerEvent.Action.RETURNED, AnswerEvent.Action.REOPENED)


def with_last_return(answers: QuerySet) -> QuerySet:
    """Answers annotated with ``last_return_action``: how the latest return to the country was made
    (returned after review or reopened after approval), which names a returned answer's status."""
    latest = AnswerEvent.objects.filter(answer=OuterRef("pk"), action__in=RETURN_ACTIONS).order_by("-at", "-pk")
    return answers.annotate(last_return_action=Subquery(latest.values("action")[:1]))


def latest_returns(reply: Reply) -> dict[int, AnswerEvent]:
    """For each answer of the reply still returned to the country, by answer id, the decision that returned
    (or reopened) it, with who took it and the reason."""
    return {
        event.answer_id: event
        for event in AnswerEvent.objects.filter(
            answer__reply=reply, answer__state=Answer.State.RETURNED, action__in=RETURN_ACTIONS,
        ).select_related("actor").order_by("at", "pk")
    }


@dataclass
class QuestionRow:
    """A question of a reply as displayed: its answer, progress, and items paired with their values."""

    question: Question
    answer: Answer | None
    progress: Progress | None
    entries: list[tuple[Item, ItemAnswer | None]]

    @property
    def status(self) -> AnswerStatus:
        return answer_status(self.answer, complete=self.progress is None or self.progress.is_complete)


def attachments_in_order() -> Prefetch:
    """An item answer's attachments in the order they were added, without the default ordering's joins."""
    return Prefetch("attachments", queryset=Attachment.objects.order_by("added_at", "pk"))


def items_with_choices() -> QuerySet:
    """Items in order with their choices in order, sorted on their own columns: the models' default
    orderings name the parent (``question``, ``item``), which joins every table up to the questionnaire."""
    return Item.objects.order_by("position").prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("position"))
    )


def reply_sections(reply: Reply) -> list[Section]:
    """The reply's sections, each with ``.rows`` (QuestionRow) in order, in a fixed number of queries
    whatever the size of the questionnaire. Answers and item answers are keyed by id here, so they are
    read unsorted: their default orderings join five tables and make PostgreSQL choose a slow plan."""
    item_answers = item_answers_annotated(ItemAnswer.objects.order_by()).prefetch_related(attachments_in_order())
    answers = {
        answer.question_id: answer
        for answer in with_last_return(reply.answers.order_by().select_related("updated_by")).prefetch_related(
            Prefetch("item_answers", queryset=item_answers)
        )
    }
    progress = progress_by_answer(reply)
    sections = list(
        reply.version.sections.order_by("position").prefetch_related(
            Prefetch("questions", queryset=Question.objects.applicable_to(reply.country_id).order_by("position")),
            Prefetch("questions__items", queryset=items_with_choices().applicable_to(reply.country_id)),
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
        .select_related("version__questionnaire", "country", "organisation")
        .prefetch_related("version__deadline_extensions")
        .annotate(
            submitted_count=Count("answers", filter=Q(answers__state=Answer.State.SUBMITTED)),
            returned_count=Count("answers", filter=Q(answers__state=Answer.State.RETURNED)),
            approved_count=Count("answers", filter=Q(answers__state=Answer.State.APPROVED)),
            answer_count=Count("answers"),
            last_edited_at=Max("answers__updated_at"),
        )
        .order_by("-version__published_at", "country__name", "organisation__name")
    )


def own_country_replies(user) -> QuerySet:
    """The replies of the focal point's own country (even for a focal point who is also in the secretariat)."""
    return replies_for_home(user).filter(country_id=user_country_id(user))


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


def reply_question(reply_id: int, number: str) -> tuple[Reply, Question, Answer]:
    """A reply (with its version and respondent), its question ``number`` and the answer to it, in one
    query; 404 if either does not exist. The caller checks permission on the reply."""
    answer = get_object_or_404(
        Answer.objects.select_related(
            "reply__version__questionnaire", "reply__country", "reply__organisation", "question__section",
            "updated_by",
        ),
        reply_id=reply_id, question__number=number,
    )
    answer.question.version = answer.reply.version
    return answer.reply, answer.question, answer


def question_items(question: Question, *, country_id=None) -> list[Item]:
    """The question's items in order, with their choices; with ``country_id``, only those that apply to
    that Party.

    The addressees are read in one plain query (``item_addressees``) and applied here rather than with
    ``applicable_to``'s subqueries: this runs on every autosave. A published version never changes, so
    its questions' items and addressees are kept for the life of the process (the "published" cache,
    which hands out fresh copies); a draft's are read anew each time."""
    version_key = question.version.frozen_key
    key = version_key and f"question-items:{question.pk}:{version_key}"
    items = _kept(key and f"{key}:items", lambda: list(items_with_choices().filter(question=question)))
    if country_id is None:
        return items
    named = _kept(key and f"{key}:addressees", lambda: item_addressees(question, items))
    return [item for item in items if item.pk not in named or country_id in named[item.pk]]


def _kept(key: str | None, read):
    """What ``read()`` returns, kept under ``key`` in the "published" cache (read each time for None)."""
    if key is None:
        return read()
    value = caches["published"].get(key)
    if value is None:
        value = read()
        caches["published"].set(key, value)
    return value


def item_addressees(question: Question, items: list[Item] | None = None) -> dict[int, frozenset[int]]:
    """The country ids each item of the question is addressed to (those of its group too: an item of a
    group addressed to named Parties applies to them only), for the items addressed to named Parties
    only; the others, absent, apply to every Party that answers the question. One query, two without
    ``items`` (the question's items, when the caller has read them)."""
    named: dict[int, set[int]] = {}
    rows = Item.addressees.through.objects.filter(item__question=question).values_list("item_id", "country_id")
    for item_id, country_id in rows:
        named.setdefault(item_id, set()).add(country_id)
    if items is None:
        pairs = question.items.values_list("pk", "parent_id")
    else:
        pairs = [(item.pk, item.parent_id) for item in items]
    addressees = {}
    for item_id, parent_id in pairs:
        own, group = named.get(item_id), named.get(parent_id)
        if own is not None or group is not None:
            addressees[item_id] = frozenset(own & group if own is not None and group is not None else own or group)
    return addressees


def item_answers_of(answer: Answer) -> dict[int, ItemAnswer]:
    """The answer's item values keyed by item id, with attachments, in one query plus prefetch."""
    item_answers = item_answers_annotated(answer.item_answers.order_by()).select_related("item")
    return {ia.item_id: ia for ia in item_answers.prefetch_related(attachments_in_order())}


def neighbour_questions(question: Question, *, country_id=None) -> tuple[Question | None, Question | None]:
    """The questions before and after ``question`` that apply to the Party ``country_id`` (all for None)."""
    ordered = list(
        Question.objects.filter(version_id=question.version_id).applicable_to(country_id)
        .order_by("position").only("number", "position")
    )
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    return (ordered[index - 1] if index > 0 else None, ordered[index + 1] if index + 1 < len(ordered) else None)


def attachment_of_answer(answer: Answer, attachment_id: int) -> Attachment:
    """A reference text attached to this answer (404 for any other)."""
    return get_object_or_404(Attachment, pk=attachment_id, item_answer__answer=answer)


def answer_current_revision(answer: Answer) -> int:
    """The revision an answer has now (a save or an attachment elsewhere may have moved it on)."""
    return Answer.objects.values_list("revision", flat=True).get(pk=answer.pk)


def attachments_of(item_answer: ItemAnswer) -> list[Attachment]:
    """The reference texts of one item as they are now, in the order they were added."""
    return list(Attachment.objects.filter(item_answer=item_answer).order_by("added_at", "pk"))


def attachment_for_download(attachment_id: int) -> Attachment:
    """A reference text with the reply it belongs to, whose permission the download checks."""
    return get_object_or_404(Attachment.objects.select_related("item_answer__answer__reply__country"), pk=attachment_id)
