"""Figures drawn from codings and structured answers: "N of M Parties", their drill-down and cross-tables.

Which coding counts for a Party: the secretariat's settled coding when there is one; otherwise the
coders' codings when they all agree (a single coder agrees with themself). Answers whose coders
disagree and are not settled count in no figure until they are settled, and are reported as such.

Every figure has two denominators, never confused: the round's Parties (frozen at launch) and the
Parties whose answer was read for it (coded, or with a value for a structured item). For a question or
an item addressed to named Parties only, "the round's Parties" are its addressees among them: the others
were never asked.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from countries.facts import FACTS
from countries.models import Country
from countries.selectors import facts_on
from questionnaires.models import Item, ItemAnswer, Question
from questionnaires.selectors import item_addressees
from questionnaires.selectors.compiling import READABLE_FOR_FINDINGS, question_items

from ..models import Assignment, Category
from .coding import PartyAnswer, ancestors_by_code, categories_in_order, codebook_of, coding_codes, party_answers


@dataclass
class Reading:
    """What the findings take from one Party's answer."""

    country: Country
    status: str  # "agreed", "settled", "disagreement", "not coded", "no reply"
    codes: set[str] = field(default_factory=set)
    passages: dict[str, Assignment] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    answer_id: int | None = None

    @property
    def coded(self) -> bool:
        return self.status in ("agreed", "settled")


def _reading(row: PartyAnswer, ancestors: dict[str, set[str]]) -> Reading:
    reading = Reading(country=row.country, status="no reply", answer_id=row.answer.pk if row.answer else None)
    if not row.readable:
        return reading
    reading.variables = row.variables
    final, coders = row.final, row.coder_codings
    if final is not None:
        deciding, reading.status = final, "settled"
    elif not coders:
        reading.status = "not coded"
        return reading
    elif len({coding_codes(c, ancestors) for c in coders}) == 1:
        deciding, reading.status = coders[0], "agreed"
    else:
        reading.status = "disagreement"
        return reading
    for assignment in deciding.assignments.all():
        reading.codes.add(assignment.category.code)
        reading.passages[assignment.category.code] = assignment
    return reading


@dataclass
class Variable:
    key: str  # "code:dedicated", "item:13.1.a=yes"
    label: str
    kind: str  # "category" or "item"
    codes: frozenset[str] = frozenset()  # for a category: itself and its subcategories
    item_number: str = ""
    value: str = ""
    depth: int = 0
    addressees: frozenset[int] | None = None  # for an item addressed to named Parties: their ids


def _descendants(category: Category, categories: list[Category]) -> frozenset[str]:
    codes, frontier = {category.code}, [category.pk]
    while frontier:
        children = [c for c in categories if c.parent_id in frontier]
        codes.update(c.code for c in children)
        frontier = [c.pk for c in children]
    return frozenset(codes)


def _item_values(item: Item) -> list[tuple[str, str]]:
    if item.type == Item.Type.YES_NO:
        return [(code, str(label)) for code, label in ItemAnswer.YesNo.choices]
    if item.type == Item.Type.CHOICE:
        return [(choice.code, choice.label) for choice in item.choices.all()]
    return []


def variables_of(question: Question, categories: list[Category], items: list[Item],
                 addressees: dict[int, frozenset[int]] | None = None) -> list[Variable]:
    """Every variable a figure can count: the codebook's categories, then each value of the question's
    yes/no and choice items (``13.1.a = yes``) and each option of its multiple-choice items, each
    knowing the Parties its item is addressed to (``addressees``: item id → country ids)."""
    addressees = addressees or {}
    variables = [
        Variable(key=f"code:{c.code}", label=c.label, kind="category", codes=_descendants(c, categories),
                 depth=getattr(c, "depth", 0))
        for c in categories
    ]
    for item in items:
        for value, label in _item_values(item):
            variables.append(Variable(key=f"item:{item.number}={value}", label=f"{item.number} = {label}",
                                      kind="item", item_number=item.number, value=value,
                                      addressees=addressees.get(item.pk)))
        if item.type == Item.Type.MULTI_CHOICE:
            for choice in item.choices.all():
                variables.append(Variable(key=f"item:{item.number}={choice.code}",
                                          label=f"{item.number}: {choice.label}", kind="item",
                                          item_number=f"{item.number}={choice.code}", value="yes",
                                          addressees=addressees.get(item.pk)))
    return variables


def applies(variable: Variable, reading: Reading) -> bool:
    """Whether the Party was asked what the variable reads (its item may be addressed to others only)."""
    return variable.addressees is None or reading.country.pk in variable.addressees


def holds(variable: Variable, reading: Reading) -> bool | None:
    """Whether the variable holds for the Party (None: its answer gives nothing to read for it, or it was
    not asked)."""
    if not applies(variable, reading):
        return None
    if variable.kind == "category":
        return bool(variable.codes & reading.codes) if reading.coded else None
    if reading.status == "no reply":
        return None
    if variable.item_number in reading.variables:
        return reading.variables[variable.item_number] == variable.value
    if "=" in variable.item_number:
        return False  # a multiple choice read, this option not chosen
    return None


@dataclass
class Figure:
    variable: Variable
    parties: list[Reading]  # those for which it holds
    total: int  # the Parties of the round (after the filter) that were asked
    read: int  # of which the answer was read for this variable
    as_of: datetime.date

    @property
    def count(self) -> int:
        return len(self.parties)


@dataclass
class Findings:
    question: Question
    variables: list[Variable]
    readings: list[Reading]
    total_parties: int
    as_of: datetime.date
    filter_label: str = ""
    addressed_only: bool = False  # the question is addressed to named Parties: total_parties counts them

    def variable(self, key: str) -> Variable | None:
        return next((v for v in self.variables if v.key == key), None)

    def figure(self, variable: Variable) -> Figure:
        asked = [reading for reading in self.readings if applies(variable, reading)]
        values = [(reading, holds(variable, reading)) for reading in asked]
        return Figure(
            variable=variable, parties=[reading for reading, holds in values if holds],
            total=len(asked), read=sum(1 for _reading, holds in values if holds is not None),
            as_of=self.as_of,
        )

    def figures(self) -> list[Figure]:
        return [self.figure(variable) for variable in self.variables]

    def crosstab(self, first: Variable, second: Variable) -> dict:
        """Parties counted by whether each variable holds, among those whose answer was read for both."""
        cells = {(a, b): 0 for a in (True, False) for b in (True, False)}
        for reading in self.readings:
            a, b = holds(first, reading), holds(second, reading)
            if a is not None and b is not None:
                cells[(a, b)] += 1
        return {
            "first": first, "second": second, "read": sum(cells.values()), "both": cells[(True, True)],
            "first_only": cells[(True, False)], "second_only": cells[(False, True)], "neither": cells[(False, False)],
        }

    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for reading in self.readings:
            counts[reading.status] = counts.get(reading.status, 0) + 1
        return counts


# Filters by country facts: the fact key, and its label for the page.
FILTERABLE_FACTS = ("focus_country", "pilot_country", "uncrc_party", "uncrc_opsc_party", "budapest_party",
                    "weprotect_member", "inhope_hotline", "chi_helpline", "safer_internet_centre")


def findings_of(question: Question, fact: str = "", value: str = "",
                states: tuple[str, ...] = READABLE_FOR_FINDINGS) -> Findings:
    """The readings of every Party of the question's round that the question is addressed to and the
    variables to count, from its answers in ``states``; restricted to the Parties whose ``fact`` had
    ``value`` at the round's launch when a filter is given."""
    codebook = codebook_of(question)
    categories = categories_in_order(codebook)
    ancestors = ancestors_by_code(categories)
    rows = party_answers(question, values=True, states=states)
    launch = question.version.published_at or timezone.now()
    filter_label = ""
    if fact:
        facts = facts_on([row.country for row in rows], timezone.localdate(launch))
        rows = [row for row in rows if facts.get(row.country.pk, {}).get(fact) == value]
        filter_label = _("Parties with %(fact)s: %(value)s") % {"fact": fact_label(fact), "value": value}
    items = question_items(question)
    return Findings(
        question=question,
        variables=variables_of(question, categories, items, item_addressees(question, items)),
        readings=[_reading(row, ancestors) for row in rows], total_parties=len(rows), as_of=timezone.localdate(),
        filter_label=filter_label, addressed_only=question.addressees.exists(),
    )


def fact_label(key: str) -> str:
    labels = {"focus_country": _("Focus country"), "pilot_country": _("Pilot country")}
    return str(labels.get(key) or FACTS[key].label)
