"""Reads for following a round's progress: the countries expected to reply, the countries × questions
matrix and the daily snapshots. Questionnaires are read through their own selectors."""

from dataclasses import dataclass
from typing import NamedTuple

from django.shortcuts import get_object_or_404

from countries.models import Country
from questionnaires import selectors as questionnaire_selectors
from questionnaires.models import Answer, Question, Version

from ..models import ProgressSnapshot


def reportable_versions():
    return questionnaire_selectors.issued_versions()


def version_for_progress(version_id: int) -> Version:
    return get_object_or_404(reportable_versions(), pk=version_id)


def versions_with_state_counts(versions) -> list[tuple[Version, dict[str, int]]]:
    """Each version with how many of its answers are in each state (two queries in all)."""
    versions = list(versions)
    counts = questionnaire_selectors.answer_state_counts_by_version(versions)
    return [(version, counts[version.pk]) for version in versions]


def progress_history(version: Version):
    return ProgressSnapshot.objects.filter(version=version).order_by("day")


# The cell of a question not addressed to the country (asked of other named Parties only).
NOT_ADDRESSED = "not_addressed"


class ProgressRow(NamedTuple):
    """A country's line of the grid: per question (state, answer id, reply id), None where there is
    no answer, or NOT_ADDRESSED; its totals per state; its reply (None before the country has started one)."""

    country: Country
    cells: list
    totals: dict
    reply_id: int | None


@dataclass
class ProgressMatrix:
    """Countries × questions, each cell an answer's state (or None: no answer), with totals both ways."""

    questions: list
    rows: list[ProgressRow]
    question_totals: list  # {state: count} per question, in question order
    replied: int
    addressed: list  # how many of the rows' Parties each question is addressed to, in question order

    @property
    def has_not_addressed(self) -> bool:
        """Whether some question is asked of named Parties only, not of every Party in the grid."""
        return any(count < len(self.rows) for count in self.addressed)

    @property
    def totals_by_state(self) -> list[tuple[str, list[int]]]:
        """(state label, count per question) for each state: the grid's footer."""
        return [(label, [totals[state] for totals in self.question_totals]) for state, label in Answer.State.choices]


def round_parties(version: Version):
    """The Parties of a round, in order of their English name: the countries expected to reply and the
    denominator of every figure. A Party that has since left the Council of Europe stays, with its reply."""
    return version.parties.order_by("name")


def progress_matrix(version: Version, *, focus_only: bool = False) -> ProgressMatrix:
    """The dashboard matrix in three queries, whatever the number of countries and questions (its
    12,800 cells at 200 Parties × 64 questions are this page's hot loop)."""
    countries = round_parties(version)
    if focus_only:
        countries = countries.filter(focus_country=True)
    countries = list(countries)
    questions = questionnaire_selectors.version_questions(version)
    grid = questionnaire_selectors.answer_grid(version, countries)
    addressees = questionnaire_selectors.question_addressees(version)
    question_ids = [question.pk for question in questions]
    question_totals = [dict.fromkeys(Answer.State.values, 0) for _ in questions]
    addressed = [len(countries)] * len(questions)
    rows, replied = [], 0
    for country in countries:
        country_id, totals, reply_id = country.pk, dict.fromkeys(Answer.State.values, 0), None
        cells = [grid.get((country_id, question_id)) for question_id in question_ids]
        for index, cell in enumerate(cells):
            if cell is not None:
                state, _, reply_id = cell
                totals[state] += 1
                question_totals[index][state] += 1
            elif country_id not in addressees.get(question_ids[index], (country_id,)):
                cells[index] = NOT_ADDRESSED
                addressed[index] -= 1
        replied += reply_id is not None
        rows.append(ProgressRow(country, cells, totals, reply_id))
    return ProgressMatrix(questions=questions, rows=rows, question_totals=question_totals, replied=replied,
                          addressed=addressed)


def country_for_progress(version: Version, country_id: int) -> Country:
    """A Party of the round (404 for any other country)."""
    return get_object_or_404(round_parties(version), pk=country_id)


def country_progress(version: Version, country: Country) -> list[tuple[Question, str | None]]:
    """Each question of the version with the state of the country's answer (None: no reply yet;
    NOT_ADDRESSED: a question asked of other named Parties only)."""
    grid = questionnaire_selectors.answer_grid(version, [country])
    addressees = questionnaire_selectors.question_addressees(version)

    def state(question):
        if (country.pk, question.pk) in grid:
            return grid[(country.pk, question.pk)][0]
        return None if country.pk in addressees.get(question.pk, (country.pk,)) else NOT_ADDRESSED

    return [(question, state(question)) for question in questionnaire_selectors.version_questions(version)]


def progress_chart(version: Version, *, height: int = 120, bar_width: int = 14) -> dict:
    """Stacked bars of answers per state for each daily snapshot, as SVG geometry."""
    snapshots = list(progress_history(version))
    order = [Answer.State.APPROVED, Answer.State.SUBMITTED, Answer.State.RETURNED, Answer.State.DRAFT]
    peak = max((sum(getattr(s, state) for state in order) for s in snapshots), default=0) or 1
    bars = []
    for index, snapshot in enumerate(snapshots):
        y, parts = height, []
        for state in order:
            value = getattr(snapshot, state)
            size = round(height * value / peak)
            y -= size
            parts.append({"state": state, "label": state.label, "y": y, "height": size, "value": value})
        bars.append({"x": index * (bar_width + 4), "day": snapshot.day, "parts": parts})
    return {"bars": bars, "width": max(len(bars) * (bar_width + 4), bar_width), "height": height,
            "bar_width": bar_width, "peak": peak}
