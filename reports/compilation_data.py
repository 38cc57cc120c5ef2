"""What a compilation contains, read from the questionnaires through their models and selectors.

Only approved answers are compiled; every member country appears, with its status when it has no
approved answer, so that none is silently dropped.
"""

import hashlib
import json
import statistics
from dataclasses import dataclass, field

from django.db.models import Prefetch

from countries.models import Country
from questionnaires.models import Answer, Item, ItemAnswer, Question, Version

FORMAT_VERSION = 1  # bump when the documents' layout changes, so that a regeneration makes a new revision


@dataclass
class CountryEntry:
    country: Country
    status: str  # "approved", "not_approved" or "no_reply"
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
        return sum(1 for entry in self.entries if entry.status == "approved")


def question_blocks(version: Version, questions: list[Question], countries: list[Country]) -> list[QuestionBlock]:
    """One block per question, with every country's approved values, in a fixed number of queries."""
    items_by_question: dict[int, list[Item]] = {}
    for item in Item.objects.filter(question__in=questions).order_by("position").prefetch_related("choices"):
        items_by_question.setdefault(item.question_id, []).append(item)
    answers = (
        Answer.objects.filter(reply__version=version, question__in=questions, reply__country__in=countries)
        .only("id", "state", "revision", "language", "question_id", "reply__country_id")
        .select_related("reply")
        .prefetch_related(Prefetch(
            "item_answers",
            queryset=ItemAnswer.objects.filter(answer__state=Answer.State.APPROVED).prefetch_related("attachments"),
        ))
    )
    by_key = {(answer.reply.country_id, answer.question_id): answer for answer in answers}
    blocks = []
    for question in questions:
        items = items_by_question.get(question.pk, [])
        entries = []
        for country in countries:
            answer = by_key.get((country.pk, question.pk))
            if answer is None:
                entries.append(CountryEntry(country, "no_reply"))
            elif answer.state != Answer.State.APPROVED:
                entries.append(CountryEntry(country, "not_approved", answer))
            else:
                values = {ia.item_id: ia for ia in answer.item_answers.all()}
                entries.append(CountryEntry(country, "approved", answer, values))
        blocks.append(QuestionBlock(question, items, entries, summarise(items, entries)))
    return blocks


def summarise(items: list[Item], entries: list[CountryEntry]) -> list[ItemSummary]:
    """Counts per option of every structured item across the countries with an approved answer."""
    summaries = []
    approved = [entry for entry in entries if entry.status == "approved"]
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
    approved = list(
        Answer.objects.filter(
            reply__version=version, question__in=questions, state=Answer.State.APPROVED,
            reply__country__in=countries,
        ).order_by("pk").values_list("pk", "revision", "reply__country_id")
    )
    payload = {
        "format": FORMAT_VERSION, "kind": kind, "version": version.pk,
        "questions": [q.pk for q in questions], "countries": [c.pk for c in countries],
        "country": country.pk if country else None, "approved": approved,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
