"""Reads of completeness and state: which items are answered, progress per reply and answer, counts per state."""

from dataclasses import dataclass

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from ..models import Answer, Attachment, Item, ItemAnswer, Reply, Version


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


def missing_editable_items(reply: Reply) -> list[Item]:
    """Required items still without a value in the answers the country may edit (what blocks submission)."""
    return missing_required_items(reply, answers=reply.answers.filter(state__in=Answer.EDITABLE_STATES))


def state_counts(answers: QuerySet) -> dict[str, int]:
    """How many of these answers are in each state (every state present, zero included)."""
    counts = dict.fromkeys(Answer.State.values, 0)
    for row in answers.order_by().values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    return counts


def answer_state_counts_by_version(versions) -> dict[int, dict[str, int]]:
    """How many of the Parties' answers to each version are in each state (every state, zero included), in
    one query."""
    versions = list(versions)
    counts = {version.pk: dict.fromkeys(Answer.State.values, 0) for version in versions}
    rows = (
        Answer.objects.filter(reply__version__in=versions, reply__country__isnull=False).order_by()
        .values("reply__version_id", "state").annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["reply__version_id"]][row["state"]] = row["n"]
    return counts


def answer_state_counts(version: Version) -> dict[str, int]:
    """How many of the Parties' answers to a version are in each state, across all countries."""
    return state_counts(Answer.objects.filter(reply__version=version, reply__country__isnull=False))
