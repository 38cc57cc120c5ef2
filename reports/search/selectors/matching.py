"""Matching, ranking and highlighting, by database: PostgreSQL's full-text search (a stored tsvector with
a GIN index, ``websearch_to_tsquery`` in the document's own language, ``ts_rank``, ``ts_headline``), or
SQLite's FTS5 (Porter stemming for every language, accents folded, ``bm25``, ``snippet``)."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Q, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..query import fts5_query, websearch_query
from ..services import text_search_config

# Highlight marks: control characters no indexed text holds (text.plain leaves them out), escaped with the
# rest of the snippet and only then turned into <mark>.
START, STOP = "\x02", "\x03"
DATE_ORDER = (F("updated_at").desc(nulls_last=True), "-pk")


def highlighted(snippet: str) -> str:
    return mark_safe(escape(snippet or "").replace(START, "<mark>").replace(STOP, "</mark>"))


class PostgresMatcher:
    def __init__(self, text: str):
        text = websearch_query(text)
        self.queries = {language: SearchQuery(text, config=text_search_config(language), search_type="websearch")
                        for language in ("en", "fr")}

    def _by_language(self, expression):
        return Case(When(language="fr", then=expression("fr")), default=expression("en"))

    def filter(self, documents):
        return documents.filter(Q(language="fr", vector=self.queries["fr"])
                                | (~Q(language="fr") & Q(vector=self.queries["en"])))

    def ordered_rows(self, documents, fields, sort: str) -> list[tuple]:
        """(pk, *fields) of every match, in the order shown: one full-text query for the total, the facets
        and the page."""
        if sort == "date":
            documents = documents.order_by(*DATE_ORDER)
        else:
            rank = self._by_language(lambda language: SearchRank(F("vector"), self.queries[language]))
            documents = documents.annotate(rank=rank).order_by("-rank", *DATE_ORDER)
        return list(documents.values_list("pk", *fields))

    def snippets(self, documents, ids: list[int]) -> dict[int, str]:
        def headline(language):
            return SearchHeadline("body", self.queries[language], config=text_search_config(language),
                                  start_sel=START, stop_sel=STOP, max_words=35, min_words=15, max_fragments=2,
                                  fragment_delimiter=" … ")

        rows = documents.filter(pk__in=ids).annotate(snippet=self._by_language(headline)).values_list("pk", "snippet")
        return {pk: highlighted(snippet) for pk, snippet in rows}


class SqliteMatcher:
    def __init__(self, text: str):
        self.query = fts5_query(text)

    def filter(self, documents):
        return documents.filter(pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [self.query]))

    def ordered_rows(self, documents, fields, sort: str) -> list[tuple]:
        """(pk, *fields) of every match, in the order shown. For relevance, bm25 (lower is better) of every
        match is read from FTS5 and the visible ones sorted here: FTS5's rank cannot be joined through the
        ORM, and SQLite holds an installation's few thousand answers easily."""
        rows = list(documents.values_list("pk", "updated_at", *fields))
        ranks = {}
        if sort != "date":
            with connection.cursor() as cursor:
                cursor.execute("SELECT rowid, rank FROM search_fts WHERE search_fts MATCH %s", [self.query])
                ranks = dict(cursor.fetchall())
        rows.sort(key=lambda row: (ranks.get(row[0], 0), -(row[1].timestamp() if row[1] else 0), -row[0]))
        return [(row[0], *row[2:]) for row in rows]

    def snippets(self, documents, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, snippet(search_fts, 0, %s, %s, ' … ', 40) FROM search_fts "
                f"WHERE search_fts MATCH %s AND rowid IN ({marks})", [START, STOP, self.query, *ids],
            )
            return {pk: highlighted(snippet) for pk, snippet in cursor.fetchall()}


def matcher_for(text: str):
    """The matcher of the database in use."""
    return PostgresMatcher(text) if connection.vendor == "postgresql" else SqliteMatcher(text)
