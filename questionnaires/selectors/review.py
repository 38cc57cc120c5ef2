"""Reads of the secretariat's review: the queue and its filters, one answer under review with what
changed since the last decision and the previous round's answer, the dialogue and the audit trail."""

import datetime
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.lookups import get_by_id_or_404
from countries.models import Country

from .. import diffs
from ..models import Answer, AnswerEvent, AnswerOpening, Comment, Item, ItemAnswer, Reply, Version
from .compiling import issued_versions
from .progress import item_answers_annotated, state_counts
from .replies import RETURN_ACTIONS, previous_reply, with_last_return

AGE_CHOICES = [("7", _("waiting over 7 days")), ("14", _("waiting over 14 days")), ("30", _("waiting over 30 days"))]
SORTS = {
    "oldest": ("submitted_at", "reply__country__name", "question__position"),
    "newest": ("-submitted_at", "reply__country__name", "question__position"),
    "country": ("reply__country__name", "question__position"),
    "question": ("question__position", "reply__country__name"),
}


class ReviewQueueFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=Answer.State.choices, empty_label=_("any state"))
    country = django_filters.ModelChoiceFilter(
        field_name="reply__country", queryset=Country.objects.all(), empty_label=_("all countries")
    )
    version = django_filters.ModelChoiceFilter(
        field_name="reply__version", queryset=issued_versions(), empty_label=_("all rounds")
    )
    question = django_filters.CharFilter(field_name="question__number", label=_("Question number"),
                                         widget=forms.TextInput(attrs={"size": 4}))
    age = django_filters.ChoiceFilter(choices=AGE_CHOICES, method="filter_age", label=_("Age"),
                                      empty_label=_("any age"))
    sort = django_filters.ChoiceFilter(
        choices=[("oldest", _("oldest first")), ("newest", _("newest first")), ("country", _("by country")),
                 ("question", _("by question"))],
        method="sort_by", label=_("Sort"), empty_label=None,
    )

    class Meta:
        model = Answer
        fields = ["state", "country", "version", "question", "age"]

    def filter_age(self, queryset, name, value):
        cutoff = timezone.now() - datetime.timedelta(days=int(value))
        return queryset.filter(submitted_at__lte=cutoff)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["oldest"]))


def with_opening(answers: QuerySet, reviewer) -> QuerySet:
    """Answers annotated with ``opened_revision``: the revision ``reviewer`` last read on its review page
    (None if never); an answer is read as it stands when that is its current revision."""
    opened = AnswerOpening.objects.filter(answer=OuterRef("pk"), reviewer=reviewer).values("revision")[:1]
    return answers.annotate(opened_revision=Subquery(opened))


def review_queue(reviewer=None) -> QuerySet:
    """Answers of published or closed versions, with what the queue shows (and, given a reviewer, which
    revision they read), in one query."""
    answers = with_last_return(
        Answer.objects.exclude(reply__version__status=Version.Status.DRAFT)
        .select_related("reply__country", "reply__organisation", "reply__version__questionnaire", "question", "updated_by")
    )
    return with_opening(answers, reviewer) if reviewer is not None else answers


@dataclass
class FilteredQueue:
    """The queue as filtered by the reviewer, and the counts per state under the same filters but the state."""

    filter: ReviewQueueFilter
    answers: QuerySet
    counts: dict[str, int]


def review_queue_filtered(data, reviewer=None) -> FilteredQueue:
    """The queue filtered by ``data`` (the page's query: state, country, round, question, age, sort);
    an invalid filter shows nothing rather than everything."""
    queue = ReviewQueueFilter(data, queryset=review_queue(reviewer))
    answers = queue.qs if queue.is_valid() else review_queue().none()
    without_state = {key: value for key, value in data.items() if key not in ("state", "page")}
    counts_filter = ReviewQueueFilter(without_state, queryset=review_queue())
    counts = state_counts(counts_filter.qs if counts_filter.is_valid() else answers)
    return FilteredQueue(queue, answers, counts)


def answers_for_bulk_decision(answer_ids: list[int], reviewer) -> QuerySet:
    """The chosen answers, in queue order, with the revision ``reviewer`` last read."""
    return with_opening(
        Answer.objects.filter(pk__in=answer_ids).select_related("question", "reply__country", "reply__organisation", "reply__version"),
        reviewer,
    ).order_by("reply__country__name", "question__position")


def answer_for_review(answer_id: int) -> Answer:
    return get_object_or_404(
        with_last_return(Answer.objects.all()).select_related(
            "reply__country", "reply__organisation", "reply__version__questionnaire", "question__section", "updated_by"
        ),
        pk=answer_id,
    )


def next_submitted_answer(answer: Answer) -> Answer | None:
    """The next answer of the same reply, in question order, that is waiting for a decision."""
    return (
        Answer.objects.filter(reply_id=answer.reply_id, state=Answer.State.SUBMITTED,
                              question__position__gt=answer.question.position)
        .select_related("question").order_by("question__position").first()
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
    return diffs.revision_changes(
        items, revisions.get(answer.reviewed_revision, {}), revisions.get(answer.revision, {}))


@dataclass
class EarlierEntry:
    """A value from the previous version's reply, shown beside the item it was mapped to now."""

    item: Item
    item_answer: ItemAnswer
    current_number: str


def previous_round_entries(answer: Answer, items: list[Item]) -> tuple[Reply | None, list[EarlierEntry]]:
    """The country's answers in the previous version to the items of this question, matched by number or
    by the author's mapping (``Item.previous_number``), as (previous reply, entries)."""
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


def dialogue(answer: Answer) -> list[Comment]:
    """Top-level comments of an answer, each with its replies, oldest first."""
    return list(
        answer.comments.filter(parent__isnull=True)
        .select_related("author", "event")
        .prefetch_related(Prefetch("replies", queryset=Comment.objects.select_related("author")))
    )


def comment_of_answer(answer: Answer, comment_id) -> Comment:
    """A comment of this answer's dialogue (404 for any other), to reply to."""
    return get_by_id_or_404(Comment, comment_id, answer=answer)


def audit_trail(answer: Answer):
    return answer.events.select_related("actor").order_by("at", "pk")


def latest_return(answer: Answer) -> AnswerEvent | None:
    """While an answer is returned for revision, the decision that returned (or reopened) it, with who
    took it and the reason; None otherwise."""
    if answer.state != Answer.State.RETURNED:
        return None
    return (answer.events.filter(action__in=RETURN_ACTIONS)
            .select_related("actor").order_by("-at", "-pk").first())
