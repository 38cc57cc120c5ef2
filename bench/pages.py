"""Benchmark: server time, SQL queries and bytes of the pages that grow with a round (issue 15).

Run:  .venv/bin/python bench/pages.py   (or `make bench-pages`)
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_speed .venv/bin/python bench/pages.py

It builds, in a throw-away test database (SQLite in memory, or ``test_<name>`` next to the database in
DATABASE_URL, dropped at the end), 47 and 200 Parties each replying to three rounds of 16 and of 64
questions, with answers in every state (on PostgreSQL, with fresh statistics), then prints for the
latest round the median server time, the number of queries, the size and the first request's time of:
the progress dashboard (secretariat and steering group), the version preview and one reply's overview.
The query counts must be the same at every size.
"""

import argparse
import gzip
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:///bench-pages.sqlite3")  # the test database is in memory

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_databases, setup_test_environment, teardown_databases

COUNTRIES = (47, 200)
QUESTIONS = (16, 64)
ROUNDS = 3


def questionnaire_yaml(code: str, round_number: int, questions: int) -> str:
    lines = [f"code: {code}", 'version: "1"', f"round: {round_number}", "title: {en: Bench, fr: Banc}",
             "sections:"]
    for number in range(1, questions + 1):
        if number % 8 == 1:
            lines += [f"  - code: s{number}", f"    title: {{en: Section {number}}}", "    questions:"]
        lines += [
            f'      - number: "{number}"', f"        title: {{en: Question {number}, fr: Question {number}}}",
            "        items:",
            f'          - number: "{number}.1"', "            type: yes_no", "            explain: true",
            "            text: {en: Is there a law}",
            f'          - number: "{number}.2"', "            type: text", "            text: {en: Describe it.}",
            f'          - number: "{number}.3"', "            type: choice", "            text: {en: Which kind}",
            "            choices: [{code: a, label: {en: A}}, {code: b, label: {en: B}}]",
        ]
    return "\n".join(lines) + "\n"


def build_round(countries, questions: int, round_number: int):
    """A published round of ``questions`` questions to which every one of ``countries`` has replied, its
    answers spread over the four states and its texts filled in."""
    from questionnaires.models import Answer, ItemAnswer
    from questionnaires.services import reply_start, version_import_yaml, version_publish

    code = f"bench-{len(countries)}-{questions}-{round_number}"
    version = version_publish(version=version_import_yaml(text=questionnaire_yaml(code, round_number, questions)))
    version.parties.set(countries)
    replies = [reply_start(version=version, country=country) for country in countries]
    states = itertools.cycle(Answer.State.values + [Answer.State.APPROVED] * 2)
    answers = list(Answer.objects.filter(reply__version=version).order_by("pk"))
    for answer in answers:
        answer.state, answer.revision = next(states), 3
    Answer.objects.bulk_update(answers, ["state", "revision"], batch_size=2000)
    ItemAnswer.objects.filter(answer__reply__version=version, item__type="text").update(
        text="<p>The national action plan covers <strong>prevention</strong> and victim support.</p>" * 6
    )
    ItemAnswer.objects.filter(answer__reply__version=version, item__type="yes_no").update(yes_no="yes")
    return version, replies


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int, int, int]:
    """Median wall-clock and CPU milliseconds (this process: the server's Python, and SQLite's work),
    queries, bytes of HTML and bytes sent (compressed when the page is) of GET ``url``, and the wall-clock
    milliseconds of the first request (before anything kept in memory, such as a published version's
    rendered preview, can serve it)."""
    started = time.perf_counter()
    client.get(url)
    first = (time.perf_counter() - started) * 1000
    timings, cpu, queries, size, sent = [], [], 0, 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, headers={"accept-encoding": "gzip"})
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries, sent = len(captured.captured_queries), len(response.content)
        compressed = response.headers.get("Content-Encoding") == "gzip"
        size = len(gzip.decompress(response.content)) if compressed else sent
    return statistics.median(timings), statistics.median(cpu), queries, size, sent, first


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()

    from countries.models import Country
    from tests.factories import ReviewerFactory, SteeringMemberFactory

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        letters = (f"{a}{b}" for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        countries = [Country.objects.create(iso_code=next(letters), name=f"Bench country {n:03}",
                                            lanzarote_party=Country.PartyStatus.PARTY)
                     for n in range(max(COUNTRIES))]
        reviewer, steering = Client(), Client()
        reviewer.force_login(ReviewerFactory(username="bench-reviewer"))
        steering.force_login(SteeringMemberFactory(username="bench-steering"))
        print(f"database: {connection.vendor}; median of {arguments.repeat} requests; load {os.getloadavg()[0]:.1f}")
        print(f"{'Parties':>7} {'questions':>9} | {'page':<23} {'ms':>7} {'CPU ms':>7} {'queries':>7}"
              f" {'kB HTML':>8} {'kB sent':>8} {'first ms':>8}")
        for parties, questions in itertools.product(COUNTRIES, QUESTIONS):
            for round_number in range(1, ROUNDS + 1):
                version, replies = build_round(countries[:parties], questions, round_number)
            if connection.vendor == "postgresql":
                # Fresh statistics, as autovacuum keeps them on a live database: the rows were just
                # bulk-loaded, and without them PostgreSQL plans the item-answer read as for empty tables.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            pages = [
                ("dashboard (secretariat)", reviewer, f"/reports/progress/{version.pk}/"),
                ("dashboard (steering)", steering, f"/reports/progress/{version.pk}/"),
                ("version preview", reviewer, f"/versions/{version.pk}/preview/"),
                ("reply overview", reviewer, f"/replies/{replies[0].pk}/"),
            ]
            for name, client, url in pages:
                ms, cpu, queries, size, sent, first = measure(client, url, arguments.repeat)
                print(f"{parties:>7} {questions:>9} | {name:<23} {ms:>7.1f} {cpu:>7.1f} {queries:>7}"
                      f" {size / 1000:>8.1f} {sent / 1000:>8.1f} {first:>8.1f}")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
