"""Load test on loopback: gunicorn + PostgreSQL + Redis (+ a Celery worker), 50 focal points autosaving
and 5 reviewers browsing, driven by locust (bench/locustfile.py).

    .venv/bin/pip install -r bench/requirements.txt
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python bench/load.py [--seconds 60] [--users 50] [--reviewers 5] [--workers 4] [--port 8765]

It creates a scratch database next to the one in DATABASE_URL (dropped afterwards), loads the 47
countries and the demo questionnaire, gives each focal point their own answer, runs the load, then prints
p50/p95/p99 latency, throughput and errors per request type and checks that every autosave the server
confirmed is stored as a revision ("lost saves"). Exit status 1 when there were errors or lost saves,
or, with --check-latency, when autosave p95 exceeds 50 ms.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8765
AUTOSAVE_P95_TARGET_MS = 50


def _scratch_database_url(url: str) -> tuple[str, str]:
    parsed = urlparse(url)
    name = f"lanzarote_load_{os.getpid()}"
    return urlunparse(parsed._replace(path=f"/{name}")), name


def _admin_sql(base_url: str, sql: str):
    import psycopg

    parsed = urlparse(base_url)
    with psycopg.connect(urlunparse(parsed._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(sql)


def _environment(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "load-test-only-" + "x" * 40,
        "DATABASE_URL": database_url,
        "DJANGO_CONN_MAX_AGE": "60",
        "DJANGO_TWO_FACTOR_REQUIRED": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


SEED = r"""
import json, sys
import django
django.setup()
from pathlib import Path
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.test import Client
from countries.models import FocalPoint
from countries.services import countries_import
from questionnaires.models import Answer, Item
from questionnaires.permissions import REVIEWERS
from questionnaires.services import reply_start, version_import_yaml, version_publish

users, reviewers, password = int(sys.argv[1]), int(sys.argv[2]), "load-test-password"


def session_of(user):
    # Signed in beforehand: 55 password hashes at once would measure PBKDF2, not the application.
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


countries_import(csv_text=Path(settings.COUNTRIES_CSV).read_text(encoding="utf-8-sig"))
version = version_publish(version=version_import_yaml(text=Path(settings.DEMO_QUESTIONNAIRE_YAML).read_text()))
hashed = make_password(password)
countries = list(version.parties.order_by("name"))  # only the round's Parties may reply
first_text_item = {}
for item in Item.objects.filter(question__version=version, type=Item.Type.TEXT).select_related("question").order_by(
        "question__position", "position"):
    first_text_item.setdefault(item.question_id, item)
text_items = list(first_text_item.values())  # one per question: each focal point has an answer of their own
replies = {}
focal_points = []
for n in range(users):
    country = countries[n % len(countries)]
    user = User.objects.create(username=f"focal{n}", password=hashed)
    FocalPoint.objects.create(user=user, country=country)
    if country.pk not in replies:
        replies[country.pk] = reply_start(version=version, country=country, user=user)
    item = text_items[n // len(countries)]  # a different answer for every focal point of one country
    answer = Answer.objects.get(reply=replies[country.pk], question=item.question)
    focal_points.append({
        "username": user.username, "session": session_of(user), "answer": answer.pk, "field": f"item_{item.pk}",
        "question_url": f"/replies/{answer.reply_id}/questions/{item.question.number}/",
        "autosave_url": f"/replies/{answer.reply_id}/questions/{item.question.number}/autosave/",
    })
group = Group.objects.get(name=REVIEWERS)
reviewer_accounts = []
for n in range(reviewers):
    user = User.objects.create(username=f"reviewer{n}", password=hashed)
    user.groups.add(group)
    reviewer_accounts.append({"username": user.username, "session": session_of(user)})
print(json.dumps({
    "password": password, "focal_points": focal_points, "reviewers": reviewer_accounts,
    "answers": [fp["answer"] for fp in focal_points], "progress_url": f"/reports/progress/{version.pk}/",
}))
"""

COUNT_REVISIONS = r"""
import json, sys
import django
django.setup()
from django.db.models import Count
from questionnaires.models import AnswerRevision
ids = json.loads(sys.argv[1])
rows = AnswerRevision.objects.filter(answer_id__in=ids).values("answer_id").annotate(n=Count("pk"))
print(json.dumps({str(row["answer_id"]): row["n"] for row in rows}))
"""


def _wait_until_up(url: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer at {url}")


def _stats(csv_path: Path) -> list[dict]:
    with open(csv_path, newline="", encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=50, help="focal points autosaving")
    parser.add_argument("--reviewers", type=int, default=5)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (as in the Procfile)")
    parser.add_argument("--port", type=int, default=PORT, help="where gunicorn listens (on loopback)")
    parser.add_argument("--check-latency", action="store_true", help=f"fail if autosave p95 > {AUTOSAVE_P95_TARGET_MS} ms")
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres") or not os.environ.get("REDIS_URL"):
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and REDIS_URL: the load test runs the production stack.")

    load_before = os.getloadavg()[0]
    database_url, database = _scratch_database_url(base_url)
    env = _environment(database_url)
    processes = []
    _admin_sql(base_url, f'CREATE DATABASE "{database}"')
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
        seeded = subprocess.run([PYTHON, "-c", SEED, str(args.users), str(args.reviewers)], cwd=ROOT, env=env,
                                check=True, capture_output=True, text=True)
        accounts = json.loads(seeded.stdout.strip().splitlines()[-1])
        work = Path(tempfile.mkdtemp(prefix="lanzarote-load-"))
        (work / "accounts.json").write_text(json.dumps(accounts), encoding="utf-8")
        bin_dir = Path(PYTHON).parent
        processes.append(subprocess.Popen(
            [str(bin_dir / "gunicorn"), "-c", "python:config.gunicorn", "config.wsgi",
             "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers), "--log-level", "warning"],
            cwd=ROOT, env=env))
        processes.append(subprocess.Popen(
            [str(bin_dir / "celery"), "-A", "config", "worker", "--loglevel=WARNING", "--concurrency=1"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL))
        _wait_until_up(f"http://127.0.0.1:{args.port}/accounts/login/")
        total = args.users + args.reviewers
        subprocess.run([
            str(bin_dir / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
            "--host", f"http://127.0.0.1:{args.port}", "--users", str(total), "--spawn-rate", "10",
            "--run-time", f"{args.seconds}s", "--csv", str(work / "load"), "--only-summary", "--reset-stats", "--loglevel", "WARNING",
        ], cwd=ROOT, env={**env, "LOAD_ACCOUNTS": str(work / "accounts.json"),
                          "LOAD_RESULT": str(work / "confirmed.json")}, check=False)
        confirmed = json.loads((work / "confirmed.json").read_text(encoding="utf-8"))
        stored = json.loads(subprocess.run(
            [PYTHON, "-c", COUNT_REVISIONS, json.dumps(accounts["answers"])], cwd=ROOT, env=env, check=True,
            capture_output=True, text=True).stdout.strip().splitlines()[-1])
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        _admin_sql(base_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    rows = _stats(work / "load_stats.csv")
    print(f"\n{args.users} focal points autosaving and {args.reviewers} reviewers browsing for {args.seconds} s "
          f"(gunicorn, {args.workers} workers; PostgreSQL; Redis); load average before the run: {load_before:.1f}\n")
    print(f"{'request':<22}{'count':>8}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>9}")
    autosave_p95 = None
    errors = 0
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all requests"
        print(f"{name:<22}{row['Request Count']:>8}{row['Failure Count']:>8}{row['50%']:>9}{row['95%']:>9}"
              f"{row['99%']:>9}{float(row['Requests/s']):>9.1f}")
        if row["Name"] == "autosave":
            autosave_p95 = float(row["95%"])
        if row["Name"] == "Aggregated":
            errors = int(row["Failure Count"])
    confirmed_total = sum(confirmed.values())
    lost = {answer: count - stored.get(answer, 0) for answer, count in confirmed.items() if stored.get(answer, 0) < count}
    print(f"\nautosaves confirmed: {confirmed_total}; revisions stored for them: "
          f"{sum(stored.get(answer, 0) for answer in confirmed)}; lost saves: {sum(lost.values())}")
    print(f"errors: {errors}")
    latency_ok = autosave_p95 is not None and autosave_p95 <= AUTOSAVE_P95_TARGET_MS
    print(f"autosave p95: {autosave_p95} ms (target ≤ {AUTOSAVE_P95_TARGET_MS} ms: {'met' if latency_ok else 'NOT met'})")
    failed = errors or lost or not confirmed_total or (args.check_latency and not latency_ok)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
