"""Benchmark: the public site's pages at 200 Parties × 3 rounds (issue 17).

Run:  .venv/bin/python bench/public.py   (or `make bench-public`; DATABASE_URL=postgres://... for PostgreSQL)

In a throw-away test database it builds three rounds of 16 questions (round numbers 1 to 3) to which
200 Parties replied, approves every answer, publishes every reply, and has 20 other stakeholders answer
every question of the latest round and comment on 5 Parties' replies each, all published; then it prints
for the latest round the median server time and the number of queries of the round page, one State's
reply, one question's page (every Party's and stakeholder's answer side by side, with the comments) and
one stakeholder's contribution: uncached (a plain GET) and with caching (the browser's or a shared
cache's conditional GET, answered 304 from the ETag).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:///bench-public.sqlite3")  # the test database is in memory

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, setup_test_environment, teardown_databases  # noqa: E402,E501

from pages import build_round  # noqa: E402

PARTIES, QUESTIONS, ROUNDS, STAKEHOLDERS, COMMENTS = 200, 16, 3, 20, 5


def measure(client: Client, url: str, repeat: int, headers=None) -> tuple[float, int, int]:
    """Median milliseconds, queries and status of GET ``url``."""
    client.get(url, headers=headers or {})
    timings, queries, status = [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, headers=headers or {})
            timings.append((time.perf_counter() - started) * 1000)
        queries, status = len(captured.captured_queries), response.status_code
    return statistics.median(timings), queries, status


def publish_stakeholders(version, countries, reviewer) -> None:
    """``STAKEHOLDERS`` invited organisations, each answering every question (approved) and commenting on
    ``COMMENTS`` Parties' answers (accepted), all published."""
    from countries.models import Organisation
    from questionnaires.models import Answer, ItemAnswer
    from questionnaires.services import reply_start
    from reports.publication.services import stakeholder_publish
    from tests.factories import InvitationFactory, StakeholderFactory, stakeholder_comment

    question = version.questions.get(number="8")
    for n in range(STAKEHOLDERS):
        organisation = Organisation.objects.create(name=f"Bench organisation {n:02}")
        contact = StakeholderFactory(organisation=organisation).user
        invitation = InvitationFactory(organisation=organisation, version=version)
        reply = reply_start(version=version, organisation=organisation)
        Answer.objects.filter(reply=reply).update(state=Answer.State.APPROVED, revision=2)
        ItemAnswer.objects.filter(answer__reply=reply, item__type="text").update(
            text="<p>Our helpline hears of <strong>few referrals</strong> to the specialised unit.</p>" * 4)
        for country in countries[n * COMMENTS:(n + 1) * COMMENTS]:
            stakeholder_comment(invitation=invitation, author=contact, country=country, question=question,
                                body="<p>The unit has two officers only.</p>", reviewer=reviewer)
        stakeholder_publish(version=version, organisation=organisation, user=reviewer)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()

    from countries.models import Country
    from questionnaires.models import Answer
    from reports.publication.services.publishing import reply_publish
    from tests.factories import ReviewerFactory

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        reviewer = ReviewerFactory(username="bench-publisher")
        letters = (f"{a}{b}" for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        countries = [Country.objects.create(iso_code=next(letters), name=f"Bench country {n:03}",
                                            lanzarote_party=Country.PartyStatus.PARTY) for n in range(PARTIES)]
        started = time.perf_counter()
        for round_number in range(1, ROUNDS + 1):
            version, _replies = build_round(countries, QUESTIONS, round_number)
            Answer.objects.filter(reply__version=version).update(state=Answer.State.APPROVED)
            for country in countries:
                reply_publish(version=version, country=country, user=reviewer)
        publish_stakeholders(version, countries, reviewer)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"database: {connection.vendor}; {PARTIES} Parties x {ROUNDS} rounds x {QUESTIONS} questions and "
              f"{STAKEHOLDERS} stakeholders, all published (built in {time.perf_counter() - started:.0f} s); median of {arguments.repeat}; "
              f"load {os.getloadavg()[0]:.1f}")
        print(f"{'page':<34} {'uncached ms':>12} {'queries':>8} | {'cached (304) ms':>16} {'queries':>8}")
        client = Client()
        pages = [
            ("round", f"/rounds/{ROUNDS}/"),
            ("one State's reply", f"/rounds/{ROUNDS}/states/bench-country-100/"),
            ("one question, every Party", f"/rounds/{ROUNDS}/questions/8/"),
            ("one stakeholder's contribution", f"/rounds/{ROUNDS}/stakeholders/bench-organisation-07/"),
        ]
        for name, url in pages:
            ms, queries, status = measure(client, url, arguments.repeat)
            assert status == 200, (url, status)
            etag = client.get(url)["ETag"]
            cached_ms, cached_queries, cached_status = measure(client, url, arguments.repeat,
                                                               headers={"if-none-match": etag})
            assert cached_status == 304, (url, cached_status)
            print(f"{name:<34} {ms:>12.1f} {queries:>8} | {cached_ms:>16.1f} {cached_queries:>8}")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
