"""What a compilation contains, read from the questionnaires through their selectors.

Only approved answers are compiled; every member country appears, with its status when it has no
approved answer, so that none is silently dropped.
"""

import hashlib
import json
import statistics
from dataclasses import dataclass, field

from django.db import models

from countries.models import Country
from questionnaires import selectors as questionnaire_selectors
from questionnaires.models import Answer, Item, ItemAnswer, Question, Version

from ..models import Compilation
from .progress import member_countries

FORMAT_VERSION = 1  # bump when the documents' layout changes, so that a regeneration makes a new revision


class EntryStatus(models.TextChoices):
    """Where a country's answer to a question stands for a compilation; the label is what the documents
    (always in English) print in place of an answer that is not approved."""

    APPROVED = "approved", "Approved"
    NOT_APPROVED = "not_approved", "Reply not yet approved by the secretariat."
    NO_REPLY = "no_reply", "No reply received."


@dataclass
class CountryEntry:
    country: Country
    status: EntryStatus
    answer: Answer | None = None
    values: dict = field(default_factory=dict)  # item id -> ItemAnswer


@dataclass
class OptionCount:
    label: str
    count: int
    share: int  # percent of the countries that answered the item


@dataclass
class ItemSummary:
    item: Item
    replying: int
    options: list[OptionCount] = field(default_factory=list)
    numbers: dict | None = None  # count, total, minimum, median, maximum


@dataclass
class QuestionBlock:
    question: Question
    items: list[Item]
    entries: list[CountryEntry]
    summaries: list[ItemSummary]

    @property
    def approved_count(self) -> int:
        return sum(1 for entry in self.entries if entry.status == EntryStatus.APPROVED)


def compilation_subject(kind: str, version: Version, question: Question | None,
                        country: Country | None) -> tuple[list[Question], list[Country]]:
    """The questions and countries a compilation of this kind covers."""
    countries = list(member_countries(version))
    if kind == Compilation.Kind.QUESTION:
        return [question], countries
    questions = questionnaire_selectors.version_questions(version)
    if kind == Compilation.Kind.COUNTRY:
        return questions, [country]
    return questions, countries


def question_blocks(version: Version, questions: list[Question], countries: list[Country]) -> list[QuestionBlock]:
    """One block per question, with every country's approved values, in a fixed number of queries."""
    items_by_question = questionnaire_selectors.items_by_question(questions)
    answers = questionnaire_selectors.answers_with_approved_values(version, questions, countries)
    by_key = {(answer.reply.country_id, answer.question_id): answer for answer in answers}
    blocks = []
    for question in questions:
        items = items_by_question.get(question.pk, [])
        entries = []
        for country in countries:
            answer = by_key.get((country.pk, question.pk))
            if answer is None:
                entries.append(CountryEntry(country, EntryStatus.NO_REPLY))
            elif answer.state != Answer.State.APPROVED:
                entries.append(CountryEntry(country, EntryStatus.NOT_APPROVED, answer))
            else:
                values = {ia.item_id: ia for ia in answer.item_answers.all()}
                entries.append(CountryEntry(country, EntryStatus.APPROVED, answer, values))
        blocks.append(QuestionBlock(question, items, entries, summarise(items, entries)))
    return blocks


def summarise(items: list[Item], entries: list[CountryEntry]) -> list[ItemSummary]:
    """Counts per option of every structured item across the countries with an approved answer."""
    summaries = []
    approved = [entry for entry in entries if entry.status == EntryStatus.APPROVED]
    for item in items:
        values = [entry.values.get(item.pk) for entry in approved]
        values = [value for value in values if value is not None]
        if item.type == Item.Type.YES_NO:
            answered = [v.yes_no for v in values if v.yes_no]
            options = [(code, label) for code, label in ItemAnswer.YesNo.choices]
            summaries.append(_options_summary(item, answered, options))
        elif item.type == Item.Type.CHOICE:
            answered = [v.choice for v in values if v.choice]
            summaries.append(_options_summary(item, answered, [(c.code, c.label) for c in item.choices.all()]))
        elif item.type == Item.Type.MULTI_CHOICE:
            answered_sets = [v.choices for v in values if v.choices]
            summary = ItemSummary(item, replying=len(answered_sets))
            for choice in item.choices.all():
                count = sum(1 for chosen in answered_sets if choice.code in chosen)
                summary.options.append(OptionCount(choice.label, count, _share(count, len(answered_sets))))
            summaries.append(summary)
        elif item.type == Item.Type.NUMBER:
            numbers = [v.number for v in values if v.number is not None]
            summary = ItemSummary(item, replying=len(numbers))
            if numbers:
                summary.numbers = {"count": len(numbers), "total": sum(numbers), "minimum": min(numbers),
                                   "median": statistics.median(numbers), "maximum": max(numbers)}
            summaries.append(summary)
    return summaries


def _options_summary(item, answered: list[str], options) -> ItemSummary:
    summary = ItemSummary(item, replying=len(answered))
    for code, label in options:
        count = answered.count(code)
        summary.options.append(OptionCount(str(label), count, _share(count, len(answered))))
    return summary


def _share(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def fingerprint(kind: str, version: Version, questions: list[Question], countries: list[Country],
                country: Country | None = None) -> str:
    """A digest of everything a compilation depends on: which countries, which approved answers at
    which revision. Equal fingerprints mean an identical document."""
    approved = questionnaire_selectors.approved_answer_revisions(version, questions, countries)
    payload = {
        "format": FORMAT_VERSION, "kind": kind, "version": version.pk,
        "questions": [q.pk for q in questions], "countries": [c.pk for c in countries],
        "country": country.pk if country else None, "approved": approved,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
