"""Fault drills on the production stack (gunicorn + Celery worker + PostgreSQL + Redis, on loopback).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python bench/faults.py [--only redis worker postgres]

1. redis:    Redis is stopped. Autosave, the review queue, comments and decisions keep working; a
             compilation request says the background service is unreachable and stays queued. Redis is
             started again; the periodic re-queue job sends the request, and the compilation completes.
2. worker:   the Celery worker (all its processes) is killed with SIGKILL while it builds the round's
             compilation; a new worker is started; the re-queue job sends it again and it completes.
3. postgres: PostgreSQL is restarted under the running app; the next autosave succeeds without
             restarting anything (health-checked persistent connections), and so does the worker.

It works on a scratch database (created next to the one in DATABASE_URL, dropped afterwards) but stops
and starts the machine's Redis and PostgreSQL servers: never point it at shared services. The commands
are those that start the services on these machines; override them with REDIS_START_COMMAND,
REDIS_STOP_COMMAND and POSTGRES_RESTART_COMMAND. Exit status 1 if any check failed.
"""

import argparse
import json
import os
import secrets
import shlex
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from load import PYTHON, ROOT, _admin_sql, _environment, _scratch_database_url, _wait_until_up

PORT = 8766
BASE = f"http://127.0.0.1:{PORT}"
POSTGRES_VERSION = next(iter(sorted(os.listdir("/etc/postgresql"))), "15") if os.path.isdir("/etc/postgresql") else "15"
REDIS_START = os.environ.get("REDIS_START_COMMAND", "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 "
                             "--save '' --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log")
REDIS_STOP = os.environ.get("REDIS_STOP_COMMAND", "redis-cli -p 6379 shutdown nosave")
POSTGRES_RESTART = os.environ.get(
    "POSTGRES_RESTART_COMMAND", f"pg_ctlcluster --skip-systemctl-redirect {POSTGRES_VERSION} main restart")

SEED = r"""
import json
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.contrib.auth.models import User
from questionnaires.models import Answer, Version
call_command("demo_data", stdout=open("/dev/null", "w"))
version = Version.objects.get()
submitted = Answer.objects.filter(state="submitted").order_by("pk")
decide = submitted.first()
Answer.objects.filter(state="submitted").exclude(pk=decide.pk).update(state="approved")
# Every other Party replies at length, approved: the round takes long enough to be interrupted mid-task.
from questionnaires.models import Item, ItemAnswer
from questionnaires.services import reply_start
others = list(version.parties.exclude(replies__version=version))
for country in others:
    reply_start(version=version, country=country)
ItemAnswer.objects.filter(answer__reply__country__in=others, answer__reply__version=version,
                          item__type=Item.Type.TEXT).update(text="<p>" + "The unit works with the hotline. " * 300 + "</p>")
Answer.objects.filter(reply__country__in=others, reply__version=version).update(state="approved", revision=1)

def session(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client.cookies["sessionid"].value

draft = Answer.objects.filter(reply__country__iso_code="FR", question__number="2").get()
print(json.dumps({
    "focal": session("focal.fr"), "reviewer": session("reviewer"), "version": version.pk,
    "draft_url": f"/replies/{draft.reply_id}/questions/2/autosave/",
    "draft_field": f"item_{draft.item_answers.get(item__number='2.1').item_id}",
    "decide_url": f"/review/answers/{decide.pk}/decide/", "decide_answer": decide.pk,
    "comment_url": f"/answers/{draft.pk}/comments/",
    "question": version.questions.get(number="13").pk,
}))
"""

REQUEUE = ("import datetime, django; django.setup(); from reports.services import compilations_requeue_stuck; "
           "print(compilations_requeue_stuck(older_than=datetime.timedelta(0)))")


class Drill:
    def __init__(self, env: dict, accounts: dict):
        self.env, self.accounts = env, accounts
        self.csrf = secrets.token_hex(16)
        self.failures: list[str] = []
        self.web = self.worker = None
        self.revision = 0
        self.base = BASE  # the web instance that requests go to

    # processes ---------------------------------------------------------------------------------------
    def start_web(self):
        self.web = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", "python:config.gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", "2",
             "--log-level", "warning"], cwd=ROOT, env=self.env, start_new_session=True)
        _wait_until_up(f"{BASE}/accounts/login/")

    def start_worker(self):
        self.worker = subprocess.Popen(
            [str(Path(PYTHON).parent / "celery"), "-A", "config", "worker", "--loglevel=ERROR", "--concurrency=1",
             "--without-gossip", "--without-mingle"], cwd=ROOT, env=self.env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def kill_worker(self):
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait()

    def stop_all(self):
        for process in (self.web, self.worker):
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)

    def manage_python(self, code: str) -> str:
        return subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=self.env, check=True, capture_output=True,
                              text=True).stdout.strip()

    # HTTP --------------------------------------------------------------------------------------------
    def request(self, who: str, path: str, data: dict | None = None):
        body = None if data is None else urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={
            "Cookie": f"sessionid={self.accounts[who]}; csrftoken={self.csrf}", "X-CSRFToken": self.csrf,
            "X-Requested-With": "fetch", "Referer": self.base + "/",
        })
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers.get("Location", "")

    def autosave(self) -> int:
        status, body, _ = self.request("focal", self.accounts["draft_url"], {
            "revision": self.revision, "language": "en",
            self.accounts["draft_field"]: f"<p>Saved during the drill at {time.time():.3f}.</p>",
        })
        if status == 409:  # the seed data saved it first: take the current revision and save again
            self.revision = json.loads(body)["revision"]
            return self.autosave()
        if status == 200:
            self.revision = json.loads(body)["revision"]
        return status

    def compilation(self, kind: str, **fields) -> int:
        status, _, location = self.request("reviewer", f"/reports/versions/{self.accounts['version']}/compilations"
                                           f"/request/", {"kind": kind, **fields})
        if status != 302 or "/compilations/" not in location:
            raise SystemExit(f"the compilation request answered {status}")
        return int(location.rstrip("/").split("/")[-1])

    def compilation_page(self, pk: int) -> str:
        return self.request("reviewer", f"/reports/compilations/{pk}/")[1]

    def compilation_status(self, pk: int) -> dict:
        return json.loads(self.request("reviewer", f"/reports/compilations/{pk}/status/")[1])

    def wait_for(self, pk: int, statuses: set[str], seconds: float) -> dict:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            state = self.compilation_status(pk)
            if state["status"] in statuses:
                return state
            time.sleep(0.5)
        return self.compilation_status(pk)

    def check(self, ok: bool, what: str):
        print(f"  [{'ok' if ok else 'FAILED'}] {what}")
        if not ok:
            self.failures.append(what)

    # drills ------------------------------------------------------------------------------------------
    def redis(self):
        print("Redis stopped:")
        subprocess.run(shlex.split(REDIS_STOP), check=False, capture_output=True)
        try:
            self.check(self.autosave() == 200, "a focal point's autosave is stored")
            self.check(self.request("reviewer", "/review/")[0] == 200, "the review queue opens")
            self.check(self.request("reviewer", self.accounts["comment_url"], {"body": "Please check 2.1."})[0] == 302,
                       "a reviewer's comment is posted")
            status, _, _ = self.request("reviewer", self.accounts["decide_url"], {"action": "approved", "then": "stay"})
            self.check(status == 302, "a reviewer's decision is recorded")
            pk = self.compilation("question", question=self.accounts["question"])
            page = self.compilation_page(pk)
            self.check("background service is unreachable" in page, "the compilation page says the service is down")
            self.check(self.compilation_status(pk)["status"] == "queued", "the compilation request is kept, queued")
        finally:
            subprocess.run(shlex.split(REDIS_START), check=True, capture_output=True)
        time.sleep(2)
        print("Redis started again:")
        self.manage_python(REQUEUE)
        done = self.wait_for(pk, {"done", "failed"}, 120)
        self.check(done["status"] == "done", f"the kept compilation completes after the re-queue job ({done['status']})")

    def worker_kill(self):
        print("Worker killed mid-task:")
        pk = self.compilation("round")
        running = self.wait_for(pk, {"running", "done"}, 60)
        if running["status"] == "done":
            self.check(False, "the round compilation finished before it could be interrupted")
            return
        self.kill_worker()
        self.check(self.compilation_status(pk)["status"] == "running", "the compilation was interrupted while running")
        self.start_worker()
        time.sleep(3)
        self.manage_python(REQUEUE)
        done = self.wait_for(pk, {"done", "failed"}, 300)
        self.check(done["status"] == "done", f"the round compilation completes on the new worker ({done['status']})")

    def postgres(self):
        print("PostgreSQL restarted:")
        self.check(self.autosave() == 200, "autosave works before the restart")
        subprocess.run(shlex.split(POSTGRES_RESTART), check=True, capture_output=True)
        for _ in range(60):
            if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0:
                break
            time.sleep(0.5)
        self.check(self.autosave() == 200, "the first autosave after the restart succeeds (no manual action)")
        self.check(self.request("reviewer", "/review/")[0] == 200, "the review queue opens")
        pk = self.compilation("question", question=self.accounts["question"])
        done = self.wait_for(pk, {"done", "failed"}, 120)
        self.check(done["status"] in ("done",), f"the worker builds a compilation after the restart ({done['status']})")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", choices=["redis", "worker", "postgres"],
                        default=["redis", "worker", "postgres"])
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres") or not os.environ.get("REDIS_URL"):
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and REDIS_URL: the drills run the production stack.")
    database_url, database = _scratch_database_url(base_url)
    env = {**_environment(database_url), "COMPILATION_PDF": "true",
           "DJANGO_MEDIA_ROOT": str(Path("/tmp") / f"lanzarote-faults-{os.getpid()}")}
    _admin_sql(base_url, f'CREATE DATABASE "{database}"')
    drill = None
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
        accounts = json.loads(subprocess.run([PYTHON, "-c", SEED], cwd=ROOT, env=env, check=True,
                                             capture_output=True, text=True).stdout.strip().splitlines()[-1])
        drill = Drill(env, accounts)
        drill.start_web()
        drill.start_worker()
        for name in args.only:
            {"redis": drill.redis, "worker": drill.worker_kill, "postgres": drill.postgres}[name]()
    finally:
        if drill:
            drill.stop_all()
        if subprocess.run(["redis-cli", "-p", "6379", "ping"], capture_output=True).returncode != 0:
            subprocess.run(shlex.split(REDIS_START), check=False)
        _admin_sql(base_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    print(f"\n{len(drill.failures)} check(s) failed." if drill.failures else "\nAll checks passed.")
    sys.exit(1 if drill.failures else 0)


if __name__ == "__main__":
    main()
