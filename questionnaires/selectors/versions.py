"""Reads of questionnaire versions: which are open, one version to preview, what changed between two."""

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from countries.models import Country

from .. import diffs
from ..models import Item, Question, Section, Version
from ..yaml_format import version_as_document
from .replies import items_with_choices


def open_versions() -> QuerySet:
    return Version.objects.published().select_related("questionnaire")


def open_versions_without_reply(country_id: int) -> QuerySet:
    """Open versions the country has not started a reply to."""
    return open_versions().exclude(replies__country_id=country_id)


def version_with_questionnaire(version_id: int) -> Version:
    """One version (any status) with its questionnaire, or 404."""
    return get_object_or_404(Version.objects.select_related("questionnaire"), pk=version_id)


def question_addressees(version: Version) -> dict[int, set[int]]:
    """The country ids each question of the version is addressed to, for the questions addressed to named
    Parties only (the others, absent, apply to every Party), in one query."""
    addressees: dict[int, set[int]] = {}
    rows = Question.addressees.through.objects.filter(question__version=version).values_list("question_id", "country_id")
    for question_id, country_id in rows:
        addressees.setdefault(question_id, set()).add(country_id)
    return addressees


def version_questions_in_order(version: Version) -> list[tuple[Section, Question, list[Item]]]:
    """Every question of a version in reading order, with its section, its addressees and its items (with
    choices and addressees), in six queries whatever the number of questions."""
    addressees = Prefetch("addressees", queryset=Country.objects.order_by("name"))
    sections = version.sections.order_by("position").prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position").prefetch_related(addressees)),
        Prefetch("questions__items", queryset=items_with_choices().prefetch_related(addressees)),
    )
    return [
        (section, question, list(question.items.all()))
        for section in sections
        for question in section.questions.all()
    ]


def version_diff(old: Version, new: Version) -> dict:
    """Questions and items added, removed and changed between two versions, matched by number."""
    return diffs.document_diff(version_as_document(old), version_as_document(new))


def _earlier_versions_of_the_questionnaire():
    """Versions of the outer version's questionnaire created before it, the latest first."""
    return Version.objects.filter(
        Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")),
        questionnaire=OuterRef("questionnaire"),
    ).order_by("-created_at", "-pk")


def versions_with_previous(queryset: QuerySet) -> QuerySet:
    """The versions, each annotated with ``previous_id``: the version of the same questionnaire made
    just before it (None for the first), in the same query."""
    return queryset.annotate(previous_id=Subquery(_earlier_versions_of_the_questionnaire().values("pk")[:1]))


def version_previous(version: Version) -> Version | None:
    """The version of the same questionnaire made just before this one, to compare with; None for the first."""
    return (
        Version.objects.select_related("questionnaire")
        .filter(Q(created_at__lt=version.created_at) | Q(created_at=version.created_at, pk__lt=version.pk),
                questionnaire_id=version.questionnaire_id)
        .order_by("-created_at", "-pk")
        .first()
    )
