"""What a compilation contains, read from the questionnaires through their selectors.

Every Party of the round the question is addressed to (all of them unless it names some) has an entry
with where its answer stands; only approved answers are compiled, and the coverage says who is in, who is
not and why, so that nobody is silently dropped.
"""

import hashlib
import json
import statistics
from dataclasses import dataclass, field

from django.db import models

from countries.models import Country
from questionnaires import selectors as questionnaire_selectors
from questionnaires.models import Answer, Item, ItemAnswer, Question, Version

from ..bilingual import YES_NO, bilingual
from ..followup.models import Recommendation
from ..followup.selectors import recommendations_by_question
from ..models import Compilation
from .progress import round_parties
from .stakeholders import stakeholder_digest

FORMAT_VERSION = 2  # bump when the documents' layout changes, so that a regeneration makes a new revision


class EntryStatus(models.TextChoices):
    """Where a Party's answer to a question stands for a compilation, in the documents' two languages
    (a published document is bilingual whatever the reader's interface language)."""

    APPROVED = "approved", "Approved / Approuvée"
    SUBMITTED = "submitted", "Awaiting review / En attente d'examen"
    RETURNED = "returned", "Being revised / En cours de révision"
    DRAFT = "draft", "In preparation / En préparation"
    NO_REPLY = "no_reply", "Not started / Non commencée"

    @classmethod
    def of(cls, answer: Answer | None) -> "EntryStatus":
        return cls.NO_REPLY if answer is None else cls(answer.state)


@dataclass
class CountryEntry:
    country: Country
    status: EntryStatus
    answer: Answer | None = None
    values: dict = field(default_factory=dict)  # item id -> ItemAnswer

    @property
    def language(self) -> str:
        return self.answer.language if self.answer else ""


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
    # The part on other stakeholders, when the compilation includes it (``stakeholders.add_contributions``).
    contributions: bool = False
    stakeholders: list = field(default_factory=list)  # StakeholderEntry
    comments: list = field(default_factory=list)  # accepted, publishable comments on this question
    # In a generated follow-up version, the recommendation the question asks about (its number, R7).
    recommendation: Recommendation | None = None

    @property
    def approved_count(self) -> int:
        return sum(1 for entry in self.entries if entry.status == EntryStatus.APPROVED)

    @property
    def approved(self) -> list[CountryEntry]:
        return [entry for entry in self.entries if entry.status == EntryStatus.APPROVED]

    def countries_in(self, *statuses: EntryStatus) -> list[Country]:
        return [entry.country for entry in self.entries if entry.status in statuses]


def compilation_subject(kind: str, version: Version, question: Question | None,
                        country: Country | None) -> tuple[list[Question], list[Country]]:
    """The questions and countries a compilation of this kind covers."""
    countries = list(round_parties(version))
    if kind == Compilation.Kind.QUESTION:
        return [question], countries
    questions = questionnaire_selectors.version_questions(version)
    if kind == Compilation.Kind.COUNTRY:
        addressees = questionnaire_selectors.question_addressees(version)
        return [q for q in questions if country.pk in addressees.get(q.pk, (country.pk,))], [country]
    return questions, countries


def question_blocks(version: Version, questions: list[Question], countries: list[Country]) -> list[QuestionBlock]:
    """One block per question, with the approved values of every country it is addressed to (and, in a
    follow-up version, the recommendation it asks about), in a fixed number of queries."""
    recommendations = recommendations_by_question(version)
    items_by_question = questionnaire_selectors.items_by_question(questions)
    answers = questionnaire_selectors.answers_with_approved_values(version, questions, countries)
    addressees = questionnaire_selectors.question_addressees(version)
    by_key = {(answer.reply.country_id, answer.question_id): answer for answer in answers}
    blocks = []
    for question in questions:
        items = items_by_question.get(question.pk, [])
        entries = []
        for country in countries:
            if question.pk in addressees and country.pk not in addressees[question.pk]:
                continue  # asked of other named Parties only: neither in the compilation nor "no reply"
            answer = by_key.get((country.pk, question.pk))
            status = EntryStatus.of(answer)
            values = {ia.item_id: ia for ia in answer.item_answers.all()} if status == EntryStatus.APPROVED else {}
            entries.append(CountryEntry(country, status, answer, values))
        blocks.append(QuestionBlock(question, items, entries, summarise(items, entries),
                                    recommendation=recommendations.get(question.pk)))
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
            options = [(code, YES_NO[code]) for code in ItemAnswer.YesNo.values]
            summaries.append(_options_summary(item, answered, options))
        elif item.type == Item.Type.CHOICE:
            answered = [v.choice for v in values if v.choice]
            summaries.append(_options_summary(
                item, answered, [(c.code, bilingual(c.label_en, c.label_fr)) for c in item.choices.all()]))
        elif item.type == Item.Type.MULTI_CHOICE:
            answered_sets = [v.choices for v in values if v.choices]
            summary = ItemSummary(item, replying=len(answered_sets))
            for choice in item.choices.all():
                count = sum(1 for chosen in answered_sets if choice.code in chosen)
                label = bilingual(choice.label_en, choice.label_fr)
                summary.options.append(OptionCount(label, count, _share(count, len(answered_sets))))
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
                country: Country | None = None, contributions: bool = False) -> str:
    """A digest of everything a compilation depends on: which Parties (and their names), which approved
    answers at which revision, where the others stand (the coverage line names them) and the symbols;
    with ``contributions``, the other stakeholders' answers and comments it includes.
    Equal fingerprints mean an identical document."""
    approved = questionnaire_selectors.approved_answer_revisions(version, questions, countries)
    question_ids = {question.pk for question in questions}
    states = sorted(
        (country_id, question_id, state)
        for (country_id, question_id), state in questionnaire_selectors.answer_states(version, countries).items()
        if question_id in question_ids
    )
    payload = {
        "format": FORMAT_VERSION, "kind": kind, "version": version.pk, "states": states,
        "symbols": [version.symbol_pattern, version.reply_symbol_pattern],
        "names": [(c.name, c.name_fr) for c in countries],
        "questions": [q.pk for q in questions], "countries": [c.pk for c in countries],
        "country": country.pk if country else None, "approved": approved,
    }
    recommendations = recommendations_by_question(version)
    if recommendations:  # added only in follow-up versions, so that other fingerprints still match
        payload["recommendations"] = sorted(
            (r.number, r.strength, r.text_en, r.text_fr, r.all_parties, sorted(c.iso_code for c in r.addressees.all()))
            for question_id, r in recommendations.items() if question_id in question_ids
        )
    if contributions:  # added only when on, so that the fingerprints of earlier compilations still match
        payload["contributions"] = stakeholder_digest(version, questions, country)
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
