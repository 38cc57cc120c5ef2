"""Matrices of the implementation report: Party × category for one question, and Party × country fact
for a round, like figure 1 of the baseline mapping report (State Party to the UNCRC, ..., ✓ or SIGNED).

A category matrix counts the same codings as the figures (settled, or all coders agree), so a matrix
and a figure of the same question never tell two stories; a Party whose answer counts in no figure is
marked so in words rather than left as a row of blanks.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from countries.facts import FACTS
from countries.models import Country
from countries.selectors import facts_on
from questionnaires.models import Question, Version

from .figures import Findings, Variable, findings_of, holds

TICK, SIGNED = "✓", "SIGNED"
# The baseline mapping report's figure 1, in its order.
MATRIX_FACTS = ("uncrc_party", "uncrc_opsc_party", "lanzarote_party", "budapest_party", "weprotect_member")
FACT_MARKS = {"yes": TICK, "signed": SIGNED}


def reading_words(status: str) -> str:
    """What a reading's status means for the matrix, in words."""
    return {
        "settled": _("Settled by the Secretariat"),
        "agreed": _("Coders agree"),
        "disagreement": _("Coders disagree: not counted until settled"),
        "not coded": _("Not coded yet"),
        "no reply": _("No submitted or approved reply"),
    }[status]


def n_of_m(count: int, total: int) -> str:
    return _("%(count)s of %(total)s") % {"count": count, "total": total}


@dataclass
class MatrixRow:
    country: Country
    status: str
    cells: list[bool | None]  # per column: True (has it), False (has not), None (not counted)

    @property
    def counted(self) -> bool:
        return self.status in ("agreed", "settled")

    @property
    def words(self) -> str:
        return reading_words(self.status)


@dataclass
class CategoryMatrix:
    """Rows: the round's Parties in name order; columns: the codebook's categories, parents before
    their subcategories; totals: how many Parties have each, of the round's Parties."""

    question: Question
    columns: list[Variable]
    rows: list[MatrixRow]
    totals: list[int]
    parties: int
    as_of: datetime.date
    addressed_only: bool = False  # the question is addressed to named Parties: ``parties`` counts them

    @property
    def total_labels(self) -> list[str]:
        return [n_of_m(count, self.parties) for count in self.totals]

    @property
    def not_counted(self) -> int:
        return sum(1 for row in self.rows if not row.counted)


def category_matrix(question: Question, findings: Findings | None = None) -> CategoryMatrix:
    """The Party × category matrix of a question (``findings`` when the caller already read them)."""
    findings = findings or findings_of(question)
    columns = [variable for variable in findings.variables if variable.kind == "category"]
    return CategoryMatrix(
        question=question, columns=columns,
        rows=[MatrixRow(country=reading.country, status=reading.status,
                        cells=[holds(column, reading) for column in columns]) for reading in findings.readings],
        totals=[findings.figure(column).count for column in columns],
        parties=findings.total_parties, as_of=findings.as_of, addressed_only=findings.addressed_only,
    )


@dataclass
class FactColumn:
    key: str
    label: str


@dataclass
class FactMatrix:
    """Rows: the round's Parties in name order; a cell is ✓ (party or member), SIGNED, or blank; the
    facts as they stood on the round's launch."""

    version: Version
    columns: list[FactColumn]
    rows: list[tuple[Country, list[str]]]
    as_of: datetime.date

    @property
    def totals(self) -> list[int]:
        return [sum(1 for _country, marks in self.rows if marks[index] == TICK) for index in range(len(self.columns))]

    @property
    def total_labels(self) -> list[str]:
        return [n_of_m(count, len(self.rows)) for count in self.totals]


def launch_day(version: Version) -> datetime.date:
    """The day the round was launched (today for a version not published yet)."""
    return timezone.localdate(version.published_at or timezone.now())


def fact_matrix(version: Version) -> FactMatrix:
    """The round's Parties against their treaty commitments and memberships, as of its launch."""
    parties = list(version.parties.order_by("name"))
    day = launch_day(version)
    facts = facts_on(parties, day)
    return FactMatrix(
        version=version, columns=[FactColumn(key, str(FACTS[key].label)) for key in MATRIX_FACTS],
        rows=[(country, [FACT_MARKS.get(facts[country.pk].get(key, ""), "") for key in MATRIX_FACTS])
              for country in parties],
        as_of=day,
    )
