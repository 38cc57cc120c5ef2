"""Reads of the public site: only live publications and published compilations, each page in a constant
number of queries (the snapshots hold everything a page prints)."""

import hashlib
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.utils import translation

from questionnaires import selectors as questionnaire_selectors
from questionnaires.models import Question, Version
from reports.models import Compilation

from ..models import Publication, PublishedAnswer, PublishedComment, PublishedDocument


def round_version_or_404(round_number: int) -> Version:
    version = questionnaire_selectors.issued_version_of_round(round_number)
    if version is None:
        raise Http404
    return version


def _live(version: Version):
    return Publication.objects.filter(version=version, ended_at__isnull=True)


def published_compilations(version: Version, question: Question | None = None) -> list[Compilation]:
    """The newest published, finished revision of each compilation of the version (of one question)."""
    compilations = Compilation.objects.filter(version=version, published=True, status=Compilation.Status.DONE)
    if question is not None:
        compilations = compilations.filter(kind=Compilation.Kind.QUESTION, question=question)
    newest = {}
    for compilation in compilations.select_related("question", "country", "version__questionnaire").order_by("-revision"):
        newest.setdefault((compilation.kind, compilation.question_id, compilation.country_id), compilation)
    return sorted(newest.values(), key=lambda c: (c.kind, c.question.position if c.question else 0,
                                                  c.country.name if c.country else ""))


@dataclass(frozen=True)
class Stamp:
    """When what the round's public pages show last changed, and an entity tag for it."""

    last_modified: object
    etag: str


def round_stamp(version: Version) -> Stamp:
    """Two small aggregate queries: the latest publishing or unpublishing, and which compilations are
    published (a compilation's publishing has no timestamp, so its ids enter the tag)."""
    changes = Publication.objects.filter(version=version).aggregate(
        published=Max("published_at"), ended=Max("ended_at"), live=Count("pk", filter=Q(ended_at__isnull=True)),
    )
    compilation_ids = list(Compilation.objects.filter(version=version, published=True,
                                                      status=Compilation.Status.DONE).order_by("pk")
                           .values_list("pk", flat=True))
    moments = [moment for moment in (changes["published"], changes["ended"]) if moment]
    last = max(moments) if moments else version.published_at
    key = f"{version.pk}|{last}|{changes['live']}|{compilation_ids}|{translation.get_language()}"
    return Stamp(last, hashlib.sha256(key.encode()).hexdigest()[:32])


def _localized(answer: PublishedAnswer) -> PublishedAnswer:
    """Attach the items in the active language (French texts fall back to English) and their documents."""
    french = (translation.get_language() or "en")[:2] == "fr"
    documents: dict[str, list[PublishedDocument]] = {}
    for document in answer.documents.all():
        documents.setdefault(document.item_number, []).append(document)
    answer.question_title = (answer.question_title_fr if french else "") or answer.question_title_en
    answer.shown_items = [
        {**item, "label": (item["text_fr"] if french else "") or item["text_en"],
         "value": item["value_fr"] if french else item["value_en"], "documents": documents.get(item["number"], [])}
        for item in answer.items
    ]
    return answer


def _answers():
    return PublishedAnswer.objects.prefetch_related(
        Prefetch("documents", queryset=PublishedDocument.objects.order_by("item_number", "pk"))
    )


def round_page(version: Version) -> dict:
    live = list(_live(version).select_related("country", "organisation"))
    return {
        "questions": questionnaire_selectors.version_questions(version),
        "publications": sorted((p for p in live if p.country_id), key=lambda p: p.country.name),
        "stakeholders": sorted((p for p in live if p.organisation_id), key=lambda p: p.organisation.name),
        "compilations": published_compilations(version),
    }


def _live_comments(version: Version):
    return PublishedComment.objects.filter(publication__version=version, publication__ended_at__isnull=True)


def state_page(version: Version, country_slug: str) -> dict:
    """A Party's published reply, and the published comments of other stakeholders on it (those on the
    reply as a whole first, then question by question)."""
    publication = _live(version).filter(country_slug=country_slug).select_related("country").first()
    if publication is None:
        raise Http404
    answers = [_localized(answer) for answer in _answers().filter(publication=publication)]
    comments = _live_comments(version).filter(country=publication.country_id).select_related("publication__organisation")
    return {"publication": publication, "answers": answers,
            "comments": sorted(comments, key=lambda c: (c.position, c.publication.organisation.name, c.pk))}


def question_page(version: Version, number: str) -> dict:
    """Every published answer to a question, the Parties' then the other stakeholders', and the
    published comments on the Parties' answers to it."""
    question = next((q for q in questionnaire_selectors.version_questions(version) if q.number == number), None)
    if question is None:
        raise Http404
    answers = [_localized(a) for a in _answers().filter(
        publication__version=version, publication__ended_at__isnull=True, question_number=number,
    ).select_related("publication__country", "publication__organisation")]
    comments = _live_comments(version).filter(question_number=number).select_related(
        "publication__organisation", "country")
    return {
        "question": question,
        "answers": sorted((a for a in answers if a.publication.country_id), key=lambda a: a.publication.country.name),
        "stakeholder_answers": sorted((a for a in answers if a.publication.organisation_id),
                                      key=lambda a: a.publication.organisation.name),
        "comments": sorted(comments, key=lambda c: (c.country_name, c.publication.organisation.name, c.pk)),
        "compilations": published_compilations(version, question),
    }


def stakeholder_page(version: Version, organisation_slug: str) -> dict:
    """Another stakeholder's publication: its answers question by question, its comments by Party."""
    publication = (_live(version).filter(organisation_slug=organisation_slug, organisation__isnull=False)
                   .select_related("organisation__country").first())
    if publication is None:
        raise Http404
    answers = [_localized(answer) for answer in _answers().filter(publication=publication)]
    parties: dict[int, list[PublishedComment]] = {}
    for comment in publication.comments.select_related("country").order_by("country_name", "position", "pk"):
        parties.setdefault(comment.country_id, []).append(comment)
    return {"publication": publication, "answers": answers,
            "comments_by_party": [(comments[0].country, comments) for comments in parties.values()]}


def published_document_or_404(version: Version, pk: int) -> PublishedDocument:
    document = PublishedDocument.objects.filter(
        pk=pk, published_answer__publication__version=version, published_answer__publication__ended_at__isnull=True,
    ).exclude(file="").first()
    if document is None:
        raise Http404
    return document


def published_compilation_or_404(version: Version, pk: int) -> Compilation:
    compilation = Compilation.objects.filter(pk=pk, version=version, published=True,
                                             status=Compilation.Status.DONE).first()
    if compilation is None:
        raise Http404
    return compilation
