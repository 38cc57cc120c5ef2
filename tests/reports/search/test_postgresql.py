"""PostgreSQL's side of the search: the unaccent configurations, the stored vector kept current on save,
and the GIN index the queries use. Run with DATABASE_URL (``make test``); under CI=true they never skip."""

import pytest
from django.db import connection

from questionnaires.services import ItemValue, answer_save
from reports.search.models import SearchDocument
from reports.search.selectors import SearchFilters
from reports.search.selectors.matching import PostgresMatcher
from tests.conftest import IN_CI
from tests.factories import CountryFactory, party_reply_start

pytestmark = pytest.mark.integration


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        message = "needs PostgreSQL (DATABASE_URL)"
        if IN_CI:
            pytest.fail(message + ": CI runs the suite on PostgreSQL")
        pytest.skip(message)


def _vector(document):
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM search_searchdocument WHERE id = %s", [document.pk])
        return cursor.fetchone()[0]


def test_the_configurations_fold_accents_and_stem(postgresql):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('search_french', 'Les écoles et exploitations')::text, "
                       "to_tsvector('search_english', 'Helplines in élite schools')::text")
        french, english = cursor.fetchone()
    assert "'ecol':2" in french and "'exploit':4" in french
    assert english == "'elit':3 'helplin':1 'school':4"


def test_the_stored_vector_follows_each_save_and_the_answers_language(postgresql, round_one):
    reply = party_reply_start(version=round_one, country=CountryFactory())
    answer = answer_save(answer=reply.answers.get(question__number="1"),
                         values={"1.1": ItemValue(text="<p>Des écoles</p>")}, user=None, language="fr")
    document = SearchDocument.objects.get(kind="answer", answer=answer)
    assert _vector(document) == "'ecol':2"

    answer_save(answer=answer, values={"1.1": ItemValue(text="<p>Helplines</p>")}, user=None, language="en")

    assert _vector(document) == "'helplin':1"


def test_the_match_uses_the_gin_index(postgresql, round_one):
    documents = PostgresMatcher(SearchFilters(text="helpline").text).filter(SearchDocument.objects.all())
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = documents.explain()
    assert "search_document_vector" in plan
