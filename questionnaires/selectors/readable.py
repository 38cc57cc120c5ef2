"""What a user may read, whole, for other apps' readers (the API): issued versions with their structure,
and the replies and answers ``Reply.objects.for_user`` opens, with what a reader prints prefetched."""

from django.db.models import Prefetch

from ..models import Answer, Item, ItemAnswer, Question, Reply, Section
from .compiling import issued_versions


def issued_versions_newest_first():
    """Published and closed versions (drafts stay in the secretariat's preview), newest first."""
    return issued_versions().order_by("-published_at", "-pk")


def issued_versions_with_structure():
    """The same versions, each with its sections, questions, items and choices in reading order."""
    items = Item.objects.select_related("parent").prefetch_related("choices").order_by("position")
    questions = Question.objects.order_by("position").prefetch_related(Prefetch("items", queryset=items))
    sections = Section.objects.order_by("position").prefetch_related(Prefetch("questions", queryset=questions))
    return issued_versions_newest_first().prefetch_related(Prefetch("sections", queryset=sections))


def replies_readable_by(user):
    """The replies ``user`` may read (``Reply.objects.for_user``), with their respondent."""
    return Reply.objects.for_user(user).select_related("country", "organisation").order_by("version", "pk")


def answers_readable_by(user):
    """The answers of the replies ``user`` may read, in every state, with their values and attachments."""
    values = ItemAnswer.objects.select_related("item").prefetch_related("attachments").order_by("item__position")
    return (
        Answer.objects.filter(reply__in=Reply.objects.for_user(user))
        .select_related("reply__country", "reply__organisation", "reply__version", "question")
        .prefetch_related(Prefetch("item_answers", queryset=values))
        .order_by("reply__version", "reply", "question__position")
    )
