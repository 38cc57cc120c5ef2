"""Reads of a round's recommendations: their addressees, one assessment with its history, the
Parties × recommendations matrix of the compliance assessment, and the recommendations carried into a
later version's questions with one Party's own last follow-up to each."""

import datetime
from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404

from countries.models import Country
from questionnaires.models import Answer, AnswerEvent, Item, ItemAnswer, Question, Version
from questionnaires.selectors import item_answers_of, question_items

from .models import Assessment, AssessmentEvent, CarriedRecommendation, FollowUpVersion, Recommendation


def recommendations_of(version: Version):
    return (Recommendation.objects.filter(version=version)
            .prefetch_related("addressees", "questions").order_by("position", "number"))


def followups_of(version: Version) -> list[Version]:
    """The follow-up questionnaire versions generated from the round, newest first."""
    links = (FollowUpVersion.objects.filter(source=version).select_related("version__questionnaire")
             .order_by("-created_at", "-pk"))
    return [link.version for link in links]


def followup_source(version: Version) -> Version | None:
    """The round a generated follow-up version follows up, or None for any other version."""
    link = FollowUpVersion.objects.filter(version=version).select_related("source").first()
    return link.source if link is not None else None


def recommendations_by_question(version: Version) -> dict[int, Recommendation]:
    """For a generated follow-up version, the recommendation each of its questions asks about (matched
    by number, R7 to R7), by question id; empty for any other version."""
    source = followup_source(version)
    if source is None:
        return {}
    by_number = {recommendation.number: recommendation
                 for recommendation in recommendations_of(source).select_related("version")}
    return {question.pk: by_number[question.number]
            for question in version.questions.only("pk", "number") if question.number in by_number}


def recommendation_or_404(recommendation_id: int) -> Recommendation:
    return get_object_or_404(Recommendation.objects.select_related("version__questionnaire"), pk=recommendation_id)


def addressee_ids(recommendation: Recommendation) -> set[int]:
    """The ids of the countries a recommendation is addressed to: the round's Parties, or those named."""
    if recommendation.all_parties:
        return set(recommendation.version.parties.values_list("pk", flat=True))
    return set(recommendation.addressees.values_list("pk", flat=True))


def addressee_or_404(recommendation: Recommendation, country_id: int) -> Country:
    """The country if the recommendation addresses it; 404 otherwise."""
    if country_id not in addressee_ids(recommendation):
        raise Http404
    return Country.objects.get(pk=country_id)


def assessment_of(recommendation: Recommendation, country_id: int) -> Assessment | None:
    """The committee's assessment of the Party ``country_id`` under the recommendation, if it has one."""
    return Assessment.objects.filter(recommendation=recommendation, country_id=country_id).first()


def assessment_history(recommendation: Recommendation, country: Country):
    return (AssessmentEvent.objects.filter(assessment__recommendation=recommendation, assessment__country=country)
            .select_related("user"))


NOT_ADDRESSED = None


@dataclass
class Column:
    recommendation: Recommendation
    addressees: int = 0
    counts: dict = field(default_factory=dict)  # status -> number of Parties

    @property
    def implemented(self) -> int:
        return self.counts.get(Assessment.Status.IMPLEMENTED, 0)

    @property
    def not_assessed(self) -> int:
        return self.addressees - sum(self.counts.values())


@dataclass
class MatrixRow:
    country: Country
    cells: list  # per recommendation: NOT_ADDRESSED, "" (not assessed yet) or an Assessment
    counts: dict = field(default_factory=dict)
    addressed: int = 0


@dataclass
class ComplianceMatrix:
    version: Version
    columns: list[Column]
    rows: list[MatrixRow]
    statuses: list = field(default_factory=lambda: list(Assessment.Status))


def compliance_matrix(version: Version) -> ComplianceMatrix:
    """The round's Parties against its recommendations: each addressee's assessment (or none yet), the
    cells of countries a recommendation does not address marked as such, and the counts per status for
    each recommendation and each Party. Four queries, whatever the size of the round."""
    recommendations = list(recommendations_of(version))
    parties = list(version.parties.order_by("name"))
    party_ids = {party.pk for party in parties}
    assessments = {(a.recommendation_id, a.country_id): a
                   for a in Assessment.objects.filter(recommendation__version=version)}
    columns = [Column(recommendation) for recommendation in recommendations]
    addressed = [party_ids if r.all_parties else {c.pk for c in r.addressees.all()} for r in recommendations]
    named = {c.pk: c for r in recommendations if not r.all_parties for c in r.addressees.all()}
    countries = parties + sorted((c for pk, c in named.items() if pk not in party_ids), key=lambda c: c.name)
    rows = []
    for country in countries:
        row = MatrixRow(country=country, cells=[])
        for column, ids in zip(columns, addressed, strict=True):
            if country.pk not in ids:
                row.cells.append(NOT_ADDRESSED)
                continue
            column.addressees += 1
            row.addressed += 1
            assessment = assessments.get((column.recommendation.pk, country.pk))
            row.cells.append(assessment or "")
            if assessment:
                column.counts[assessment.status] = column.counts.get(assessment.status, 0) + 1
                row.counts[assessment.status] = row.counts.get(assessment.status, 0) + 1
        rows.append(row)
    return ComplianceMatrix(version=version, columns=columns, rows=rows)


def carried_into(version: Version) -> list[CarriedRecommendation]:
    """The earlier recommendations attached to the version's questions, in question order."""
    return list(CarriedRecommendation.objects.filter(question__version=version)
                .select_related("question", "recommendation__version__questionnaire", "created_by")
                .prefetch_related("recommendation__addressees")
                .order_by("question__position", "-recommendation__version__created_at", "recommendation__position"))


def carriable_recommendations(version: Version):
    """The recommendations of every other round, newest round first, that may be attached to the version."""
    return (Recommendation.objects.exclude(version=version).select_related("version__questionnaire")
            .order_by("-version__created_at", "position", "number"))


def draft_versions_besides(version: Version) -> list[Version]:
    """The draft versions, newest first, that the round's recommendations may be carried into."""
    return list(Version.objects.filter(status=Version.Status.DRAFT).exclude(pk=version.pk)
                .select_related("questionnaire").order_by("-created_at")[:20])


def carried_or_404(carried_id: int) -> CarriedRecommendation:
    return get_object_or_404(CarriedRecommendation.objects.select_related("question__version", "recommendation"),
                             pk=carried_id)


@dataclass
class FollowUp:
    """A Party's last follow-up to a recommendation: its answer to the generated follow-up question."""

    answer: Answer
    entries: list[tuple[Item, ItemAnswer | None]]
    on: datetime.datetime | None  # when it was approved, or submitted


@dataclass
class CarriedForParty:
    recommendation: Recommendation
    followup: FollowUp | None
    assessment: Assessment | None


def last_followup(recommendation: Recommendation, country_id: int) -> FollowUp | None:
    """The Party's latest submitted or approved answer to the follow-up question of the recommendation (in
    any follow-up version generated from its round), with its values and the day it was approved or
    submitted; None if it has given none yet."""
    answer = (Answer.objects.filter(
        reply__country_id=country_id, question__number=recommendation.number,
        question__version__followup_of__source_id=recommendation.version_id,
        state__in=(Answer.State.SUBMITTED, Answer.State.APPROVED),
    ).select_related("question__version__questionnaire").order_by("-submitted_at", "-pk").first())
    if answer is None:
        return None
    on = answer.submitted_at
    if answer.state == Answer.State.APPROVED:
        approval = AnswerEvent.objects.filter(answer=answer, to_state=Answer.State.APPROVED).order_by("-at").first()
        on = approval.at if approval else on
    values = item_answers_of(answer)
    items = question_items(answer.question, country_id=country_id)
    return FollowUp(answer=answer, entries=[(item, values.get(item.pk)) for item in items], on=on)


def carried_for_party(question: Question, country_id: int | None) -> list[CarriedForParty]:
    """The earlier recommendations attached to ``question`` that address the Party ``country_id`` (all
    Parties of their round, or naming it), each with that Party's own last follow-up and the committee's
    assessment of it. Nothing for a reply without a Party (another stakeholder's)."""
    if country_id is None:
        return []
    links = (CarriedRecommendation.objects.filter(question=question)
             .select_related("recommendation__version")
             .order_by("-recommendation__version__created_at", "recommendation__position"))
    shown = []
    for link in links:
        recommendation = link.recommendation
        if country_id not in addressee_ids(recommendation):
            continue
        shown.append(CarriedForParty(
            recommendation=recommendation, followup=last_followup(recommendation, country_id),
            assessment=assessment_of(recommendation, country_id),
        ))
    return shown
