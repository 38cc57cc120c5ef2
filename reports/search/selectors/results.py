"""One search: the documents a user may read that match the query, narrowed by the chosen facets, with the
facets' counts, one page of hits in order of relevance or date, and their highlighted snippets."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, CharField, F, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _

from countries.models import Country, Organisation
from questionnaires.models import Answer, Question

from ..models import SearchDocument
from ..query import is_empty
from .matching import matcher_for
from .scope import visible_documents

PAGE_SIZE = 20
Kind = SearchDocument.Kind


@dataclass
class SearchFilters:
    text: str = ""
    round: int | None = None
    question: str = ""  # a question number: the same question across rounds and versions
    party: str = ""  # "c<country id>" or "o<organisation id>"
    language: str = ""
    state: str = ""  # an answer's state, "published" or "question"
    sort: str = "relevance"  # or "date"
    page: int = 1


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]


@dataclass
class Hit:
    document: SearchDocument
    snippet: str
    url: str
    state: str


@dataclass
class SearchResults:
    filters: SearchFilters
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    pages: int = 0


def _state():
    return Case(When(kind=Kind.PUBLISHED, then=Value("published")), When(kind=Kind.QUESTION, then=Value("question")),
                default=F("answer__state"), output_field=CharField())


def _narrowed(documents, filters: SearchFilters):
    if filters.round is not None:
        documents = documents.filter(question__version__questionnaire__round_number=filters.round)
    if filters.question:
        documents = documents.filter(question__number=filters.question)
    if filters.party[:1] == "c" and filters.party[1:].isdigit():
        documents = documents.filter(country_id=int(filters.party[1:]))
    elif filters.party[:1] == "o" and filters.party[1:].isdigit():
        documents = documents.filter(organisation_id=int(filters.party[1:]))
    if filters.language:
        documents = documents.filter(language=filters.language)
    if filters.state:
        documents = documents.filter(state=filters.state)
    return documents


def state_labels() -> dict[str, str]:
    return {**dict(Answer.State.choices), "published": _("Published"), "question": _("Question")}


FACET_FIELDS = ("question__version__questionnaire__round_number", "question__number", "country_id",
                "organisation_id", "language", "state", "question_id")


def _facets(rows: list[tuple], filters: SearchFilters) -> list[Facet]:
    """The facets' counts, from one read of every match (round, question number, respondent, language,
    state, question id): the full-text match runs once for the total and all the facets."""
    rounds, questions, parties, languages_found, states_found = (Counter() for _ in range(5))
    last_question = {}
    for round_number, number, country_id, organisation_id, language, state, question_id in rows:
        if round_number is not None:
            rounds[round_number] += 1
        questions[number] += 1
        last_question[number] = max(last_question.get(number, 0), question_id)
        if country_id or organisation_id:
            parties[f"c{country_id}" if country_id else f"o{organisation_id}"] += 1
        languages_found[language] += 1
        states_found[state] += 1
    titles = dict(Question.objects.filter(pk__in=last_question.values()).values_list("pk", "title_en"))
    names = {f"c{pk}": name for pk, name in Country.objects.filter(
        pk__in=[int(key[1:]) for key in parties if key[0] == "c"]).values_list("pk", "name")}
    names.update({f"o{pk}": name for pk, name in Organisation.objects.filter(
        pk__in=[int(key[1:]) for key in parties if key[0] == "o"]).values_list("pk", "name")})
    languages, states = {"en": _("English"), "fr": _("French")}, state_labels()
    return [
        Facet("round", _("Round"), [FacetOption(str(r), _("Round %(number)s") % {"number": r}, n, filters.round == r)
                                    for r, n in sorted(rounds.items())]),
        Facet("question", _("Question"), [
            FacetOption(number, f"{number}. {titles.get(last_question[number], '')}", n, filters.question == number)
            for number, n in sorted(questions.items(), key=lambda row: _number_key(row[0]))]),
        Facet("party", _("Party or stakeholder"), sorted(
            (FacetOption(key, names.get(key, ""), n, filters.party == key) for key, n in parties.items()),
            key=lambda option: option.label)),
        Facet("language", _("Language"), [FacetOption(code, languages.get(code, code), n, filters.language == code)
                                          for code, n in sorted(languages_found.items())]),
        Facet("state", _("State"), [FacetOption(code, states.get(code, code), n, filters.state == code)
                                    for code, n in sorted(states_found.items())]),
    ]


def _number_key(number: str):
    return [int(part) if part.isdigit() else part for part in number.replace(".", " ").split()]


def _url(user, document: SearchDocument) -> str:
    """Where the hit is read: the answer's page for those who may open it, the public pages for what is
    published and for questions; none for an answer only found (the steering group's approved answers)."""
    question = document.question
    round_number = question.version.questionnaire.round_number
    if document.kind == Kind.ANSWER:
        reply = document.answer.reply
        if user.has_perm("questionnaires.view_reply", reply):
            return reverse("questionnaires:question_edit", args=[reply.pk, question.number])
        return ""
    if round_number is None:
        return ""
    if document.kind == Kind.PUBLISHED:
        publication = document.published_answer.publication
        if publication.country_id:
            return reverse("public:state_detail", args=[round_number, publication.country_slug]) + f"#q-{question.number}"
        return reverse("public:stakeholder_detail", args=[round_number, publication.organisation_slug]) + f"#q-{question.number}"
    return reverse("public:question_detail", args=[round_number, question.number])


def search(user, filters: SearchFilters) -> SearchResults:
    """The documents ``user`` may read that match ``filters.text`` (empty results for a query that asks
    for nothing), with the facets' counts and the page ``filters.page``."""
    results = SearchResults(filters)
    if is_empty(filters.text):
        return results
    matcher = matcher_for(filters.text)
    documents = matcher.filter(SearchDocument.objects.filter(visible_documents(user)).annotate(state=_state()))
    documents = _narrowed(documents, filters)
    rows = matcher.ordered_rows(documents, FACET_FIELDS, filters.sort)
    results.total = len(rows)
    if not results.total:
        return results
    results.facets = _facets([row[1:] for row in rows], filters)
    results.pages = (results.total + PAGE_SIZE - 1) // PAGE_SIZE
    filters.page = min(max(filters.page, 1), results.pages)
    start = (filters.page - 1) * PAGE_SIZE
    ids = [row[0] for row in rows[start:start + PAGE_SIZE]]
    snippets = matcher.snippets(SearchDocument.objects.all(), ids)
    found = SearchDocument.objects.select_related(
        "question__version__questionnaire", "country", "organisation", "answer__reply",
        "published_answer__publication",
    ).defer("body", "vector").annotate(state=_state()).in_bulk(ids)
    states = state_labels()
    results.hits = [Hit(found[pk], snippets.get(pk, ""), _url(user, found[pk]), states.get(found[pk].state, ""))
                    for pk in ids if pk in found]
    return results
