"""Scale drill: two of everything on one machine, sharing PostgreSQL, Redis and an S3-compatible object store.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python bench/scale.py

Two gunicorn instances on two loopback ports and two Celery workers run on a scratch database (created next to
the one in DATABASE_URL, dropped afterwards), a Redis database of their own (REDIS_URL's server, database
SCALE_REDIS_DB, 13 unless set; emptied afterwards) and a moto S3 server the drill starts on a free loopback port.

1. files:   a reference text uploaded through web A is a private object in the bucket (nothing on local disk)
            and downloads, byte for byte, through web B; B refuses it to another country's focal point.
2. workers: a compilation requested on A completes on whichever worker takes it; B serves its DOCX.
3. kill:    the worker building the round's compilation is killed (all its processes, SIGKILL); the periodic
            re-queue job, sent through the broker as beat sends it, hands it to the other worker, which finishes.

PDF output is off: Typst takes about a minute over the round, and the drill is about sharing, not typesetting.
It stops no service of the machine. Bounded in time (SCALE_DRILL_SECONDS, 170 unless set); exit status 1 if
any check failed or the time ran out.
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import boto3
import redis
from faults import SEED, Drill, NoRedirect
from load import PYTHON, ROOT, _admin_sql, _environment, _scratch_database_url, _wait_until_up

BIN = Path(PYTHON).parent
TIME_LIMIT = int(os.environ.get("SCALE_DRILL_SECONDS", "170"))
REDIS_DB = int(os.environ.get("SCALE_REDIS_DB", "13"))
BUCKET = "lanzarote-scale-drill"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "scale-drill", "AWS_SECRET_ACCESS_KEY": "scale-drill-secret",
               "AWS_DEFAULT_REGION": "us-east-1"}
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n% uploaded during the scale drill\n"
REQUEUE_TASK = "reports.tasks.requeue_stuck_compilations"

# After the fault drills' seed: longer approved texts (the round's documents take about ten seconds to build,
# time enough to kill the worker building them), an editable answer of France's with a reference-text item,
# and a second country's focal point.
SEED_MORE = r"""
import json, django
django.setup()
from django.contrib.auth.models import User
from django.test import Client
from questionnaires.models import Answer, Item, ItemAnswer
ItemAnswer.objects.filter(answer__state=Answer.State.APPROVED, item__type=Item.Type.TEXT).update(
    text="<p>" + "The unit works with the hotline. " * 1000 + "</p>")
target = next(ia for ia in ItemAnswer.objects.filter(
    answer__reply__country__iso_code="FR", item__type=Item.Type.FILES).select_related("answer__question", "item")
    .order_by("answer__question__position") if ia.answer.is_editable_by_country)
other = User.objects.filter(focal_point__isnull=False).exclude(focal_point__country__iso_code="FR").first()
client = Client()
client.force_login(other)
print(json.dumps({"upload_url": f"/replies/{target.answer.reply_id}/questions/{target.answer.question.number}"
                                f"/attachments/", "item": target.item_id, "other": client.cookies["sessionid"].value}))
"""
LAST_ATTACHMENT = ("import django; django.setup(); from questionnaires.models import Attachment; "
                   "a = Attachment.objects.latest('pk'); print(a.pk, a.file.name)")
ATTEMPTS = ("import django, sys; django.setup(); from reports.models import Compilation; "
            "print(Compilation.objects.get(pk=int(sys.argv[1])).attempts)")


class TimeUp(Exception):
    pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _own_redis_database(url: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{REDIS_DB}"))


class ScaleDrill(Drill):
    def __init__(self, env: dict, accounts: dict, logs: Path):
        super().__init__(env, accounts)
        self.logs = logs
        self.webs: dict[str, subprocess.Popen] = {}
        self.workers: dict[str, subprocess.Popen] = {}
        self.bases: dict[str, str] = {}

    # processes ---------------------------------------------------------------------------------------
    def start_webs(self):
        for name in ("A", "B"):
            port = _free_port()
            self.bases[name] = f"http://127.0.0.1:{port}"
            self.webs[name] = subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", "python:config.gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
                 "--log-level", "warning", "--no-control-socket"], cwd=ROOT, env=self.env, start_new_session=True)
        for name, base in self.bases.items():
            _wait_until_up(f"{base}/accounts/login/")
            print(f"  web {name} answers on {base}")

    def start_workers(self):
        for name in ("worker1", "worker2"):
            log = open(self.logs / f"{name}.log", "w")  # noqa: SIM115 (kept open by the process)
            self.workers[name] = subprocess.Popen(
                [str(BIN / "celery"), "-A", "config", "worker", "--loglevel=INFO", "--concurrency=1",
                 "--without-gossip", "--without-mingle", "-n", f"{name}@%h"],
                cwd=ROOT, env=self.env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not all("ready." in self.log(name) for name in self.workers):
            time.sleep(0.3)
        for name in self.workers:
            print(f"  {name} {'is ready' if 'ready.' in self.log(name) else 'did NOT start'}")

    def log(self, worker: str) -> str:
        return (self.logs / f"{worker}.log").read_text(encoding="utf-8", errors="replace")

    def stop_all(self):
        for process in (*self.webs.values(), *self.workers.values()):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()

    # which worker does what (from the workers' own logs) ----------------------------------------------
    def building(self) -> list[str]:
        """The workers that received a compilation task they have not finished."""
        busy = []
        for name in self.workers:
            text = self.log(name)
            received = re.findall(r"build_compilation\[([0-9a-f-]+)\] received", text)
            finished = set(re.findall(r"build_compilation\[([0-9a-f-]+)\] (?:succeeded|retry|raised)", text))
            if any(task not in finished for task in received):
                busy.append(name)
        return busy

    def built_by(self, pk: int) -> list[str]:
        pattern = re.compile(r"build_compilation\[[0-9a-f-]+\] succeeded in [^:]+: \{'compilation': " + str(pk) + r",")
        return [name for name in self.workers if pattern.search(self.log(name))]

    # HTTP beyond what the fault drills send -----------------------------------------------------------
    def raw(self, who: str, base: str, path: str, body: bytes | None = None, content_type: str = ""):
        headers = {"Cookie": f"sessionid={self.accounts[who]}; csrftoken={self.csrf}", "X-CSRFToken": self.csrf,
                   "Referer": base + "/"}
        if content_type:
            headers["Content-Type"] = content_type
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(urllib.request.Request(base + path, data=body, headers=headers), timeout=30) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def upload(self, base: str) -> int:
        boundary = secrets.token_hex(12)
        fields = {"item": str(self.accounts["item"]), "title": "Law uploaded through web A", "language": "en"}
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
                 for key, value in fields.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="law.pdf"\r\n'
                     f"Content-Type: application/pdf\r\n\r\n".encode() + PDF + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        status, _, _ = self.raw("focal", base, self.accounts["upload_url"], b"".join(parts),
                                f"multipart/form-data; boundary={boundary}")
        return status

    # drills ------------------------------------------------------------------------------------------
    def files(self, bucket_keys, media_root: Path):
        print("A file uploaded through web A, downloaded through web B:")
        self.check(self.upload(self.bases["A"]) == 302, "the focal point's upload through web A is accepted")
        pk, name = self.manage_python(LAST_ATTACHMENT).split()
        self.check(name in bucket_keys(), f"the file is an object in the bucket ({name})")
        self.check(not any(p.is_file() for p in media_root.rglob("*")), "nothing was written to local disk")
        status, body, _ = self.raw("focal", self.bases["B"], f"/attachments/{pk}/")
        self.check(status == 200 and body == PDF, f"web B serves the same bytes to the focal point ({status})")
        status, _, _ = self.raw("other", self.bases["B"], f"/attachments/{pk}/")
        self.check(status == 404, f"web B refuses it to another country's focal point ({status})")

    def workers_share(self, bucket_keys):
        print("A compilation requested on web A, built by whichever worker takes it:")
        self.base = self.bases["A"]
        pk = self.compilation("question", question=self.accounts["question"])
        self.base = self.bases["B"]
        done = self.wait_for(pk, {"done", "failed"}, 60)
        self.check(done["status"] == "done", f"the compilation completes, seen from web B ({done['status']})")
        self.check(len(self.built_by(pk)) == 1, f"one worker built it ({', '.join(self.built_by(pk)) or 'none'})")
        docx = done.get("downloads", {}).get("docx", "")
        status, body, _ = self.raw("reviewer", self.bases["B"], docx) if docx else (0, b"", {})
        self.check(status == 200 and body[:2] == b"PK", f"web B serves its DOCX from the bucket ({status})")
        self.check(sum(key.startswith("compilations/") for key in bucket_keys()) >= 3,
                   "its files are objects in the bucket")

    def kill_one(self):
        print("The worker building a compilation is killed; the other finishes it:")
        self.base = self.bases["B"]
        pk = self.compilation("round")
        running = self.wait_for(pk, {"running", "done", "failed"}, 60)
        busy = self.building()
        if running["status"] != "running" or len(busy) != 1:
            self.check(False, f"the round compilation was running on one worker ({running['status']}, {busy})")
            return
        victim = busy[0]
        survivor = next(name for name in self.workers if name != victim)
        os.killpg(self.workers[victim].pid, signal.SIGKILL)
        self.workers[victim].wait()
        self.check(self.compilation_status(pk)["status"] == "running",
                   f"{victim} was killed (SIGKILL, all its processes) while building it")
        time.sleep(float(self.env["COMPILATION_STUCK_AFTER_SECONDS"]))
        subprocess.run([str(BIN / "celery"), "-A", "config", "call", REQUEUE_TASK], cwd=ROOT, env=self.env,
                       check=True, capture_output=True)
        print("  the re-queue job was sent through the broker (as beat sends it every two minutes)")
        self.base = self.bases["A"]
        done = self.wait_for(pk, {"done", "failed"}, 120)
        self.check(done["status"] == "done", f"the round compilation completes, seen from web A ({done['status']})")
        self.check(self.built_by(pk) == [survivor], f"{survivor} finished it")
        attempts = int(self.manage_python_args(ATTEMPTS, str(pk)))
        self.check(attempts >= 2, f"it was started again after the kill ({attempts} attempts)")
        status, body, _ = self.raw("reviewer", self.bases["A"], f"/reports/compilations/{pk}/download/zip/")
        self.check(status == 200 and body[:2] == b"PK", f"web A serves the round's ZIP ({status})")

    def manage_python_args(self, code: str, *args: str) -> str:
        return subprocess.run([PYTHON, "-c", code, *args], cwd=ROOT, env=self.env, check=True, capture_output=True,
                              text=True).stdout.strip()


def _time_up(signum, frame):
    raise TimeUp


def main():
    base_url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not base_url.startswith("postgres") or not redis_url:
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and REDIS_URL: the drill runs the production stack.")
    started = time.monotonic()
    signal.signal(signal.SIGALRM, _time_up)
    signal.alarm(TIME_LIMIT)
    database_url, database = _scratch_database_url(base_url)
    own_redis = _own_redis_database(redis_url)
    moto_port = _free_port()
    endpoint = f"http://127.0.0.1:{moto_port}"
    work = Path(tempfile.mkdtemp(prefix="lanzarote-scale-"))
    media_root = work / "media"
    env = {**_environment(database_url), **CREDENTIALS, "REDIS_URL": own_redis, "COMPILATION_PDF": "false", "PYTHONWARNINGS": "ignore:No directory at",
           "COMPILATION_STUCK_AFTER_SECONDS": "1", "DJANGO_MEDIA_ROOT": str(media_root),
           "DJANGO_S3_BUCKET": BUCKET, "DJANGO_S3_ENDPOINT_URL": endpoint, "DJANGO_S3_REGION": "us-east-1"}
    moto = subprocess.Popen([str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(moto_port)], cwd=work,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    drill, failed = None, []
    try:
        print(f"Scratch database {database}, Redis database {REDIS_DB}, S3 server on {endpoint}:")
        redis.Redis.from_url(own_redis).flushdb()
        _wait_until_up(f"{endpoint}/")
        s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                          aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"], region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)

        def bucket_keys() -> list[str]:
            return [item["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
                    for item in page.get("Contents", [])]

        _admin_sql(base_url, f'CREATE DATABASE "{database}"')
        subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
        accounts = json.loads(subprocess.run([PYTHON, "-c", SEED], cwd=ROOT, env=env, check=True,
                                             capture_output=True, text=True).stdout.strip().splitlines()[-1])
        accounts.update(json.loads(subprocess.run([PYTHON, "-c", SEED_MORE], cwd=ROOT, env=env, check=True,
                                                  capture_output=True, text=True).stdout.strip().splitlines()[-1]))
        print(f"  seeded in {time.monotonic() - started:.0f} s")
        drill = ScaleDrill(env, accounts, work)
        drill.start_webs()
        drill.start_workers()
        drill.files(bucket_keys, media_root)
        drill.workers_share(bucket_keys)
        drill.kill_one()
    except TimeUp:
        failed.append(f"the drill did not finish within {TIME_LIMIT} s")
    finally:
        signal.alarm(0)
        if drill:
            drill.stop_all()
        os.killpg(moto.pid, signal.SIGTERM)
        moto.wait(timeout=20)
        _admin_sql(base_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        redis.Redis.from_url(own_redis).flushdb()
    failed += drill.failures if drill else ["the drill did not start"]
    print(f"\nFinished in {time.monotonic() - started:.0f} s.")
    print("\n".join(f"FAILED: {failure}" for failure in failed) if failed else "All checks passed.")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
