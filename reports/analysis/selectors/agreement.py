"""Agreement between two coders of a question: per category, percent agreement and Cohen's kappa over
the answers both coded, and the answers on which they disagree, side by side."""

from dataclasses import dataclass

from questionnaires.models import Question

from ..models import Category, Coding
from .coding import PartyAnswer, ancestors_by_code, categories_in_order, codebook_of, coding_codes, party_answers


@dataclass
class CategoryAgreement:
    category: Category
    both: int
    first_only: int
    second_only: int
    neither: int

    @property
    def compared(self) -> int:
        return self.both + self.first_only + self.second_only + self.neither

    @property
    def percent(self) -> float | None:
        return 100 * (self.both + self.neither) / self.compared if self.compared else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa: agreement beyond what the coders' own rates would give by chance; None when
        chance alone explains everything (both coders gave the same answer to every reply)."""
        n = self.compared
        if not n:
            return None
        observed = (self.both + self.neither) / n
        first, second = (self.both + self.first_only) / n, (self.both + self.second_only) / n
        expected = first * second + (1 - first) * (1 - second)
        return None if expected == 1 else (observed - expected) / (1 - expected)


@dataclass
class Disagreement:
    row: PartyAnswer
    first: Coding
    second: Coding
    differing: set[str]


@dataclass
class Agreement:
    question: Question
    first_coder: object | None
    second_coder: object | None
    compared: int
    categories: list[CategoryAgreement]
    disagreements: list[Disagreement]

    @property
    def identical(self) -> int:
        return self.compared - len(self.disagreements)


def agreement_of(question: Question, rows: list[PartyAnswer] | None = None) -> Agreement:
    """The agreement of the two coders who coded most of the question's answers, over the answers both
    coded (settled codings are the outcome, not a coder's reading, and are left out)."""
    categories = categories_in_order(codebook_of(question))
    ancestors = ancestors_by_code(categories)
    rows = party_answers(question) if rows is None else rows
    counts: dict[int, int] = {}
    coders = {}
    for row in rows:
        for coding in row.coder_codings:
            counts[coding.coder_id] = counts.get(coding.coder_id, 0) + 1
            coders[coding.coder_id] = coding.coder
    pair = sorted(counts, key=lambda coder_id: (-counts[coder_id], coder_id))[:2]
    if len(pair) < 2:
        return Agreement(question, coders.get(pair[0]) if pair else None, None, 0,
                         [CategoryAgreement(c, 0, 0, 0, 0) for c in categories], [])
    cells = {c.code: [0, 0, 0, 0] for c in categories}
    compared, disagreements = 0, []
    for row in rows:
        mine = {coding.coder_id: coding for coding in row.coder_codings}
        if pair[0] not in mine or pair[1] not in mine:
            continue
        compared += 1
        first, second = mine[pair[0]], mine[pair[1]]
        first_codes, second_codes = coding_codes(first, ancestors), coding_codes(second, ancestors)
        for code, cell in cells.items():
            a, b = code in first_codes, code in second_codes
            cell[0 if a and b else 1 if a else 2 if b else 3] += 1
        if first_codes != second_codes:
            disagreements.append(Disagreement(row, first, second, first_codes ^ second_codes))
    return Agreement(
        question=question, first_coder=coders[pair[0]], second_coder=coders[pair[1]], compared=compared,
        categories=[CategoryAgreement(c, *cells[c.code]) for c in categories], disagreements=disagreements,
    )
