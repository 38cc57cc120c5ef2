"""Writes to the search index: one document per answer (replaced on every new revision), per published
answer (when published) and per question and language (when its version is published)."""

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Value

from questionnaires import selectors as questionnaire_selectors
from questionnaires.models import Answer, Version
from reports.publication.models import PublishedAnswer

from .models import SearchDocument
from .text import answer_text, published_text, question_text

LANGUAGES = ("en", "fr")


def text_search_config(language: str) -> str:
    """The PostgreSQL configuration a document in ``language`` is indexed and queried with: French for
    French, English for everything else (the national-language versions are part of their answer)."""
    return "search_french" if language == "fr" else "search_english"


def _vector(body, language: str):
    return SearchVector(body, config=text_search_config(language))


def _upsert(lookup: dict, fields: dict) -> None:
    """Replace the document matching ``lookup`` with ``fields`` (a single UPDATE when it exists, with its
    vector on PostgreSQL), or create it."""
    on_postgresql = connection.vendor == "postgresql"
    language = fields.get("language") or lookup.get("language", "")
    extra = {"vector": _vector(Value(fields["body"]), language)} if on_postgresql else {}
    if SearchDocument.objects.filter(**lookup).update(**fields, **extra):
        return
    document = SearchDocument.objects.create(**lookup, **fields)
    if on_postgresql:
        SearchDocument.objects.filter(pk=document.pk).update(vector=_vector("body", document.language))


def document_index_answer(*, answer: Answer, item_answers=None) -> None:
    """Index the answer as it stands (``item_answers``: its ItemAnswers with their items, and the
    attachments of its reference-text items, when the caller has them)."""
    if item_answers is None:
        item_answers = questionnaire_selectors.item_answers_for_search(answer)
    reply = answer.reply
    _upsert({"kind": SearchDocument.Kind.ANSWER, "answer_id": answer.pk}, {
        "question_id": answer.question_id, "country_id": reply.country_id,
        "organisation_id": reply.organisation_id, "language": answer.language,
        "body": answer_text(answer, item_answers), "revision": answer.revision, "updated_at": answer.updated_at,
    })


def document_index_published(*, published_answer, answer: Answer) -> None:
    """Index a published snapshot of ``answer`` (what its publication shows, while it is live)."""
    publication = published_answer.publication
    titles = [document.title for document in published_answer.documents.all()]
    _upsert({"kind": SearchDocument.Kind.PUBLISHED, "published_answer_id": published_answer.pk}, {
        "answer_id": answer.pk, "question_id": answer.question_id, "country_id": publication.country_id,
        "organisation_id": publication.organisation_id, "language": published_answer.language,
        "body": published_text(published_answer, titles), "revision": published_answer.revision,
        "updated_at": publication.published_at,
    })


def documents_index_version(*, version: Version) -> None:
    """Index the questions of a published version, each in English and in French."""
    questions = list(version.questions.all())
    items = questionnaire_selectors.items_by_question(questions)
    for question in questions:
        for language in LANGUAGES:
            _upsert({"kind": SearchDocument.Kind.QUESTION, "question_id": question.pk, "language": language}, {
                "body": question_text(question, items.get(question.pk, []), language),
                "updated_at": version.published_at,
            })


@transaction.atomic
def index_rebuild() -> int:
    """Index everything again from the answers, the live publications and the issued versions (after a
    restore, or when the index is created on an installation with data). Returns the documents indexed."""
    SearchDocument.objects.all().delete()
    for version in questionnaire_selectors.issued_versions():
        documents_index_version(version=version)
    for answer in questionnaire_selectors.answers_for_search():
        document_index_answer(answer=answer, item_answers=answer.item_answers.all())
    for published_answer, answer in _live_published_answers():
        document_index_published(published_answer=published_answer, answer=answer)
    return SearchDocument.objects.count()


def _live_published_answers():
    """(published answer, the answer it is a snapshot of) for every live publication."""
    published = list(PublishedAnswer.objects.filter(publication__ended_at__isnull=True)
                     .select_related("publication").prefetch_related("documents"))
    answer_ids = {int(pk) for p in published for pk in p.publication.revisions}
    answers = {(a.reply.version_id, a.reply.country_id, a.reply.organisation_id, a.question.number): a
               for a in Answer.objects.filter(pk__in=answer_ids).select_related("reply", "question")}
    for published_answer in published:
        publication = published_answer.publication
        answer = answers.get((publication.version_id, publication.country_id, publication.organisation_id,
                              published_answer.question_number))
        if answer is not None:
            yield published_answer, answer
