"""Benchmark: full-text search over 200 Parties x 3 rounds x 16 questions, answers of about 1,500 words.

Run:  .venv/bin/python bench/search.py   (or `make bench-search`; DATABASE_URL=postgres://... for PostgreSQL)

In a throw-away test database it builds the three rounds (answers spread over the four states, a third
of them in French), indexes one answer document of about 1,500 words per answer, publishes nothing, then
prints the p50 and p95 time of whole searches (count, five facets, a page of 20 ranked hits with their
snippets: what the search page asks) for the secretariat, a focal point and the steering group, and the
time indexing one saved answer adds to its save.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:///bench-search.sqlite3")  # the test database is in memory

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

from pages import build_round  # noqa: E402

PARTIES, QUESTIONS, ROUNDS, WORDS = 200, 16, 3, 1500
ENGLISH = ("child children sexual exploitation abuse online offender victim police law criminal code article "
           "prevention awareness school teacher parent helpline hotline report reporting database national plan "
           "strategy protection support service training judge prosecutor investigation evidence image material "
           "internet provider platform cooperation international europe council convention committee data "
           "statistics year ministry justice interior health education social worker programme campaign").split()
FRENCH = ("enfant enfants sexuelle exploitation abus ligne auteur victime police loi pénal code article "
          "prévention sensibilisation école enseignant parent écoute signalement base nationale plan stratégie "
          "protection soutien service formation juge procureur enquête preuve image matériel internet "
          "fournisseur plateforme coopération internationale europe conseil convention comité données "
          "statistiques année ministère justice intérieur santé éducation travailleur programme campagne").split()
QUERIES = ["INTERPOL ICSE", '"ICSE database"', "helpline", "helplines OR hotline", "exploitation -police",
           "école", "grooming", "sextortion OR livestreaming", "victim identification"]


def _text(rng: random.Random, words: list[str]) -> str:
    """About WORDS words: a common vocabulary, rarer invented terms, and now and then a named topic."""
    body = rng.choices(words, k=WORDS - 60) + [f"term{rng.randrange(20000)}" for _ in range(60)]
    for topic, share in (("INTERPOL's ICSE database", 0.05), ("grooming", 0.10), ("sextortion", 0.03),
                         ("livestreaming", 0.02), ("victim identification", 0.15)):
        if rng.random() < share:
            body.insert(rng.randrange(len(body)), topic)
    return " ".join(body)


def build_index(versions, rng: random.Random) -> int:
    from questionnaires.models import Answer
    from reports.search.models import SearchDocument
    from reports.search.services import text_search_config

    documents = []
    for answer in Answer.objects.filter(reply__version__in=versions).select_related("reply").order_by("pk"):
        language = "fr" if answer.pk % 3 == 0 else "en"
        documents.append(SearchDocument(
            kind="answer", answer=answer, question_id=answer.question_id, country_id=answer.reply.country_id,
            language=language, body=_text(rng, FRENCH if language == "fr" else ENGLISH), revision=answer.revision,
            updated_at=answer.reply.created_at,
        ))
    SearchDocument.objects.bulk_create(documents, batch_size=500)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for language in ("en", "fr"):
                cursor.execute("UPDATE search_searchdocument SET vector = to_tsvector(%s::regconfig, body) "
                               "WHERE language = %s", [text_search_config(language), language])
            cursor.execute("ANALYZE")
    return len(documents)


def percentiles(timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def time_searches(user, repeat: int) -> tuple[list[float], dict[str, int]]:
    from reports.search.selectors import SearchFilters, search

    timings, totals = [], {}
    for query in QUERIES:
        search(user, SearchFilters(text=query))
        for _ in range(repeat):
            started = time.perf_counter()
            results = search(user, SearchFilters(text=query))
            timings.append((time.perf_counter() - started) * 1000)
        totals[query] = results.total
    return timings, totals


def time_indexing(version, rng: random.Random, repeat: int) -> list[float]:
    """Milliseconds that indexing adds to saving one answer (its 1,500 words read, the document replaced)."""
    from questionnaires.models import Answer
    from questionnaires.selectors import item_answers_for_search
    from reports.search.services import document_index_answer

    answers = list(Answer.objects.filter(reply__version=version).select_related("reply")[:repeat])
    timings = []
    for answer in answers:
        item_answers = item_answers_for_search(answer)
        for item_answer in item_answers:
            if item_answer.item.type == "text":
                item_answer.text = "<p>" + _text(rng, ENGLISH) + "</p>"
        started = time.perf_counter()
        document_index_answer(answer=answer, item_answers=item_answers)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--parties", type=int, default=PARTIES)
    arguments = parser.parse_args()

    from countries.models import Country
    from tests.factories import FocalPointFactory, ReviewerFactory, SteeringMemberFactory

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        rng = random.Random(17)
        letters = (f"{a}{b}" for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        countries = [Country.objects.create(iso_code=next(letters), name=f"Bench country {n:03}",
                                            lanzarote_party=Country.PartyStatus.PARTY) for n in range(arguments.parties)]
        started = time.perf_counter()
        versions = [build_round(countries, QUESTIONS, number)[0] for number in range(1, ROUNDS + 1)]
        count = build_index(versions, rng)
        print(f"database: {connection.vendor}; {arguments.parties} Parties x {ROUNDS} rounds x {QUESTIONS} questions: "
              f"{count} answers of about {WORDS} words indexed (built in {time.perf_counter() - started:.0f} s); "
              f"{len(QUERIES)} queries x {arguments.repeat}; load {os.getloadavg()[0]:.1f}")
        users = {"secretariat": ReviewerFactory(), "focal point": FocalPointFactory(country=countries[0]).user,
                 "steering group": SteeringMemberFactory()}
        for name, user in users.items():
            timings, totals = time_searches(user, arguments.repeat)
            p50, p95 = percentiles(timings)
            print(f"search, {name:<15} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   max {max(timings):6.1f} ms")
            if name == "secretariat":
                print("  hits: " + "; ".join(f"{query} {total}" for query, total in totals.items()))
        p50, p95 = percentiles(time_indexing(versions[-1], rng, 50))
        print(f"indexing one saved answer of {WORDS} words: p50 {p50:.1f} ms   p95 {p95:.1f} ms")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
