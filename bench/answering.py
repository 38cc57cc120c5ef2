"""Benchmark: server time and query count of a question page and of an autosave request.

Run:  .venv/bin/python bench/answering.py   (uses a throw-away SQLite database, or DATABASE_URL if set)

Prints, for questions of growing size, the median server time of GET question page and POST autosave,
the median CPU time an autosave costs this process (what bounds autosave's latency when many editors
share the machine's cores), and the number of SQL queries of each; the query counts must not grow with
the number of items.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment

REPEAT = 15
SIZES = tuple(int(size) for size in os.environ.get("BENCH_SIZES", "2,5,25,100").split(","))
KINDS = ("text", "yes_no", "choice", "multi_choice", "number")


def questionnaire_yaml(items_per_question: int, code: str) -> str:
    lines = [f"code: {code}", 'version: "1"', "title: {en: Bench}", "sections:", "  - code: s",
             "    title: {en: S}", "    questions:", '      - number: "1"', "        title: {en: Big question}",
             "        items:"]
    for index in range(items_per_question):
        kind = KINDS[index % len(KINDS)]
        lines += [f'          - number: "1.{index + 1}"', f"            type: {kind}",
                  f"            text: {{en: Item {index + 1}}}"]
        if kind == "yes_no":
            lines.append("            explain: true")
        if kind in ("choice", "multi_choice"):
            lines.append("            choices: [{code: a, label: {en: A}}, {code: b, label: {en: B}}]")
    return "\n".join(lines) + "\n"


def measure(client: Client, method: str, url: str, data=None):
    timings, queries = [], 0
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.post(url, data) if method == "post" else client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured.captured_queries)
    return statistics.median(timings), queries


def main():
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import User

    from countries.models import Country, FocalPoint
    from questionnaires.models import Answer
    from questionnaires.services import reply_start, version_import_yaml, version_party_add, version_publish

    country, _ = Country.objects.get_or_create(iso_code="FR", defaults={"name": "France"})
    user, _ = User.objects.get_or_create(username="bench")
    FocalPoint.objects.get_or_create(user=user, defaults={"country": country})
    client = Client()
    client.force_login(user)

    print(f"{'items':>6} | {'page ms':>8} {'page queries':>13} | {'autosave ms':>11} {'CPU ms':>7} "
          f"{'autosave queries':>17}")
    for size in SIZES:
        version = version_publish(version=version_import_yaml(text=questionnaire_yaml(size, f"bench-{size}")))
        version_party_add(version=version, country=country)
        reply = reply_start(version=version, country=country, user=user)
        page_url = f"/replies/{reply.pk}/questions/1/"
        page_ms, page_queries = measure(client, "get", page_url)
        answer = Answer.objects.get(reply=reply)
        form_fields = {}
        for item_answer in answer.item_answers.select_related("item"):
            kind, key = item_answer.item.type, f"item_{item_answer.item_id}"
            form_fields[key] = {"text": "<p>Bench text</p>" * 50, "yes_no": "yes", "choice": "a",
                                "multi_choice": ["a", "b"], "number": "7"}[kind]
        timings, cpu_timings, queries = [], [], 0
        for round_number in range(REPEAT):
            answer.refresh_from_db()
            data = {"revision": answer.revision, "language": "en", **form_fields}
            data[next(k for k in form_fields if isinstance(form_fields[k], str) and "Bench" in form_fields[k])] = (
                f"<p>Edit {round_number}</p>"
            )
            with CaptureQueriesContext(connection) as captured:
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.post(f"{page_url}autosave/", data)
                timings.append((time.perf_counter() - started) * 1000)
                cpu_timings.append((time.process_time() - cpu_started) * 1000)
            assert response.status_code == 200, response.content
            queries = len(captured.captured_queries)
        print(f"{size:>6} | {page_ms:>8.1f} {page_queries:>13} | {statistics.median(timings):>11.1f} "
              f"{statistics.median(cpu_timings):>7.1f} {queries:>17}")


if __name__ == "__main__":
    main()
