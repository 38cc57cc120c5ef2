"""The pages that grow with a questionnaire keep a fixed number of queries, and no hot query sorts on
joined tables (issue 15)."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import FocalPointFactory, ReviewerFactory, version_with_parties

pytestmark = pytest.mark.django_db


def _queries(client, url, rendered_afresh=False) -> list[str]:
    client.get(url)  # sessions, caches and content types warmed up
    if rendered_afresh:  # what is kept of published versions is read and rendered again
        caches["rendered"].clear()
        caches["published"].clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_the_version_preview_reads_a_fixed_number_of_queries_whatever_the_number_of_questions(client):
    client.force_login(ReviewerFactory())
    small, _ = version_with_parties(questions=2, parties=0, code="small")
    large, _ = version_with_parties(questions=6, parties=0, code="large")

    small_queries = _queries(client, reverse("questionnaires:version_preview", args=[small.pk]), rendered_afresh=True)
    large_queries = _queries(client, reverse("questionnaires:version_preview", args=[large.pk]), rendered_afresh=True)
    served_from_memory = _queries(client, reverse("questionnaires:version_preview", args=[large.pk]))

    # the last one finds the previous version to compare with; one reads the user's rapporteur appointments;
    # two read the addressees of the questions and of the items
    assert len(large_queries) == len(small_queries) == 13
    assert len(served_from_memory) == 7  # a published version's questions are rendered once per language


def _from_table(queries, table):
    """The queries reading rows of ``table`` (not the counts grouped over it)."""
    return [sql for sql in queries if sql.startswith(f'SELECT "{table}".') and "GROUP BY" not in sql]


def _sort_tables(sql) -> set[str]:
    """The tables a query's ORDER BY sorts on (its own, not that of a subquery in its columns)."""
    order_by = re.sub(r"\(SELECT .*?\) AS ", "", sql).partition(" ORDER BY ")[2]
    return set(re.findall(r'"(\w+)"\.', order_by))


def test_the_reply_overview_reads_item_answers_without_sorting_on_joined_tables(client):
    client.force_login(ReviewerFactory())
    small, (small_reply,) = version_with_parties(questions=2, parties=1, code="small")
    large, (large_reply,) = version_with_parties(questions=6, parties=1, code="large")

    small_queries = _queries(client, reverse("questionnaires:reply_detail", args=[small_reply.pk]))
    queries = _queries(client, reverse("questionnaires:reply_detail", args=[large_reply.pk]))

    assert len(queries) == len(small_queries)
    (item_answers,) = _from_table(queries, "questionnaires_itemanswer")
    # The only join left is the item, whose type says whether the value counts as answered.
    assert re.findall(r'JOIN "(\w+)"', item_answers) == ["questionnaires_item"]
    assert "ORDER BY" not in item_answers
    for table in ("questionnaires_answer", "questionnaires_attachment", "questionnaires_choice"):
        (sql,) = _from_table(queries, table)
        assert _sort_tables(sql) <= {table}, sql


def test_the_question_page_reads_item_answers_without_sorting_on_joined_tables(client):
    _, (reply,) = version_with_parties(questions=2, parties=1, code="page")
    client.force_login(FocalPointFactory(country=reply.country).user)

    url = reverse("questionnaires:question_edit", args=[reply.pk, "2"])
    queries = _queries(client, url, rendered_afresh=True)
    from_memory = _queries(client, url)

    (item_answers,) = _from_table(queries, "questionnaires_itemanswer")
    assert re.findall(r'JOIN "(\w+)"', item_answers) == ["questionnaires_item"]
    (choices,) = _from_table(queries, "questionnaires_choice")
    assert "JOIN" not in choices
    # A published question's items, choices and addressees are read once per process.
    kept = ("questionnaires_item", "questionnaires_choice", "questionnaires_item_addressees")
    assert all(_from_table(queries, table) for table in kept)
    assert not any(_from_table(from_memory, table) for table in kept)
    assert len(from_memory) == len(queries) - 3


def _statement(sql) -> tuple[str, str]:
    """(verb, table) of one SQL statement."""
    verb = sql.split()[0]
    table = re.search(r'(?:FROM|UPDATE|INTO) "(\w+)"', sql)
    return verb, table.group(1) if table else ""


def test_an_autosave_reads_the_answer_once_to_lock_it_and_the_choices_once(client):
    _, (reply,) = version_with_parties(questions=2, parties=1, code="autosave")
    client.force_login(FocalPointFactory(country=reply.country).user)
    answer = reply.answers.get(question__number="2")
    text_item, choice_item = (ia.item for ia in answer.item_answers.order_by("item__position").select_related("item"))
    url = reverse("questionnaires:question_autosave", args=[reply.pk, "2"])
    client.post(url, {"revision": 0, "language": "en", f"item_{text_item.pk}": "<p>First</p>"})

    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, {"revision": 1, "language": "en", f"item_{text_item.pk}": "<p>Second</p>",
                                     f"item_{choice_item.pk}": "b"})

    assert response.status_code == 200 and response.json()["revision"] == 2
    queries = [query["sql"] for query in captured.captured_queries
               if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    statements = [_statement(sql) for sql in queries]
    assert statements == [
        ("SELECT", "django_session"), ("SELECT", "auth_user"),
        ("SELECT", "questionnaires_answer"),  # with its reply, version, country and question, in one query
        ("SELECT", "countries_focalpoint"),  # whose country the user answers for
        # the question's items, choices and addressees: kept in memory since the first autosave
        ("SELECT", "questionnaires_answer"),  # locked; the reply, version and country are not read again
        ("SELECT", "questionnaires_itemanswer"),  # the items and choices the form validated are reused
        ("UPDATE", "questionnaires_itemanswer"), ("UPDATE", "questionnaires_answer"),
        ("INSERT", "questionnaires_answerrevision"), ("INSERT", "questionnaires_answerevent"),
        ("UPDATE", "search_searchdocument"),  # the search index: the new text (and its vector) in one statement
    ]
    assert "JOIN" not in queries[5] and "ORDER BY" not in queries[5]  # the item answers alone
    assert answer.item_answers.get(item=choice_item).choice == "b"
    assert answer.item_answers.get(item=text_item).text == "<p>Second</p>"
