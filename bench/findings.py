"""Benchmark: the findings pages at 47 and 200 Parties (issue 16).

Run:  .venv/bin/python bench/findings.py   (or `make bench-findings`; DATABASE_URL=postgres://... for PostgreSQL)

In a throw-away test database it publishes the demo questionnaire, gives Question 13 a codebook of 20
categories, makes 47 and then 200 Parties answer it (about 300 words each, approved) and has two coders
code every answer with three categories and their passages. It prints the median server time and the
number of queries of the coding page (every Party, and one Party's answer with its form), the figures
page (with a drill-down and a cross-table), the agreement page, the matrix page and its XLSX, and the
time of computing the agreement alone. The query counts must be the same at both sizes.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:///bench-findings.sqlite3")  # the test database is in memory

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, setup_test_environment, teardown_databases  # noqa: E402,E501

SIZES = (47, 200)
CATEGORIES = 20
WORDS = ("the national police unit investigates online offences against children with trained staff and "
         "dedicated analysts who cooperate with prosecutors and international partners ").split()


def codebook_yaml() -> str:
    lines = ['question: "13"', "categories:"]
    for group in range(4):
        lines += [f"  - code: group-{group}", f"    label: {{en: Group {group}}}", "    one_subcategory_only: true",
                  "    categories:"]
        lines += [f"      - {{code: c{group}-{n}, label: {{en: Category {group}.{n}}}}}" for n in range(4)]
    return "\n".join(lines) + "\n"  # 4 groups of 4: 20 categories


def answer_text(n: int) -> str:
    words = [WORDS[(n + i) % len(WORDS)] for i in range(300)]
    return "".join(f"<p>{' '.join(words[i:i + 30])}.</p>" for i in range(0, 300, 30))


def build(size: int, coders):
    from countries.models import Country
    from questionnaires.models import Answer
    from questionnaires.services import ItemValue, answer_save, reply_start, version_import_yaml, version_publish
    from reports.analysis.selectors import answer_texts
    from reports.analysis.services import Code, codebook_import_yaml, coding_save

    text = Path(settings.DEMO_QUESTIONNAIRE_YAML).read_text(encoding="utf-8").replace(
        "code: ict-2017", f"code: bench-{size}")
    version = version_publish(version=version_import_yaml(text=text))
    letters = (f"{a}{b}" for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    countries = [Country.objects.get_or_create(iso_code=code, defaults={"name": f"Bench country {n:03}"})[0]
                 for n, code in zip(range(size), letters)]
    version.parties.set(countries)
    question = version.questions.get(number="13")
    codebook_import_yaml(question=question, text=codebook_yaml())
    for n, country in enumerate(countries):
        reply = reply_start(version=version, country=country)
        answer = answer_save(answer=reply.answers.get(question=question), values={
            "13.1.a": ItemValue(yes_no="yes" if n % 3 else "no"), "13.4": ItemValue(text=answer_text(n))}, user=None)
        Answer.objects.filter(pk=answer.pk).update(state=Answer.State.APPROVED)
        answer.refresh_from_db()
        quote = " ".join(answer_texts(answer)["13.4"].split()[5:12])
        for c, coder in enumerate(coders):
            codes = [Code(category=f"c{g}-{(n + c * (g == 0)) % 4}", quote=quote, item_number="13.4")
                     for g in range(3)]
            coding_save(answer=answer, coder=coder, codes=codes)
    return version, question


def measure(action, repeat: int) -> tuple[float, float, int]:
    """Median wall-clock and CPU milliseconds (this process: Python and SQLite's work; PostgreSQL's own
    work is in the wall-clock figure only) and the number of queries."""
    action()
    timings, cpu, queries = [], [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            action()
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        queries = len(captured.captured_queries)
    return statistics.median(timings), statistics.median(cpu), queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()
    from reports.analysis.selectors import agreement_of
    from tests.factories import ReviewerFactory

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        coders = [ReviewerFactory(username="bench-coder-1"), ReviewerFactory(username="bench-coder-2")]
        client = Client()
        client.force_login(coders[0])
        print(f"database: {connection.vendor}; median of {arguments.repeat}; {CATEGORIES} categories, 2 coders; "
              f"load {os.getloadavg()[0]:.1f}")
        print(f"{'Parties':>7} | {'what':<40} {'ms':>7} {'CPU ms':>7} {'queries':>7}")
        for size in SIZES:
            version, question = build(size, coders)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")

            def page(url):
                def get():
                    response = client.get(url)
                    assert response.status_code == 200, (url, response.status_code)
                return get

            first_answer = question.answers.order_by("reply__country__name").first()
            cases = [
                ("coding page (every Party)", page(f"/findings/questions/{question.pk}/coding/")),
                ("coding one Party's answer", page(f"/findings/questions/{question.pk}/answers/{first_answer.pk}/code/")),
                ("figures page (drill-down, cross-table)",
                 page(f"/findings/questions/{question.pk}/figures/?show=code:group-0&a=code:c0-1&b=item:13.1.a%3Dyes")),
                ("agreement page", page(f"/findings/questions/{question.pk}/agreement/")),
                (f"matrix page ({size} x {CATEGORIES})", page(f"/findings/questions/{question.pk}/matrix/")),
                ("matrix as XLSX", page(f"/findings/questions/{question.pk}/matrix.xlsx")),
                ("agreement computed alone", lambda: agreement_of(question)),
            ]
            for name, action in cases:
                ms, cpu, queries = measure(action, arguments.repeat)
                print(f"{size:>7} | {name:<40} {ms:>7.1f} {cpu:>7.1f} {queries:>7}")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
