"""One search: the documents a user may read that match the query, narrowed by the chosen facets, with the
facets' counts, one page of hits in order of relevance or date, and their highlighted snippets."""

from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, Max, Value, When
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


def _counts(documents, key: str) -> list[tuple]:
    rows = documents.order_by().values(key).annotate(n=Count("pk"), last=Max("question_id"))
    return [(row[key], row["n"], row["last"]) for row in rows if row[key] not in (None, "")]


def _facets(documents, filters: SearchFilters) -> list[Facet]:
    languages = {"en": _("English"), "fr": _("French")}
    rounds = sorted(_counts(documents, "question__version__questionnaire__round_number"))
    questions = _counts(documents, "question__number")
    titles = dict(Question.objects.filter(pk__in=[last for _n, _c, last in questions]).values_list("pk", "title_en"))
    parties = documents.order_by().values("country_id", "organisation_id").annotate(n=Count("pk"))
    countries = dict(Country.objects.filter(pk__in=[p["country_id"] for p in parties]).values_list("pk", "name"))
    organisations = dict(Organisation.objects.filter(pk__in=[p["organisation_id"] for p in parties])
                         .values_list("pk", "name"))
    party_options = sorted(
        (FacetOption(f"c{p['country_id']}", countries.get(p["country_id"], ""), p["n"], filters.party == f"c{p['country_id']}")
         if p["country_id"] else
         FacetOption(f"o{p['organisation_id']}", organisations.get(p["organisation_id"], ""), p["n"],
                     filters.party == f"o{p['organisation_id']}")
         for p in parties if p["country_id"] or p["organisation_id"]), key=lambda option: option.label)
    states = state_labels()
    return [
        Facet("round", _("Round"), [FacetOption(str(r), _("Round %(number)s") % {"number": r}, n, filters.round == r)
                                    for r, n, _last in rounds]),
        Facet("question", _("Question"), [
            FacetOption(number, f"{number}. {titles.get(last, '')}", n, filters.question == number)
            for number, n, last in sorted(questions, key=lambda row: _number_key(row[0]))]),
        Facet("party", _("Party or stakeholder"), party_options),
        Facet("language", _("Language"), [FacetOption(code, languages.get(code, code), n, filters.language == code)
                                          for code, n, _last in _counts(documents, "language")]),
        Facet("state", _("State"), [FacetOption(code, states.get(code, code), n, filters.state == code)
                                    for code, n, _last in _counts(documents, "state")]),
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
    results.total = documents.count()
    if not results.total:
        return results
    results.facets = _facets(documents, filters)
    results.pages = (results.total + PAGE_SIZE - 1) // PAGE_SIZE
    filters.page = min(max(filters.page, 1), results.pages)
    start = (filters.page - 1) * PAGE_SIZE
    ids = matcher.page_ids(documents, filters.sort, start, start + PAGE_SIZE)
    snippets = matcher.snippets(SearchDocument.objects.all(), ids)
    found = SearchDocument.objects.select_related(
        "question__version__questionnaire", "country", "organisation", "answer__reply",
        "published_answer__publication",
    ).defer("body", "vector").annotate(state=_state()).in_bulk(ids)
    states = state_labels()
    results.hits = [Hit(found[pk], snippets.get(pk, ""), _url(user, found[pk]), states.get(found[pk].state, ""))
                    for pk in ids if pk in found]
    return results
