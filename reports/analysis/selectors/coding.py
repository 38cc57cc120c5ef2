"""The coding sheet of a question: every Party of the round, its answer as coders read it, and codings."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from countries.models import Country
from questionnaires.models import Answer, Question
from questionnaires.selectors.compiling import READABLE_FOR_FINDINGS, answers_for_findings, readable_answer_counts

from ..models import Assignment, Category, Codebook, Coding, CodingEvent
from .answers import answer_texts, structured_values


@dataclass
class PartyAnswer:
    country: Country
    answer: Answer | None
    texts: dict[str, str] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    codings: list[Coding] = field(default_factory=list)
    states: tuple[str, ...] = READABLE_FOR_FINDINGS  # the answer states the reader may read

    @property
    def readable(self) -> bool:
        return self.answer is not None and self.answer.state in self.states

    @property
    def approved(self) -> bool:
        return self.answer is not None and self.answer.state == Answer.State.APPROVED

    def coding_by(self, user) -> Coding | None:
        return next((c for c in self.codings if not c.is_final and c.coder_id == user.pk), None)

    @property
    def final(self) -> Coding | None:
        return next((c for c in self.codings if c.is_final), None)

    @property
    def coder_codings(self) -> list[Coding]:
        return [c for c in self.codings if not c.is_final]


def codebook_of(question: Question) -> Codebook | None:
    """The question's codebook with its categories in order (parents before their children), or None."""
    codebook = Codebook.objects.filter(question=question).prefetch_related(
        Prefetch("categories", queryset=Category.objects.select_related("parent").order_by("position", "pk"))
    ).first()
    return codebook


def categories_in_order(codebook: Codebook | None) -> list[Category]:
    """Categories as a tree read top-down: each parent followed by its subcategories."""
    if codebook is None:
        return []
    categories = list(codebook.categories.all())
    children: dict[int | None, list[Category]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    ordered: list[Category] = []

    def visit(parent_id, depth):
        for category in children.get(parent_id, []):
            category.depth = depth
            ordered.append(category)
            visit(category.pk, depth + 1)

    visit(None, 0)
    return ordered


def ancestors_by_code(categories: list[Category]) -> dict[str, set[str]]:
    """Each category's parent, grandparent …, by code."""
    by_pk = {c.pk: c for c in categories}
    ancestors: dict[str, set[str]] = {}
    for category in categories:
        parent, chain = by_pk.get(category.parent_id), set()
        while parent is not None:
            chain.add(parent.code)
            parent = by_pk.get(parent.parent_id)
        ancestors[category.code] = chain
    return ancestors


def coding_codes(coding: Coding, ancestors: dict[str, set[str]]) -> frozenset[str]:
    """A coding's categories with their parents: coding "dedicated" also says "capacity". Two codings
    agree when these sets are equal."""
    codes: set[str] = set()
    for assignment in coding.assignments.all():
        codes |= {assignment.category.code} | ancestors.get(assignment.category.code, set())
    return frozenset(codes)


def party_answers(question: Question, *, countries=None, texts: bool = False, values: bool = False,
                  states: tuple[str, ...] = READABLE_FOR_FINDINGS) -> list[PartyAnswer]:
    """Every Party of the question's round that the question is addressed to (or those of ``countries``
    among them), in name order, with its answer and every coding of it, in a fixed number of queries.
    ``texts`` adds the answer's free texts and ``values`` its structured values, both only for answers
    in ``states`` (submitted or approved by default, approved only for a rapporteur)."""
    parties = question.version.parties.order_by("name")
    addressees = list(question.addressees.values_list("pk", flat=True))
    if addressees:
        parties = parties.filter(pk__in=addressees)
    if countries is not None:
        parties = parties.filter(pk__in=[country.pk for country in countries])
    parties = list(parties)
    answers = {a.reply.country_id: a for a in answers_for_findings(
        question, parties, with_values=texts or values, states=states)}
    codings: dict[int, list[Coding]] = {}
    for coding in (
        Coding.objects.filter(answer__in=[a.pk for a in answers.values()])
        .select_related("coder")
        .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("category")
                                   .order_by("category__position", "pk")))
        .order_by("pk")
    ):
        codings.setdefault(coding.answer_id, []).append(coding)
    rows = []
    for country in parties:
        answer = answers.get(country.pk)
        row = PartyAnswer(country=country, answer=answer, codings=codings.get(answer.pk, []) if answer else [],
                          states=states)
        if row.readable and texts:
            row.texts = answer_texts(answer)
        if row.readable and values:
            row.variables = structured_values(answer)
        rows.append(row)
    return rows


@dataclass
class QuestionProgress:
    question: Question
    categories: int
    readable: int  # Parties' answers submitted or approved
    coded: int  # of which coded by at least one coder (or settled)
    double_coded: int  # coded by two coders or more
    settled: int


def coding_progress(questions: list[Question]) -> list[QuestionProgress]:
    """Per question: its codebook's size and how far coding has gone, in three queries."""
    categories = dict(
        Category.objects.filter(codebook__question__in=questions).order_by()
        .values_list("codebook__question_id").annotate(n=Count("pk"))
    )
    readable = readable_answer_counts(questions)
    coders: dict[int, dict[int, int]] = {}
    settled: dict[int, set[int]] = {}
    for question_id, answer_id, is_final in (
        Coding.objects.filter(answer__question__in=questions).order_by()
        .values_list("answer__question_id", "answer_id", "is_final")
    ):
        if is_final:
            settled.setdefault(question_id, set()).add(answer_id)
        else:
            per_answer = coders.setdefault(question_id, {})
            per_answer[answer_id] = per_answer.get(answer_id, 0) + 1
    return [
        QuestionProgress(
            question=q, categories=categories.get(q.pk, 0), readable=readable.get(q.pk, 0),
            coded=len(set(coders.get(q.pk, {})) | settled.get(q.pk, set())),
            double_coded=sum(1 for n in coders.get(q.pk, {}).values() if n >= 2),
            settled=len(settled.get(q.pk, set())),
        )
        for q in questions
    ]


def coding_events(answer: Answer, limit: int = 20) -> list[CodingEvent]:
    """The latest changes to the codings of an answer, newest first, with who made them."""
    return list(CodingEvent.objects.filter(answer=answer).select_related("actor")[:limit])
